package io.recstream.bench;

import io.recstream.recommend.SeenItems;
import io.recstream.event.Event;
import io.recstream.event.EventType;
import io.recstream.event.NumericId;
import io.recstream.learn.LearningConfig;
import io.recstream.model.ItemFactor;
import io.recstream.model.ItemModel;
import io.recstream.model.ItemReplica;
import io.recstream.recommend.CandidateList;
import io.recstream.recommend.Recommender;
import io.recstream.recommend.UserProfile;

import com.carrotsearch.hppc.LongHashSet;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * One live list ({@code Recommender.recommend}) as the user-learner computes it per event, on a
 * replica shaped like the synthetic shop's: 1,300 items in categories of 130 (more in
 * {@link #main}), each item with 100 neighbours (90 % from its own category), 256 users with 20
 * recent and 100 seen items of one category; default options, the ranking model's candidates
 * out. One operation per list. Results in docs/BENCHMARKS.md.
 *
 * <p>On a machine shared with other work a throughput over wall time says little; {@link #main}
 * measures the same lists by this thread's CPU time instead.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(1)
public class RecommenderBenchmark {
    static final int PER_CATEGORY = 130;
    static final int NEIGHBOURS = 100;

    /** Items in the replica, {@value #PER_CATEGORY} per category: 1,300 as the synthetic shop has. */
    int items = 1_300;
    /** Users listed for in turn: as many lists pass before a user's next one. */
    int userCount = 256;

    /** How many recent items score the list (recstream.cooccurrence.context-items). */
    @Param({"10", "20"})
    int contextItems;

    private LearningConfig config;
    private ItemReplica replica;
    private Recommender recommender;
    private UserProfile[] users;
    private SeenItems[] seen;
    private Event[] events;
    private int next;

    @Setup
    public void setUp() {
        config = LearningConfig.builder().contextItems(contextItems).build();
        replica = new ItemReplica(new ItemModel(config));
        SplittableRandom random = new SplittableRandom(11);
        int categories = items / PER_CATEGORY;
        for (int i = 0; i < items; i++) {
            ItemFactor f = new ItemFactor(NumericId.of(name(i)), name(i), vector(random));
            f.version = 1;
            f.popularity = 1 + random.nextInt(1000);
            f.popularityTs = 1_700_000_000_000L;
            int category = i / PER_CATEGORY;
            f.neighbours = new long[NEIGHBOURS];
            f.neighbourWeights = new float[NEIGHBOURS];
            LongHashSet taken = new LongHashSet();
            for (int n = 0; n < NEIGHBOURS; n++) {
                long id;
                do {
                    int other = random.nextInt(10) < 9
                            ? category * PER_CATEGORY + random.nextInt(PER_CATEGORY) : random.nextInt(items);
                    id = NumericId.of(name(other));
                } while (id == f.id || !taken.add(id));
                f.neighbours[n] = id;
                f.neighbourWeights[n] = 1 + random.nextInt(50);
            }
            replica.applyPublished(f);
        }
        users = new UserProfile[userCount];
        seen = new SeenItems[userCount];
        events = new Event[userCount];
        for (int u = 0; u < userCount; u++) {
            int category = random.nextInt(categories);
            UserProfile user = new UserProfile(vector(random));
            user.recent = new long[20];
            long[] seenIds = new long[100];
            user.seen = new int[seenIds.length];
            for (int k = 0; k < seenIds.length; k++) {
                seenIds[k] = NumericId.of(name(category * PER_CATEGORY + random.nextInt(PER_CATEGORY)));
                user.seen[k] = SeenItems.fingerprint(seenIds[k]);
            }
            System.arraycopy(seenIds, seenIds.length - user.recent.length, user.recent, 0, user.recent.length);
            user.recentBoughtTs = new long[user.recent.length]; // none bought: all may be re-found
            user.interactions = seenIds.length;
            users[u] = user;
            seen[u] = new SeenItems();
            user.seenInto(seen[u]);
            events[u] = Event.interaction("user-" + u, name(0), EventType.VIEW, "app", 1_700_000_000_000L);
        }
        recommender = new Recommender(config);
    }

    private static String name(int item) {
        return "item-" + item;
    }

    private static float[] vector(SplittableRandom random) {
        float[] v = new float[32];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (random.nextGaussian() * 0.3);
        }
        return v;
    }

    /**
     * {@code RecommenderBenchmark [context-items [items [users]]]}: CPU time per list on this
     * thread, after a warm-up, in three rounds of 30,000 lists. With a catalogue larger than the
     * processor's caches and more users than a round lists, every list reads memory no list before
     * it brought in, as a replica of a real catalogue does.
     */
    public static void main(String[] args) {
        RecommenderBenchmark b = new RecommenderBenchmark();
        b.contextItems = args.length > 0 ? Integer.parseInt(args[0]) : LearningConfig.builder().build().contextItems;
        b.items = args.length > 1 ? Integer.parseInt(args[1]) : b.items;
        b.userCount = args.length > 2 ? Integer.parseInt(args[2]) : b.userCount;
        b.setUp();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long candidates = 0;
        for (int i = 0; i < 30_000; i++) {
            candidates += b.recommend().size();
        }
        for (int round = 0; round < 3; round++) {
            int lists = 30_000;
            long before = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < lists; i++) {
                candidates += b.recommend().size();
            }
            long nanos = threads.getCurrentThreadCpuTime() - before;
            System.out.printf("context items %d: %.1f us of CPU per list, %,.0f lists per CPU second%n",
                    b.contextItems, nanos / 1e3 / lists, lists * 1e9 / nanos);
        }
        System.out.printf("(%,d candidates listed)%n", candidates);
    }

    @Benchmark
    public CandidateList recommend() {
        int u = next;
        next = next + 1 == userCount ? 0 : next + 1;
        return recommender.recommend(events[u], users[u], seen[u], replica, config.rankingCandidates);
    }
}
