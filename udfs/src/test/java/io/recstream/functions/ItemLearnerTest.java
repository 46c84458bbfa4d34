package io.recstream.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.recstream.learn.LearningConfig;
import io.recstream.model.ItemFactor;
import io.recstream.model.ItemFactorSerializer;
import io.recstream.model.ItemModel;
import io.recstream.model.ItemNeighbours;
import io.recstream.model.ItemUpdate;
import io.recstream.model.TestItems;

import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.util.Collector;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

class ItemLearnerTest {
    private final LearningConfig config = LearningConfig.builder().dim(4).build();
    private KeyedOneInputStreamOperatorTestHarness<Long, ItemUpdate, ItemFactor> harness;

    private KeyedOneInputStreamOperatorTestHarness<Long, ItemUpdate, ItemFactor> open(long publishIntervalMs) throws Exception {
        return open(publishIntervalMs, publishIntervalMs);
    }

    private KeyedOneInputStreamOperatorTestHarness<Long, ItemUpdate, ItemFactor> open(
            long publishIntervalMs, long factorPublishIntervalMs) throws Exception {
        return open(publishIntervalMs, factorPublishIntervalMs, 0, null);
    }

    private KeyedOneInputStreamOperatorTestHarness<Long, ItemUpdate, ItemFactor> open(
            long publishIntervalMs, long factorPublishIntervalMs, long stateTtlMs, OperatorSubtaskState restored) throws Exception {
        return open(publishIntervalMs, factorPublishIntervalMs, stateTtlMs, restored, false, 8192);
    }

    private KeyedOneInputStreamOperatorTestHarness<Long, ItemUpdate, ItemFactor> open(long publishIntervalMs,
            long factorPublishIntervalMs, long stateTtlMs, OperatorSubtaskState restored, boolean rocksDb, int cachedItems)
            throws Exception {
        harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new ItemLearner(config, publishIntervalMs, factorPublishIntervalMs, stateTtlMs, cachedItems),
                u -> u.item, Types.LONG);
        if (rocksDb) {
            harness.setStateBackend(new EmbeddedRocksDBStateBackend());
        }
        if (restored != null) {
            harness.initializeState(restored);
        }
        harness.open();
        return harness;
    }

    @AfterEach
    void close() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    private static ItemUpdate interaction(String item, long ts) {
        return TestItems.interaction(item, ts, new float[] {0.1f, 0.2f, 0.3f, 0.4f}, 1f, new String[] {"z"}, new float[] {1f});
    }

    @Test
    void withIntervalZeroPublishesAfterEveryUpdate() throws Exception {
        open(0);
        harness.processElement(interaction("a", 1L), 1L);
        harness.processElement(interaction("a", 2L), 2L);
        harness.processElement(TestItems.cooccurrence("b", 3L, "a", 1f), 3L); // b has no name yet: not published
        harness.processElement(interaction("b", 4L), 4L);

        assertThat(harness.extractOutputValues())
                .extracting(f -> f.item, f -> f.version)
                .containsExactly(tuple("a", 1L), tuple("a", 2L), tuple("b", 2L));
    }

    /**
     * Under object reuse the chained sink gets the published record itself, and a sink may keep it
     * (a buffer, a test's list): what it holds must stay what was published, on the heap backend
     * (this harness's) whose state object the next update changes in place too.
     */
    @Test
    void aPublishedItemStaysAsPublishedWhenTheSinkKeepsIt() throws Exception {
        harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new ItemLearner(config, 0, 0, 0), u -> u.item, Types.LONG);
        harness.setup(new UncopiedOutput<>(ItemFactorSerializer.INSTANCE));
        harness.open();
        harness.processElement(interaction("a", 1L), 1L);
        ItemFactor first = harness.extractOutputValues().get(0);
        float[] vectorThen = first.vector.clone();

        harness.processElement(interaction("a", 2L), 2L);

        assertThat(harness.extractOutputValues()).extracting(f -> f.version).containsExactly(1L, 2L);
        assertThat(first.version).isEqualTo(1L);
        assertThat(first.neighbours).containsExactly(TestItems.ids("z"));
        assertThat(first.neighbourWeights).containsExactly(1f);
        assertThat(first.vector).containsExactly(vectorThen);
    }

    @Test
    void publishesTheSameItemTheModelComputes() throws Exception {
        open(0);
        ItemModel model = new ItemModel(config);
        ItemFactor expected = TestItems.create(model, "a");
        for (long ts = 1; ts <= 3; ts++) {
            harness.processElement(interaction("a", ts), ts);
            model.apply(expected, interaction("a", ts));
        }
        ItemFactor last = harness.extractOutputValues().get(2);
        assertThat(last).usingRecursiveComparison().ignoringFields("trendKey", "slot", "norm").isEqualTo(expected);
        assertThat(last.neighbours).containsExactly(TestItems.ids("z"));
        assertThat(last.popularity).isEqualTo(3.0);
    }

    @Test
    void withAnIntervalPublishesEachChangedItemOncePerInterval() throws Exception {
        open(100);
        harness.setProcessingTime(0);
        harness.processElement(interaction("a", 1L), 1L);
        harness.processElement(interaction("a", 2L), 2L);
        harness.processElement(interaction("b", 3L), 3L);
        assertThat(harness.extractOutputValues()).isEmpty();

        harness.setProcessingTime(99);
        assertThat(harness.extractOutputValues()).isEmpty();

        harness.setProcessingTime(100);
        assertThat(harness.extractOutputValues())
                .extracting(f -> f.item, f -> f.version)
                .containsExactlyInAnyOrder(tuple("a", 2L), tuple("b", 1L));

        harness.setProcessingTime(150);
        harness.processElement(interaction("a", 4L), 4L);
        harness.setProcessingTime(199);
        assertThat(harness.extractOutputValues()).hasSize(2);
        harness.setProcessingTime(200);
        assertThat(harness.extractOutputValues()).hasSize(3);
        assertThat(harness.extractOutputValues().get(2).version).isEqualTo(3L);

        // nothing changed: nothing published
        harness.setProcessingTime(1000);
        assertThat(harness.extractOutputValues()).hasSize(3);
    }

    @Test
    void anItemChangedOnlyByFactorStepsWaitsForTheLongerInterval() throws Exception {
        open(100, 1000);
        harness.setProcessingTime(0);
        harness.processElement(interaction("n", 0L), 0L); // names n
        harness.setProcessingTime(100);
        harness.processElement(TestItems.negative("n", 1L, new float[] {0.1f, 0.2f, 0.3f, 0.4f}), 1L);
        harness.processElement(interaction("a", 2L), 2L);

        harness.setProcessingTime(200);
        assertThat(harness.extractOutputValues()).extracting(f -> f.item, f -> f.version)
                .containsExactly(tuple("n", 1L), tuple("a", 1L));

        // a later neighbour change of n publishes it early, with the factor step included ...
        harness.processElement(TestItems.cooccurrence("n", 3L, "a", 1f), 3L);
        harness.setProcessingTime(300);
        assertThat(harness.extractOutputValues())
                .extracting(f -> f.item, f -> f.version)
                .containsExactly(tuple("n", 1L), tuple("a", 1L), tuple("n", 3L));

        // ... so the long interval's timer finds nothing new to publish
        harness.setProcessingTime(1000);
        assertThat(harness.extractOutputValues()).hasSize(3);

        harness.processElement(TestItems.negative("n", 4L, new float[] {0.1f, 0.2f, 0.3f, 0.4f}), 4L);
        harness.setProcessingTime(1999);
        assertThat(harness.extractOutputValues()).hasSize(3);
        harness.setProcessingTime(2000);
        assertThat(harness.extractOutputValues())
                .extracting(f -> f.item, f -> f.version)
                .containsExactly(tuple("n", 1L), tuple("a", 1L), tuple("n", 3L), tuple("n", 4L));
    }

    @Test
    void updatesAlternatingBetweenTheIntervalsArePublishedByTheEarlierTierWithoutAKeyedTimer() throws Exception {
        open(100, 1000);
        harness.setProcessingTime(0);
        harness.processElement(interaction("n", 0L), 0L); // names n: the short tier, at 100
        for (int n = 1; n <= 6; n++) {
            harness.processElement(n % 2 == 0 ? TestItems.cooccurrence("n", n, "a", 1f) : negative("n", n), n);
        }
        // one timer of the operator per tier, none per item in the backend's timer queue
        assertThat(harness.numProcessingTimeTimers()).isZero();

        harness.setProcessingTime(100);
        assertThat(harness.extractOutputValues()).extracting(f -> f.item, f -> f.version).containsExactly(tuple("n", 7L));

        harness.processElement(negative("n", 7L), 7L); // a factor step alone: the long tier, at 1000
        harness.processElement(TestItems.cooccurrence("n", 8L, "a", 1f), 8L); // moves it to the short one, at 200
        harness.setProcessingTime(200);
        assertThat(harness.extractOutputValues()).extracting(f -> f.version).containsExactly(7L, 9L);
        harness.setProcessingTime(1000);
        assertThat(harness.extractOutputValues()).hasSize(2); // nothing waits in the long tier
    }

    @Test
    void everyWaitingItemIsPublishedBeforeABarrierSoACheckpointHoldsNoneWaiting() throws Exception {
        open(100, 1000);
        harness.setProcessingTime(0);
        harness.processElement(interaction("a", 1L), 1L);
        harness.processElement(interaction("b", 2L), 2L);
        harness.processElement(negative("b", 3L), 3L);
        harness.processElement(interaction("c", 4L), 4L);
        harness.processElement(negative("c", 5L), 5L);
        harness.setProcessingTime(100); // a, b and c published at 100; c's negative waits for 1000
        harness.processElement(negative("c", 6L), 6L);
        harness.processElement(negative("a", 7L), 7L);
        assertThat(harness.extractOutputValues()).hasSize(3);

        harness.prepareSnapshotPreBarrier(1L);
        assertThat(harness.extractOutputValues().subList(3, 5)).extracting(f -> f.item, f -> f.version)
                .containsExactlyInAnyOrder(tuple("c", 3L), tuple("a", 2L));

        harness.setProcessingTime(1000); // the long tier's timer finds nothing waiting
        assertThat(harness.extractOutputValues()).hasSize(5);
    }

    @Test
    void theEndOfInputPublishesEveryWaitingItem() throws Exception {
        open(100, 1000);
        harness.setProcessingTime(0);
        harness.processElement(interaction("a", 1L), 1L);
        harness.processElement(negative("a", 2L), 2L);
        harness.endInput();
        assertThat(harness.extractOutputValues()).extracting(f -> f.item, f -> f.version).containsExactly(tuple("a", 2L));
    }

    /** What an earlier build, a {@code KeyedProcessFunction}, left in a savepoint: the item and its keyed publishing timer. */
    private static final class EarlierBuild extends KeyedProcessFunction<Long, ItemUpdate, ItemFactor> {
        private final LearningConfig config;

        EarlierBuild(LearningConfig config) {
            this.config = config;
        }

        @Override
        public void processElement(ItemUpdate update, Context ctx, Collector<ItemFactor> out) throws Exception {
            ValueState<ItemFactor> items = getRuntimeContext().getState(new ValueStateDescriptor<>("item-factor", ItemFactor.class));
            ItemFactor item = new ItemModel(config).create(update.item, update.name);
            item.version = 5;
            items.update(item);
            ctx.timerService().registerProcessingTimeTimer(100);
        }
    }

    @Test
    void aKeyedPublishingTimerOfAnEarlierBuildsSavepointPublishesItsItem() throws Exception {
        var earlier = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new EarlierBuild(config)), (ItemUpdate u) -> u.item, Types.LONG);
        earlier.open();
        earlier.setProcessingTime(0);
        earlier.processElement(interaction("a", 1L), 1L);
        OperatorSubtaskState snapshot = earlier.snapshot(1L, 10L);
        earlier.close();

        open(100, 1000, 0, snapshot);
        assertThat(harness.numProcessingTimeTimers()).isEqualTo(1);
        harness.setProcessingTime(100);
        assertThat(harness.extractOutputValues()).extracting(f -> f.item, f -> f.version).containsExactly(tuple("a", 5L));
        assertThat(harness.numProcessingTimeTimers()).isZero();
    }

    /**
     * On RocksDB the operator keeps its latest states on the heap ({@link ItemStateCache}); the
     * heap backend's objects are its snapshots' too, so there it reads the backend every time. Both
     * must publish the same items, keep the same state and expire the same items, across a restore.
     */
    @Test
    void onRocksDbWithItsCacheItPublishesStoresAndExpiresAsOnTheHeap() throws Exception {
        List<String> heap = run(false, 8192);
        assertThat(run(true, 8192)).isEqualTo(heap);
        assertThat(run(true, 4)).isEqualTo(heap); // 12 items, a cache of 4: it writes back and empties all the time
    }

    /** What a run of updates of 12 items published, in order, what the backend holds at its end, and which items expired. */
    private List<String> run(boolean rocksDb, int cachedItems) throws Exception {
        open(100, 1000, TTL, null, rocksDb, cachedItems);
        java.util.Random random = new java.util.Random(3);
        List<String> seen = new java.util.ArrayList<>();
        long time = 0;
        for (int n = 0; n < 600; n++) {
            String item = "i" + random.nextInt(n < 300 ? 12 : 6); // i6 to i11 expire in the second half
            long ts = T0 + n * DAY / 2;
            ItemUpdate update = switch (random.nextInt(3)) {
                case 0 -> interaction(item, ts);
                case 1 -> negative(item, ts);
                default -> TestItems.cooccurrence(item, ts, "i" + random.nextInt(12), random.nextFloat());
            };
            harness.processElement(update, ts);
            time += random.nextInt(60);
            harness.setProcessingTime(time);
            if (n % 50 == 49) {
                harness.processWatermark(ts - 20 * DAY);
            }
            if (n == 300) {
                harness.prepareSnapshotPreBarrier(1L); // as the runtime does before a snapshot
                OperatorSubtaskState snapshot = harness.snapshot(1L, 10L);
                seen.addAll(described(harness.extractOutputValues()));
                harness.close();
                open(100, 1000, TTL, snapshot, rocksDb, cachedItems);
            }
        }
        harness.endInput();
        seen.addAll(described(harness.extractOutputValues()));
        for (int i = 0; i < 12; i++) {
            ItemFactor factor = stateOf("i" + i, new ValueStateDescriptor<>("item-factor", ItemFactor.class));
            ItemNeighbours held = stateOf("i" + i, new ValueStateDescriptor<>("item-neighbours", ItemNeighbours.Serializer.INSTANCE));
            seen.add("state " + i + ": " + (factor == null ? "-" : describe(factor))
                    + (held == null ? " -" : " " + java.util.Arrays.toString(held.ids) + java.util.Arrays.toString(held.weights)));
        }
        harness.close();
        harness = null;
        return seen;
    }

    private static List<String> described(List<ItemFactor> published) {
        return published.stream().map(ItemLearnerTest::describe).toList();
    }

    private static String describe(ItemFactor f) {
        return f.item + " v" + f.version + " " + java.util.Arrays.toString(f.vector) + " b" + f.bias + " p" + f.popularity
                + " t" + f.touchedTs + " x" + f.expiryTimer + " " + java.util.Arrays.toString(f.neighbours)
                + java.util.Arrays.toString(f.neighbourWeights);
    }

    private <T> T stateOf(String item, ValueStateDescriptor<T> descriptor) throws Exception {
        KeyedStateBackend<Long> backend = harness.getOperator().getKeyedStateBackend();
        backend.setCurrentKey(TestItems.id(item));
        ValueState<T> state = backend.getPartitionedState(VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE, descriptor);
        return state.value();
    }

    @Test
    void neighboursLiveInTheirOwnStateAndAreJoinedOnlyToPublish() throws Exception {
        open(0);
        harness.processElement(interaction("a", 1L), 1L);                    // co-occurring z
        harness.processElement(TestItems.negative("a", 2L, new float[] {0.1f, 0.2f, 0.3f, 0.4f}), 2L);

        ItemFactor factor = stateOf("a", new ValueStateDescriptor<>("item-factor", ItemFactor.class));
        ItemNeighbours neighbours = stateOf("a", new ValueStateDescriptor<>("item-neighbours", ItemNeighbours.Serializer.INSTANCE));
        assertThat(factor.version).isEqualTo(2);
        assertThat(factor.neighbours).isEmpty();
        assertThat(neighbours.ids).containsExactly(TestItems.ids("z"));
        // both publications, the negative's too, carry the neighbours
        assertThat(harness.extractOutputValues()).extracting(f -> f.neighbours.length).containsExactly(1, 1);
    }

    @Test
    void stateAndVersionsSurviveARestore() throws Exception {
        open(0);
        harness.processElement(interaction("a", 1L), 1L);
        harness.processElement(interaction("a", 2L), 2L);
        var snapshot = harness.snapshot(1L, 10L);
        harness.close();

        open(0, 0, 0, snapshot);
        harness.processElement(interaction("a", 3L), 3L);

        ItemFactor f = harness.extractOutputValues().get(0);
        assertThat(f.version).isEqualTo(3L);
        assertThat(f.popularity).isEqualTo(3.0);
    }

    private static ItemUpdate negative(String item, long ts) {
        return TestItems.negative(item, ts, new float[] {0.1f, 0.2f, 0.3f, 0.4f});
    }

    private List<String> tombstones() {
        return harness.extractOutputValues().stream().filter(ItemFactor::isTombstone).map(f -> f.item).toList();
    }

    // Event times of a replay: 1997, with a TTL of 90 days; processing time never moves.
    private static final long T0 = 852_076_800_000L;
    private static final long DAY = 86_400_000L;
    private static final long TTL = 90 * DAY;

    @Test
    void anItemUntouchedForTheTtlExpiresWithATombstoneAndATouchedOneIsKept() throws Exception {
        open(0, 0, TTL, null);
        harness.processElement(interaction("old", T0), T0);
        harness.processElement(interaction("kept", T0), T0);
        harness.processElement(TestItems.cooccurrence("kept", T0 + 60 * DAY, "z", 1f), T0 + 60 * DAY); // a touch
        harness.processElement(negative("old", T0 + 80 * DAY), T0 + 80 * DAY); // a sampled negative is not
        assertThat(harness.numKeyedStateEntries()).isEqualTo(4); // factor and neighbours of each

        harness.processWatermark(T0 + TTL - 1);
        assertThat(tombstones()).isEmpty();
        harness.processWatermark(T0 + TTL);
        assertThat(tombstones()).containsExactly("old");
        assertThat(harness.numKeyedStateEntries()).isEqualTo(2); // both states of old are gone
        ItemFactor tombstone = harness.extractOutputValues().get(harness.extractOutputValues().size() - 1);
        assertThat(tombstone.vector).isNull();

        // kept lives until 90 days after its own last touch
        harness.processWatermark(T0 + 150 * DAY - 1);
        assertThat(tombstones()).containsExactly("old");
        harness.processWatermark(T0 + 150 * DAY);
        assertThat(tombstones()).containsExactly("old", "kept");
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void aNegativeForAnExpiredItemDoesNotBringItBackButAnInteractionStartsItAfresh() throws Exception {
        open(0, 0, TTL, null);
        harness.processElement(interaction("a", T0), T0);
        harness.processWatermark(T0 + TTL);
        assertThat(tombstones()).containsExactly("a");
        int before = harness.extractOutputValues().size();

        harness.processElement(negative("a", T0 + TTL + 1), T0 + TTL + 1);
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.extractOutputValues()).hasSize(before);

        harness.processElement(interaction("a", T0 + TTL + 2), T0 + TTL + 2);
        ItemFactor reborn = harness.extractOutputValues().get(before);
        assertThat(reborn.item).isEqualTo("a");
        assertThat(reborn.version).isEqualTo(1L); // a new item: nothing of the expired one is left
        assertThat(reborn.popularity).isEqualTo(1.0);
    }

    @Test
    void expiryTimersSurviveARestore() throws Exception {
        open(0, 0, TTL, null);
        harness.processElement(interaction("a", T0), T0);
        harness.processElement(interaction("b", T0 + 30 * DAY), T0 + 30 * DAY);
        OperatorSubtaskState snapshot = harness.snapshot(1L, 10L);
        harness.close();

        open(0, 0, TTL, snapshot);
        harness.processWatermark(T0 + TTL);
        assertThat(tombstones()).containsExactly("a");
        harness.processWatermark(T0 + 30 * DAY + TTL);
        assertThat(tombstones()).containsExactly("a", "b");
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void theEndOfInputExpiresNothingAndARestoredItemStillExpiresLater() throws Exception {
        open(0, 0, TTL, null);
        harness.processElement(interaction("a", T0), T0);
        harness.processWatermark(Long.MAX_VALUE); // a bounded input ends, or a drained stop
        assertThat(tombstones()).isEmpty();
        assertThat(harness.numKeyedStateEntries()).isEqualTo(2);
        OperatorSubtaskState snapshot = harness.snapshot(1L, 10L);
        harness.close();

        // the end of input consumed the timer; the item's next update, even a negative, sets a new one
        open(0, 0, TTL, snapshot);
        harness.processElement(negative("a", T0 + DAY), T0 + DAY);
        harness.processWatermark(T0 + DAY + TTL - 1);
        assertThat(tombstones()).isEmpty();
        harness.processWatermark(T0 + DAY + TTL);
        assertThat(tombstones()).containsExactly("a");
    }
}
