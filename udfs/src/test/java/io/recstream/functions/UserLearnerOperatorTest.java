package io.recstream.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.recstream.event.Event;
import io.recstream.event.EventType;
import io.recstream.event.NumericId;
import io.recstream.learn.LearningConfig;
import io.recstream.learn.TestConfigs;
import io.recstream.model.ItemFactorBatch;
import io.recstream.recommend.CandidateList;
import io.recstream.recommend.UserProfile;

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
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * On RocksDB the user-learner keeps recently active users' profiles on the heap
 * ({@link HeapStateCache}); on the heap backend it reads and writes the state on every event.
 * Both must learn, recommend and store the same, across a restore.
 */
class UserLearnerOperatorTest {
    private static final LearningConfig CONFIG = TestConfigs.handComputable().dim(4).topK(5).recentItems(3)
            .trendingCandidates(10).rankingCandidates(5).negatives(3).build();
    private static final int USERS = 12;

    /** Longer than any test's run: an unused profile stays cached. */
    private static final long KEEP = Duration.ofDays(1).toMillis();

    private KeyedBroadcastOperatorTestHarness<Long, Event, ItemFactorBatch, CandidateList> harness;

    @AfterEach
    void close() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void onRocksDbWithItsCacheItLearnsRecommendsAndStoresAsOnTheHeap() throws Exception {
        Run heap = run(false, 4096, 0, KEEP);
        Run uncached = run(true, 0, 0, KEEP);
        Run cached = run(true, 4096, 5, KEEP); // one event a millisecond: a profile is written 5 events after its change
        Run churning = run(true, 2, Long.MAX_VALUE, KEEP); // 12 users, a cache of 2: it writes back and empties all the time
        Run kept = run(true, 4096, 5, 20); // an unused profile is served 20 events after its write, then read again
        Run keptNothing = run(true, 4096, 5, 0); // a profile is served only until its change is written
        for (Run rocksDb : List.of(uncached, cached, churning, kept, keptNothing)) {
            assertThat(rocksDb.lists).usingRecursiveComparison().isEqualTo(heap.lists);
            assertThat(rocksDb.outputs).usingRecursiveComparison().isEqualTo(heap.outputs);
            assertThat(rocksDb.profiles).usingRecursiveComparison().isEqualTo(heap.profiles);
        }
        assertThat(heap.hits).isZero(); // no cache on the heap backend
        assertThat(uncached.hits).isZero();
        assertThat(cached.hits).isGreaterThan(cached.misses); // sessions of a few events: most find their user
        assertThat(churning.hits).isLessThan(cached.hits);
        assertThat(keptNothing.hits).isLessThan(kept.hits);
        assertThat(kept.hits).isLessThan(cached.hits);
    }

    /** What a run produced, in order, and what the backend holds for each user at its end. */
    private record Run(List<CandidateList> lists, List<Object> outputs, List<UserProfile> profiles, long hits, long misses) {}

    private Run run(boolean rocksDb, int cachedProfiles, long writeBehindMillis, long keepMillis) throws Exception {
        List<Event> events = sessions(600);
        List<CandidateList> lists = new ArrayList<>();
        List<Object> outputs = new ArrayList<>();
        open(rocksDb, cachedProfiles, writeBehindMillis, keepMillis, null);
        long hits = 0;
        long misses = 0;
        for (int n = 0; n < events.size(); n++) {
            Event e = events.get(n);
            harness.setProcessingTime(n);
            harness.processElement(e, e.ts);
            if (n == 300) {
                harness.prepareSnapshotPreBarrier(1L); // as the runtime does before a snapshot
                OperatorSubtaskState snapshot = harness.snapshot(1L, e.ts);
                hits += cacheCount("hits");
                misses += cacheCount("misses");
                collect(lists, outputs);
                harness.close();
                open(rocksDb, cachedProfiles, writeBehindMillis, keepMillis, snapshot);
            }
        }
        harness.getOperator().finish(); // the end of input
        hits += cacheCount("hits");
        misses += cacheCount("misses");
        collect(lists, outputs);
        List<UserProfile> profiles = new ArrayList<>();
        KeyedStateBackend<Long> backend = ((AbstractStreamOperator<?>) harness.getOperator()).getKeyedStateBackend();
        for (int u = 0; u < USERS; u++) {
            backend.setCurrentKey(NumericId.of("u" + u));
            ValueState<UserProfile> state = backend.getPartitionedState(VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE,
                    new ValueStateDescriptor<>("user-profile", UserProfile.class));
            profiles.add(state.value());
        }
        harness.close();
        harness = null;
        return new Run(lists, outputs, profiles, hits, misses);
    }

    private void open(boolean rocksDb, int cachedProfiles, long writeBehindMillis, long keepMillis, OperatorSubtaskState restored)
            throws Exception {
        harness = new KeyedBroadcastOperatorTestHarness<>(
                new UserLearnerOperator(new UserLearner(CONFIG, false, Duration.ZERO, Duration.ZERO), cachedProfiles, writeBehindMillis, keepMillis),
                (KeySelector<Event, Long>) e -> e.userId, Types.LONG, 128, 1, 0);
        if (rocksDb) {
            harness.setStateBackend(new EmbeddedRocksDBStateBackend());
        }
        if (restored != null) {
            harness.initializeState(restored);
        }
        harness.open();
    }

    private long cacheCount(String which) {
        HeapStateCache<UserProfile> cache = ((UserLearner) ((UserLearnerOperator) harness.getOperator()).getUserFunction()).profileCache();
        return cache == null ? 0 : which.equals("hits") ? cache.hits() : cache.misses();
    }

    private void collect(List<CandidateList> lists, List<Object> outputs) {
        lists.addAll(harness.extractOutputValues());
        outputs.addAll(UserLearnerTest.side(harness, UserLearner.ITEM_UPDATES));
        outputs.addAll(UserLearnerTest.side(harness, UserLearner.QUALITY));
    }

    /** Sessions of 2-6 events of one of {@value #USERS} users over 30 items, a few at a time, some searches. */
    private static List<Event> sessions(int n) {
        SplittableRandom random = new SplittableRandom(5);
        EventType[] types = {EventType.VIEW, EventType.VIEW, EventType.CLICK, EventType.CART, EventType.PURCHASE};
        int[] user = new int[3];
        int[] left = new int[3];
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int s = random.nextInt(user.length);
            if (left[s] == 0) {
                user[s] = random.nextInt(USERS);
                left[s] = 2 + random.nextInt(5);
            }
            left[s]--;
            String id = "u" + user[s];
            long ts = 1000L * i;
            events.add(random.nextInt(10) == 0 ? Event.search(id, "query", "app", ts)
                    : Event.interaction(id, "i" + random.nextInt(30), types[random.nextInt(types.length)], "web", ts));
        }
        return events;
    }
}
