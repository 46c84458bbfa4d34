package io.recstream.functions;

import io.recstream.model.TestItems;
import static io.recstream.model.TestItems.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.recstream.event.Event;
import io.recstream.event.NumericId;
import io.recstream.event.EventType;
import io.recstream.experiment.Experiment;
import io.recstream.learn.FactorInit;
import io.recstream.learn.LearningConfig;
import io.recstream.learn.TestConfigs;
import io.recstream.model.ItemFactor;
import io.recstream.model.ItemFactorBatch;
import io.recstream.model.ItemModel;
import io.recstream.model.ItemUpdate;
import io.recstream.model.Replicas;
import io.recstream.recommend.QualityOutcome;
import io.recstream.recommend.CandidateList;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.runtime.checkpoint.CheckpointOptions;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.runtime.state.memory.MemCheckpointStreamFactory;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.streaming.api.operators.OperatorSnapshotFinalizer;
import org.apache.flink.streaming.api.operators.OperatorSnapshotFutures;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

class UserLearnerTest {
    private static final LearningConfig CONFIG = TestConfigs.handComputable().dim(4).topK(5).recentItems(3)
            .trendingCandidates(10).rankingCandidates(5).negatives(0).build();

    private final List<KeyedBroadcastOperatorTestHarness<Long, Event, ItemFactorBatch, CandidateList>> opened = new ArrayList<>();

    private KeyedBroadcastOperatorTestHarness<Long, Event, ItemFactorBatch, CandidateList> harness(LearningConfig config)
            throws Exception {
        return harness(config, Duration.ZERO);
    }

    private KeyedBroadcastOperatorTestHarness<Long, Event, ItemFactorBatch, CandidateList> harness(
            LearningConfig config, Duration itemTtl) throws Exception {
        KeySelector<Event, Long> byUser = e -> e.userId;
        var h = ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                new UserLearner(config, false, Duration.ZERO, itemTtl), byUser, Types.LONG);
        opened.add(h);
        return h;
    }

    @AfterEach
    void close() throws Exception {
        for (var h : opened) {
            h.close();
        }
    }

    private static Event view(String user, String item, long ts) {
        return Event.interaction(user, item, EventType.VIEW, "web", ts);
    }

    static <T> List<T> side(KeyedBroadcastOperatorTestHarness<?, ?, ?, ?> h, OutputTag<T> tag) {
        List<T> values = new ArrayList<>();
        var records = h.getSideOutput(tag);
        if (records != null) {
            for (StreamRecord<T> r : records) {
                values.add(r.getValue());
            }
        }
        return values;
    }

    private static CandidateList last(KeyedBroadcastOperatorTestHarness<?, ?, ?, CandidateList> h) {
        List<CandidateList> out = h.extractOutputValues();
        return out.get(out.size() - 1);
    }

    private static float scoreOf(CandidateList r, String item) {
        int i = Arrays.asList(r.items).indexOf(item);
        assertThat(i).as("%s in %s", item, Arrays.toString(r.items)).isNotNegative();
        return r.scores[i];
    }

    @Test
    void aLiveListCarriesTheRankingCandidatesOnlyWhenTheRankingModelOrdersIt() throws Exception {
        LearningConfig config = TestConfigs.handComputable().dim(4).topK(2).recentItems(3)
                .trendingCandidates(10).rankingCandidates(5).negatives(0).build();
        int[] sizes = new int[2];
        for (boolean ranked : new boolean[] {false, true}) {
            KeySelector<Event, Long> byUser = e -> e.userId;
            var h = ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                    new UserLearner(config, Experiment.single(config, ranked), false, Duration.ZERO, Duration.ZERO), byUser, Types.LONG);
            opened.add(h);
            for (int i = 0; i < 8; i++) {
                h.processElement(view("u" + i, "i" + i, 1000L + i), 1000L + i);
            }
            h.processElement(view("u0", "i1", 2000L), 2000L);
            sizes[ranked ? 1 : 0] = last(h).size();
        }
        // unranked: only the list is described; ranked: the model's five candidates
        assertThat(sizes).containsExactly(2, 5);
    }

    @Test
    void eachInteractionSendsOneInteractionUpdateAndOneCooccurrenceUpdatePerRecentItem() throws Exception {
        var h = harness(CONFIG);
        h.processElement(view("u1", "a", 1000L), 1000L);
        h.processElement(view("u1", "b", 2000L), 2000L);
        h.processElement(view("u1", "c", 3000L), 3000L);

        // a: recent [] -> 1; b: recent [a] -> 1 + 1; c: recent [b, a] -> 1 + 2; only interactions carry the name
        assertThat(side(h, UserLearner.ITEM_UPDATES))
                .extracting(u -> u.item, u -> u.name, u -> u.steps, u -> u.popularityIncrement,
                        u -> Arrays.stream(u.coItems).boxed().toList(), u -> u.factorDelta != null)
                .containsExactly(
                        tuple(id("a"), "a", 1, 1f, List.of(), true),
                        tuple(id("b"), "b", 1, 1f, List.of(id("a")), true),
                        tuple(id("a"), null, 1, 0f, List.of(id("b")), false),
                        tuple(id("c"), "c", 1, 1f, List.of(id("b"), id("a")), true),
                        tuple(id("b"), null, 1, 0f, List.of(id("c")), false),
                        tuple(id("a"), null, 1, 0f, List.of(id("c")), false));
        // co-occurrence weights fall with recency: VIEW weight 1, then recencyDecay 0.9
        ItemUpdate toC = side(h, UserLearner.ITEM_UPDATES).get(3);
        assertThat(toC.coWeights).containsExactly(1f, 0.9f);
        assertThat(side(h, UserLearner.ITEM_UPDATES).get(5).coWeights).containsExactly(0.9f);
    }

    @Test
    void theInteractionUpdateCarriesTheItemStepAgainstTheUserVectorFromBeforeItsStep() throws Exception {
        var h = harness(CONFIG);
        h.processElement(view("u1", "a", 1000L), 1000L);
        float[] initial = FactorInit.vector(NumericId.of("u1"), CONFIG.dim, CONFIG.initStdDev, CONFIG.seed);
        ItemModel model = new ItemModel(CONFIG);
        ItemFactor a = TestItems.create(model, "a");
        ItemUpdate expected = ItemUpdate.factorStep(a.id, "a", 1000L);
        model.factorStep(a, initial, CONFIG.isgdStep().error(initial, a.vector, a.bias, 1f), 1f, expected);
        assertThat(side(h, UserLearner.ITEM_UPDATES).get(0).factorDelta).containsExactly(expected.factorDelta);
    }

    @Test
    void everyEventYieldsOneQualityOutcome() throws Exception {
        var h = harness(CONFIG);
        h.processElement(view("u2", "x", 1000L), 1000L);
        h.processElement(view("u2", "y", 2000L), 2000L);
        h.processElement(view("u1", "a", 3000L), 3000L);   // first interaction: not evaluated
        h.processElement(Event.search("u1", "shoes", "app", 3500L), 3500L);
        h.processElement(view("u1", "x", 4000L), 4000L);   // x was recommended after a
        h.processElement(view("u1", "x", 5000L), 5000L);   // seen already: a repeat, evaluated, a miss

        List<QualityOutcome> quality = side(h, UserLearner.QUALITY);
        assertThat(quality).extracting(q -> q.user, q -> q.item, q -> q.evaluated, q -> q.repeat)
                .containsExactly(tuple("u2", "x", false, false), tuple("u2", "y", true, false), tuple("u1", "a", false, false),
                        tuple("u1", null, false, false), tuple("u1", "x", true, false), tuple("u1", "x", true, true));
        QualityOutcome x = quality.get(4);
        assertThat(x.hit()).isTrue();
        assertThat(x.popularityHit).isTrue();
        QualityOutcome repeat = quality.get(5);
        assertThat(repeat.hit()).isFalse();
        assertThat(repeat.popularityHit).isFalse();
        // searches learn nothing
        assertThat(side(h, UserLearner.ITEM_UPDATES)).hasSize(1 + 2 + 1 + 2 + 2);
    }

    @Test
    void withoutLiveListsTheLearnerLearnsTheSameAndEmitsNoListAndEvaluatesNothing() throws Exception {
        var withLists = harness(CONFIG);
        var learningOnly = harness(CONFIG.toBuilder().liveLists(false).build());
        for (var h : List.of(withLists, learningOnly)) {
            h.processElement(view("u1", "a", 1000L), 1000L);
            h.processElement(view("u2", "a", 1500L), 1500L);
            h.processElement(view("u1", "b", 2000L), 2000L);
            h.processElement(view("u2", "b", 2500L), 2500L);
        }

        assertThat(withLists.extractOutputValues()).hasSize(4);
        assertThat(learningOnly.extractOutputValues()).isEmpty();
        assertThat(side(learningOnly, UserLearner.QUALITY)).hasSize(4).noneMatch(q -> q.evaluated);
        assertThat(side(withLists, UserLearner.QUALITY)).anyMatch(q -> q.evaluated);
        assertThat(side(learningOnly, UserLearner.ITEM_UPDATES))
                .usingRecursiveFieldByFieldElementComparator()
                .containsExactlyElementsOf(side(withLists, UserLearner.ITEM_UPDATES));
    }

    @Test
    void recommendationsExcludeSeenItems() throws Exception {
        var h = harness(CONFIG);
        h.processElement(view("u2", "x", 1000L), 1000L);
        h.processElement(view("u2", "y", 2000L), 2000L);
        h.processElement(view("u2", "z", 3000L), 3000L);
        h.processElement(view("u1", "a", 4000L), 4000L);
        h.processElement(view("u1", "x", 5000L), 5000L);

        CandidateList r = last(h);
        assertThat(r.user).isEqualTo("u1");
        assertThat(r.ts).isEqualTo(5000L);
        assertThat(r.channel).isEqualTo("web");
        assertThat(r.items).containsExactlyInAnyOrder("y", "z");
        assertThat(r.scores).hasSameSizeAs(r.items);
        assertThat(h.extractOutputValues()).hasSize(5);
    }

    /**
     * A hand-made clickstream of one shopper: view a, b, c, back to a, cart b, buy b, view b again.
     * Re-find candidates (weight 100, far above any blend score, so the list is the recent items
     * most recent first) bring back what was viewed or carted, not what was just bought.
     */
    @Test
    void recentlyViewedItemsComeBackAsReFindCandidatesButAPurchaseWaitsForItsPause() throws Exception {
        long day = 86_400_000L;
        List<Event> clicks = List.of(
                view("u", "a", 1), view("u", "b", 2), view("u", "c", 3), view("u", "a", 4),
                Event.interaction("u", "b", EventType.CART, "web", 5),
                Event.interaction("u", "b", EventType.PURCHASE, "web", 6),
                view("u", "b", 7),
                view("u", "b", 7 + 31 * day));
        LearningConfig refind = CONFIG.toBuilder().refindWeight(100f).purchasePauseMs(30 * day).build();
        var h = harness(refind);
        for (Event e : clicks) {
            h.processElement(e, e.ts);
        }
        List<QualityOutcome> quality = side(h, UserLearner.QUALITY);
        // event: 1 not evaluated (first); 2 b, list [a]: miss; 3 c, list [b, a]: miss;
        // 4 a (repeat), list [c, b, a]: rank 2; 5 b (repeat), list [a, c, b]: rank 2;
        // 6 b (repeat), list [b, a, c]: rank 0; 7 b, bought at 6: no list may hold it, a miss;
        // 8 b, 31 days on: it may come back now, but the list made at 7 was [a, c], a miss;
        // the list made at 8 holds it again
        assertThat(quality).extracting(q -> q.evaluated, q -> q.repeat, q -> q.rank).containsExactly(
                tuple(false, false, -1), tuple(true, false, -1), tuple(true, false, -1),
                tuple(true, true, 2), tuple(true, true, 2), tuple(true, true, 0),
                tuple(true, true, -1), tuple(true, true, -1));
        assertThat(Arrays.asList(last(h).items)).containsExactly("b", "a", "c");

        var never = harness(CONFIG);
        for (Event e : clicks) {
            never.processElement(e, e.ts);
        }
        // without re-find candidates every repeat is a miss, and lists hold no seen item
        assertThat(side(never, UserLearner.QUALITY)).filteredOn(q -> q.repeat).extracting(q -> q.rank).containsOnly(-1);
        assertThat(last(never).items).isEmpty();
    }

    @Test
    void aNewerPublishedItemReplacesTheReplicaCopyAndChangesTheScore() throws Exception {
        // factor score only, so an item's score is exactly u.v
        var h = harness(CONFIG.toBuilder().cooccurrenceWeight(0f).popularityWeight(0f).build());
        h.processElement(view("u2", "x", 1000L), 1000L);
        h.processElement(view("u2", "y", 2000L), 2000L);
        h.processElement(view("u1", "x", 3000L), 3000L);
        h.processElement(Event.search("u1", "q", "web", 3500L), 3500L);
        assertThat(scoreOf(last(h), "y")).isNotZero();

        h.processBroadcastElement(batchOf(published("y", 100L, 0f)), 4000L);
        h.processElement(Event.search("u1", "q", "web", 4500L), 4500L);
        assertThat(scoreOf(last(h), "y")).isZero();

        // a stale publication is ignored
        h.processBroadcastElement(batchOf(published("y", 50L, 1f)), 5000L);
        h.processElement(Event.search("u1", "q", "web", 5500L), 5500L);
        assertThat(scoreOf(last(h), "y")).isZero();
    }

    @Test
    void anExpiredItemLeavesTheReplicaAndAnOlderCopyArrivingLaterDoesNotBringItBack() throws Exception {
        Duration ttl = Duration.ofDays(90);
        var h = harness(CONFIG, ttl);
        h.processBroadcastWatermark(Long.MAX_VALUE); // the feed holds no event time back (RecStreamJob)
        h.processElement(view("u2", "x", 1000L), 1000L);
        h.processElement(view("u2", "y", 2000L), 2000L);
        h.processElement(view("u1", "x", 3000L), 3000L);
        assertThat(last(h).items).contains("y"); // a neighbour of x, and popular

        long expiredAt = 2000L + ttl.toMillis();
        h.processWatermark(expiredAt);
        h.processBroadcastElement(batchOf(TestItems.tombstone("y")), expiredAt);
        h.processElement(Event.search("u1", "q", "web", expiredAt + 1), expiredAt + 1);
        assertThat(last(h).items).doesNotContain("y");

        // a copy of y published before it expired, arriving late (x still names y as a neighbour)
        ItemFactor stale = published("y", 1L, 1f);
        stale.touchedTs = 2000L;
        h.processBroadcastElement(batchOf(stale), expiredAt + 2);
        h.processElement(Event.search("u1", "q", "web", expiredAt + 3), expiredAt + 3);
        assertThat(last(h).items).doesNotContain("y");
    }

    @Test
    void theSameEventsGiveTheSameOutputs() throws Exception {
        LearningConfig config = CONFIG.toBuilder().negatives(2).build();
        List<Event> events = randomEvents(400);
        var first = harness(config);
        var second = harness(config);
        for (Event e : events) {
            first.processElement(e, e.ts);
        }
        for (Event e : events) {
            second.processElement(e, e.ts);
        }

        assertThat(first.extractOutputValues()).hasSize(400);
        assertThat(second.extractOutputValues()).usingRecursiveFieldByFieldElementComparator()
                .containsExactlyElementsOf(first.extractOutputValues());
        assertThat(side(first, UserLearner.ITEM_UPDATES)).anyMatch(ItemUpdate::isFactorOnly); // negatives were drawn
        assertThat(side(second, UserLearner.ITEM_UPDATES)).usingRecursiveFieldByFieldElementComparator()
                .containsExactlyElementsOf(side(first, UserLearner.ITEM_UPDATES));
        assertThat(side(second, UserLearner.QUALITY)).usingRecursiveFieldByFieldElementComparator()
                .containsExactlyElementsOf(side(first, UserLearner.QUALITY));
    }

    @Test
    void onlyTheFirstNegativeItemStepsOfAnInteractionSendAnItemUpdate() throws Exception {
        List<Event> events = randomEvents(300);
        long interactions = events.stream().filter(Event::isInteraction).count();
        for (LearningConfig.Loss loss : LearningConfig.Loss.values()) {
            long[] factorOnly = new long[3];
            long[] others = new long[3];
            int[] itemSteps = {0, 2, 6};
            for (int k = 0; k < itemSteps.length; k++) {
                var h = harness(CONFIG.toBuilder().loss(loss).negatives(6).negativeItemSteps(itemSteps[k]).build());
                for (Event e : events) {
                    h.processElement(e, e.ts);
                }
                List<ItemUpdate> updates = side(h, UserLearner.ITEM_UPDATES);
                factorOnly[k] = updates.stream().filter(ItemUpdate::isFactorOnly).count();
                others[k] = updates.size() - factorOnly[k];
            }
            assertThat(factorOnly[0]).as(loss.name()).isZero();
            assertThat(factorOnly[1]).as(loss.name()).isPositive().isLessThanOrEqualTo(2 * interactions);
            assertThat(factorOnly[2]).as(loss.name()).isGreaterThan(factorOnly[1]);
            // the interaction and co-occurrence updates do not depend on it
            assertThat(others[1]).as(loss.name()).isEqualTo(others[0]);
            assertThat(others[2]).as(loss.name()).isEqualTo(others[0]);
        }
    }

    @Test
    void aRestoredLearnerContinuesExactlyAsAnUninterruptedOne() throws Exception {
        LearningConfig config = CONFIG.toBuilder().negatives(2).build();
        List<Event> events = randomEvents(200);
        var uninterrupted = harness(config);
        for (Event e : events) {
            uninterrupted.processElement(e, e.ts);
        }

        var beforeFailure = harness(config);
        for (Event e : events.subList(0, 100)) {
            beforeFailure.processElement(e, e.ts);
        }
        var snapshot = beforeFailure.snapshot(1L, 1L);
        // a new operator instance restored from the snapshot, as a restart does
        var reopened = new KeyedBroadcastOperatorTestHarness<Long, Event, ItemFactorBatch, CandidateList>(
                new org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator<>(
                        new UserLearner(config, false, Duration.ZERO, Duration.ZERO), List.of()),
                (KeySelector<Event, Long>) e -> e.userId, Types.LONG, 1, 1, 0);
        opened.add(reopened);
        reopened.initializeState(snapshot);
        reopened.open();
        for (Event e : events.subList(100, 200)) {
            reopened.processElement(e, e.ts);
        }

        List<CandidateList> expected = uninterrupted.extractOutputValues().subList(100, 200);
        assertThat(reopened.extractOutputValues()).usingRecursiveFieldByFieldElementComparator()
                .containsExactlyElementsOf(expected);
    }

    @Test
    void aRestoredReplicaIsTheReplicaOfTheSnapshot() throws Exception {
        LearningConfig config = CONFIG.toBuilder().negatives(2).build();
        UserLearner before = new UserLearner(config, false, Duration.ZERO, Duration.ZERO);
        var running = subtask(before, 1, 0);
        running.open();
        running.processBroadcastElement(batchOf(published("p1", 3L, 0.5f), published("p2", 1L, 0.2f)), 0L);
        for (Event e : randomEvents(100)) {
            running.processElement(e, e.ts);
        }
        running.processElement(Event.search("u1", "hats", "web", 200_000L), 200_000L);
        var snapshot = running.snapshot(1L, 1L);

        UserLearner after = new UserLearner(config, false, Duration.ZERO, Duration.ZERO);
        var restored = subtask(after, 1, 0);
        restored.initializeState(snapshot);
        restored.open();

        assertThat(after.replica().size()).isEqualTo(32); // i0..i29, p1, p2
        Replicas.assertSameReplica(after.replica(), before.replica());
    }

    @Test
    void aCheckpointWrittenAfterMoreEventsHoldsTheReplicaOfItsBarrier() throws Exception {
        LearningConfig config = CONFIG.toBuilder().negatives(2).build();
        List<Event> events = randomEvents(200);
        UserLearner learner = new UserLearner(config, false, Duration.ZERO, Duration.ZERO);
        var running = subtask(learner, 1, 0);
        running.open();
        running.processBroadcastElement(batchOf(published("p1", 3L, 0.5f)), 0L);
        for (Event e : events.subList(0, 100)) {
            running.processElement(e, e.ts);
        }
        OperatorSubtaskState writtenAtOnce = running.snapshot(1L, 1L);
        // the synchronous part only: the backend writes it (the asynchronous part) after the events below
        OperatorSnapshotFutures taken = running.getOperator().snapshotState(2L, 2L,
                CheckpointOptions.forCheckpointWithDefaultLocation(), new MemCheckpointStreamFactory(Integer.MAX_VALUE));
        for (Event e : events.subList(100, 200)) {
            running.processElement(e, e.ts);
        }
        running.processBroadcastElement(batchOf(published("p1", 9L, 0.9f)), 0L);
        OperatorSubtaskState writtenLater = OperatorSnapshotFinalizer.create(taken).getJobManagerOwnedState();

        UserLearner fromLater = new UserLearner(config, false, Duration.ZERO, Duration.ZERO);
        var later = subtask(fromLater, 1, 0);
        later.initializeState(writtenLater);
        later.open();
        UserLearner fromAtOnce = new UserLearner(config, false, Duration.ZERO, Duration.ZERO);
        var atOnce = subtask(fromAtOnce, 1, 0);
        atOnce.initializeState(writtenAtOnce);
        atOnce.open();
        Replicas.assertSameReplica(fromLater.replica(), fromAtOnce.replica());
        // while the replica itself went on learning
        assertThat(learner.replica().all().stream().mapToLong(f -> f.version).sum())
                .isGreaterThan(fromLater.replica().all().stream().mapToLong(f -> f.version).sum());
    }

    @Test
    void theShareIsDroppedOnceItsCheckpointIsDoneWithIt() throws Exception {
        UserLearner learner = new UserLearner(CONFIG, false, Duration.ZERO, Duration.ZERO);
        var running = subtask(learner, 1, 0);
        running.open();
        running.processBroadcastElement(batchOf(published("p1", 3L, 0.5f)), 0L);
        var completed = running.snapshot(1L, 1L);
        assertThat(learner.heldChunks()).isNotEmpty();
        running.notifyOfCompletedCheckpoint(1L);
        assertThat(learner.heldChunks()).isEmpty();
        running.snapshot(2L, 2L);
        assertThat(learner.heldChunks()).isNotEmpty();
        running.getOperator().notifyCheckpointAborted(2L);
        assertThat(learner.heldChunks()).isEmpty();

        // the checkpoint itself still holds the item
        UserLearner restored = new UserLearner(CONFIG, false, Duration.ZERO, Duration.ZERO);
        var again = subtask(restored, 1, 0);
        again.initializeState(completed);
        again.open();
        assertThat(restored.replica().get(id("p1")).version).isEqualTo(3L);
    }

    @Test
    void everyItemComesBackWhenTwoSubtasksAreRestoredAsThree() throws Exception {
        List<UserLearner> learners = new ArrayList<>();
        List<KeyedBroadcastOperatorTestHarness<Long, Event, ItemFactorBatch, CandidateList>> subtasks = new ArrayList<>();
        for (int index = 0; index < 2; index++) {
            learners.add(new UserLearner(CONFIG, false, Duration.ZERO, Duration.ZERO));
            subtasks.add(subtask(learners.get(index), 2, index));
            subtasks.get(index).open();
            subtasks.get(index).processBroadcastElement(batchOf(published("p1", 3L, 0.5f), published("p2", 1L, 0.2f)), 0L);
        }
        // each subtask learns its own users' items, which only it knows of until the loop brings them back
        SplittableRandom random = new SplittableRandom(5);
        Set<Long> learnt = new HashSet<>(List.of(id("p1"), id("p2")));
        for (int n = 0; n < 200; n++) {
            String user = "u" + random.nextInt(8);
            int index = subtaskOf(NumericId.of(user), 2);
            Event e = view(user, "s" + index + "-" + random.nextInt(15), 1000L * n);
            subtasks.get(index).processElement(e, e.ts);
            learnt.add(e.itemId);
        }
        Set<Long> held = new HashSet<>();
        for (UserLearner learner : learners) {
            learner.replica().all().forEach(f -> held.add(f.id));
        }
        assertThat(held).isEqualTo(learnt);
        assertThat(learners.get(0).replica().size()).isLessThan(held.size() - 10); // neither knows the other's items
        assertThat(learners.get(1).replica().size()).isLessThan(held.size() - 10);

        var snapshot = AbstractStreamOperatorTestHarness.repackageState(
                subtasks.get(0).snapshot(1L, 1L), subtasks.get(1).snapshot(1L, 1L));
        for (int index = 0; index < 3; index++) {
            UserLearner learner = new UserLearner(CONFIG, false, Duration.ZERO, Duration.ZERO);
            var restored = subtask(learner, 3, index);
            restored.initializeState(AbstractStreamOperatorTestHarness.repartitionOperatorState(snapshot, MAX_PARALLELISM, 2, 3, index));
            restored.open();
            Set<Long> restoredIds = new HashSet<>();
            learner.replica().all().forEach(f -> restoredIds.add(f.id));
            assertThat(restoredIds).as("subtask %d of 3", index).isEqualTo(held);
        }
    }

    @Test
    void aSavepointWithTheWholeReplicaOfEarlierBuildsRestoresItOnceAndDropsIt() throws Exception {
        ItemFactor p1 = published("p1", 3L, 0.5f);
        p1.neighbours = new long[] {id("p2")};
        p1.neighbourWeights = new float[] {2f};
        WholeReplica earlier = new WholeReplica(List.of(p1, published("p2", 1L, 0.2f)));
        var before = subtask(earlier, 1, 0);
        before.open();
        var snapshot = before.snapshot(1L, 1L);

        UserLearner learner = new UserLearner(CONFIG, false, Duration.ZERO, Duration.ZERO);
        var restored = subtask(learner, 1, 0);
        restored.initializeState(snapshot);
        restored.open();
        assertThat(learner.replica().all()).extracting(f -> f.item).containsExactly("p1", "p2");
        Replicas.assertHoldsLike(learner.replica(), p1);

        WholeReplica later = new WholeReplica(List.of());
        var again = subtask(later, 1, 0);
        again.initializeState(restored.snapshot(2L, 2L));
        assertThat(later.restored).isEmpty();
    }

    /** The replica's operator state as builds before the shares wrote it. */
    private static final class WholeReplica extends KeyedBroadcastProcessFunction<Long, Event, ItemFactorBatch, CandidateList>
            implements CheckpointedFunction {
        private final List<ItemFactor> items;
        private final List<ItemFactor> restored = new ArrayList<>();

        WholeReplica(List<ItemFactor> items) {
            this.items = items;
        }

        @Override
        public void initializeState(FunctionInitializationContext context) throws Exception {
            ListState<ItemFactor> state = context.getOperatorStateStore()
                    .getUnionListState(new ListStateDescriptor<>(UserLearner.WHOLE_REPLICA_STATE, ItemFactor.class));
            state.get().forEach(restored::add);
            state.update(items);
        }

        @Override
        public void snapshotState(FunctionSnapshotContext context) {}

        @Override
        public void processElement(Event event, ReadOnlyContext ctx, Collector<CandidateList> out) {}

        @Override
        public void processBroadcastElement(ItemFactorBatch batch, Context ctx, Collector<CandidateList> out) {}
    }

    private static final int MAX_PARALLELISM = 128;

    private KeyedBroadcastOperatorTestHarness<Long, Event, ItemFactorBatch, CandidateList> subtask(
            KeyedBroadcastProcessFunction<Long, Event, ItemFactorBatch, CandidateList> function, int parallelism, int index)
            throws Exception {
        var h = new KeyedBroadcastOperatorTestHarness<Long, Event, ItemFactorBatch, CandidateList>(
                new CoBroadcastWithKeyedOperator<>(function, List.of()),
                (KeySelector<Event, Long>) e -> e.userId, Types.LONG, MAX_PARALLELISM, parallelism, index);
        opened.add(h);
        return h;
    }

    private static int subtaskOf(long user, int parallelism) {
        return KeyGroupRangeAssignment.assignKeyToParallelOperator(user, MAX_PARALLELISM, parallelism);
    }

    private static ItemFactorBatch batchOf(ItemFactor... items) {
        return new ItemFactorBatch(items, 0L);
    }

    private static ItemFactor published(String item, long version, float x) {
        ItemFactor f = TestItems.item(item, new float[] {x, x, x, x});
        f.version = version;
        return f;
    }

    private static List<Event> randomEvents(int n) {
        SplittableRandom random = new SplittableRandom(3);
        EventType[] types = {EventType.VIEW, EventType.VIEW, EventType.CLICK, EventType.PURCHASE};
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String user = "u" + random.nextInt(6);
            long ts = 1000L * i;
            if (random.nextInt(10) == 0) {
                events.add(Event.search(user, "query", "app", ts));
            } else {
                events.add(Event.interaction(user, "i" + random.nextInt(30), types[random.nextInt(types.length)], "web", ts));
            }
        }
        return events;
    }
}
