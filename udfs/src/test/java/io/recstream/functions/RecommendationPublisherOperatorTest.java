package io.recstream.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.recstream.event.NumericId;
import io.recstream.experiment.StickinessEvent;
import io.recstream.recommend.CandidateList;
import io.recstream.recommend.PublishRule;
import io.recstream.recommend.Recommendation;

import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The publisher in its operator: on RocksDB it keeps recently used users' last lists on the heap
 * ({@link HeapStateCache}); on the heap backend it reads and writes the state on every list.
 */
class RecommendationPublisherOperatorTest {
    private static final int USERS = 12;
    private static final Duration TTL = Duration.ofDays(30);
    /** Longer than any test's run: an unused list stays cached. */
    private static final long KEEP = Duration.ofDays(1).toMillis();

    private KeyedOneInputStreamOperatorTestHarness<Long, CandidateList, Recommendation> harness;

    @AfterEach
    void close() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void onRocksDbWithItsCacheItPublishesAndStoresAsOnTheHeap() throws Exception {
        Run heap = run(false, 4096, 0, KEEP);
        Run uncached = run(true, 0, 0, KEEP);
        Run cached = run(true, 4096, 5, KEEP); // one list a millisecond: a user's last list is written 5 lists after its change
        Run churning = run(true, 2, Long.MAX_VALUE, KEEP); // 12 users, a cache of 2: it writes back and empties all the time
        Run kept = run(true, 4096, 5, 20); // an unused list is served 20 lists after its write, then read again
        Run keptNothing = run(true, 4096, 5, 0); // a list is served only until its change is written
        assertThat(heap.published).isNotEmpty();
        assertThat(heap.stickiness).hasSize(400);
        for (Run rocksDb : List.of(uncached, cached, churning, kept, keptNothing)) {
            assertThat(rocksDb.published).usingRecursiveComparison().isEqualTo(heap.published);
            assertThat(rocksDb.stickiness).usingRecursiveComparison().isEqualTo(heap.stickiness);
            assertThat(rocksDb.stored).usingRecursiveComparison().isEqualTo(heap.stored);
        }
    }

    /** What a run published and told stickiness, in order, and what the backend holds for each user at its end. */
    private record Run(List<Recommendation> published, List<StickinessEvent> stickiness,
                       List<RecommendationPublisher.PublishedList> stored) {}

    @Test
    void aCachedListIsNotServedLongerThanItsTimeToLiveAfterItsLastWrite() throws Exception {
        Duration ttl = Duration.ofHours(1); // the backend's clock is the wall clock's: far from expiring in this test
        open(true, 4096, 0, Duration.ofHours(2).toMillis(), ttl); // kept twice the time-to-live if it were not capped
        CandidateList first = TestLists.byCooccurrence("u1", 1_000L, "item-1", "item-2", "item-3");
        harness.setProcessingTime(0);
        harness.processElement(first, first.ts); // a miss: the user is new; the list is written at once
        harness.setProcessingTime(ttl.toMillis() - 1);
        harness.processElement(first, first.ts); // within its time-to-live: found
        assertThat(listCache().misses()).isEqualTo(1);
        assertThat(listCache().hits()).isEqualTo(1);
        harness.setProcessingTime(2 * ttl.toMillis() - 1); // its last write was at ttl - 1
        harness.processElement(first, first.ts);
        assertThat(listCache().misses()).isEqualTo(2); // read from the backend, which decides on its expiry
        assertThat(listCache().hits()).isEqualTo(1);
    }

    private HeapStateCache<RecommendationPublisher.PublishedList> listCache() {
        return ((RecommendationPublisher) ((RecommendationPublisherOperator) harness.getOperator()).getUserFunction()).listCache();
    }

    private Run run(boolean rocksDb, int cachedUsers, long writeBehindMillis, long keepMillis) throws Exception {
        List<CandidateList> lists = lists(400);
        List<Recommendation> published = new ArrayList<>();
        List<StickinessEvent> stickiness = new ArrayList<>();
        open(rocksDb, cachedUsers, writeBehindMillis, keepMillis, TTL, null);
        for (int n = 0; n < lists.size(); n++) {
            CandidateList list = lists.get(n);
            harness.setProcessingTime(n);
            harness.processElement(list, list.ts);
            if (n == 200) {
                harness.prepareSnapshotPreBarrier(1L); // as the runtime does before a snapshot
                OperatorSubtaskState snapshot = harness.snapshot(1L, list.ts);
                collect(published, stickiness);
                harness.close();
                open(rocksDb, cachedUsers, writeBehindMillis, keepMillis, TTL, snapshot);
            }
        }
        harness.getOperator().finish(); // the end of input
        collect(published, stickiness);
        List<RecommendationPublisher.PublishedList> stored = new ArrayList<>();
        KeyedStateBackend<Long> backend = ((AbstractStreamOperator<?>) harness.getOperator()).getKeyedStateBackend();
        ValueStateDescriptor<RecommendationPublisher.PublishedList> descriptor =
                new ValueStateDescriptor<>("last-published", RecommendationPublisher.PublishedList.class);
        descriptor.enableTimeToLive(StateTtlConfig.newBuilder(TTL)
                .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite).cleanupFullSnapshot().build());
        for (int u = 0; u < USERS; u++) {
            backend.setCurrentKey(NumericId.of("u" + u));
            ValueState<RecommendationPublisher.PublishedList> state =
                    backend.getPartitionedState(VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE, descriptor);
            stored.add(state.value());
        }
        harness.close();
        harness = null;
        return new Run(published, stickiness, stored);
    }

    private void open(boolean rocksDb, int cachedUsers, long writeBehindMillis, long keepMillis, Duration ttl) throws Exception {
        open(rocksDb, cachedUsers, writeBehindMillis, keepMillis, ttl, null);
    }

    private void open(boolean rocksDb, int cachedUsers, long writeBehindMillis, long keepMillis, Duration ttl,
                      OperatorSubtaskState restored) throws Exception {
        RecommendationPublisher publisher = new RecommendationPublisher("model-7", 5, ttl, new PublishRule(2, 3));
        harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new RecommendationPublisherOperator(publisher, cachedUsers, writeBehindMillis, keepMillis),
                (KeySelector<CandidateList, Long>) list -> list.userId, Types.LONG);
        if (rocksDb) {
            harness.setStateBackend(new EmbeddedRocksDBStateBackend());
        }
        if (restored != null) {
            harness.initializeState(restored);
        }
        harness.open();
    }

    private void collect(List<Recommendation> published, List<StickinessEvent> stickiness) {
        published.addAll(harness.extractOutputValues());
        var side = harness.getSideOutput(RecommendationPublisher.STICKINESS);
        if (side != null) {
            for (StreamRecord<StickinessEvent> r : side) {
                stickiness.add(r.getValue());
            }
        }
        harness.getOutput().clear();
        if (side != null) {
            side.clear();
        }
    }

    /** Lists of 3-6 of 10 items for one of {@value #USERS} users, some after a purchase: published, held back or unchanged. */
    private static List<CandidateList> lists(int n) {
        SplittableRandom random = new SplittableRandom(7);
        List<CandidateList> lists = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String user = "u" + random.nextInt(USERS);
            int size = 3 + random.nextInt(4);
            String[] items = new String[size];
            int first = random.nextInt(3);
            for (int k = 0; k < size; k++) {
                items[k] = "item-" + ((first + k * (1 + random.nextInt(2))) % 10);
            }
            items = Arrays.stream(items).distinct().toArray(String[]::new);
            CandidateList list = TestLists.byCooccurrence(user, 1_000L * (i + 1), items);
            list.eventItemId = NumericId.of("item-" + random.nextInt(10));
            list.afterPurchase = random.nextInt(10) == 0;
            lists.add(list);
        }
        return lists;
    }
}
