package io.recstream.bench;

import io.recstream.recommend.CandidateList;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * {@link RecommenderBenchmark}'s lists for two builds in one JVM, round by round in turn, as
 * {@link LearnerPairs} does for learning: each build in a class loader of its own (its classes
 * first, then a benchmarks jar), both listing for the same users, the order of the pair swapped
 * every round, CPU time of this thread per list. It checks that both builds made the same lists,
 * to the bit (a checksum of every item, score, feature and reason of every list).
 * <pre>
 * java -cp bench/target/benchmarks.jar io.recstream.bench.RecommenderPairs &lt;jar or classes of A&gt; &lt;jar or classes of B&gt; [rounds [lists [context items]]]
 * </pre>
 * A build's path may name several jars or folders ({@code :} between them), searched in that order.
 * {@code rounds} default 200, {@code lists} per round 5,000, context items the default; the first
 * quarter of the rounds warms up. {@code -Drecommender.items=N -Drecommender.users=U} size the
 * replica and the users as {@link RecommenderBenchmark#main}'s arguments do.
 */
public final class RecommenderPairs {
    private RecommenderPairs() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        int lists = args.length > 3 ? Integer.parseInt(args[3]) : 5_000;
        int contextItems = args.length > 4 ? Integer.parseInt(args[4]) : 0;
        new BuildPairs(args, contextItems, Driver.class, RecommenderBenchmark.class).alternate(rounds, lists, "list", "lists");
    }

    /** One build's lists, as {@link RecommenderBenchmark} makes them. */
    public static final class Driver {
        private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        private final RecommenderBenchmark lists = new RecommenderBenchmark();
        private long checksum;

        /** @param contextItems 0: the default */
        public Driver(int contextItems) {
            lists.contextItems = contextItems > 0 ? contextItems : io.recstream.learn.LearningConfig.builder().build().contextItems;
            lists.items = Integer.getInteger("recommender.items", lists.items);
            lists.userCount = Integer.getInteger("recommender.users", lists.userCount);
            lists.setUp();
        }

        /** Makes the next {@code n} lists; returns the CPU time it took this thread, in nanoseconds. */
        public long run(int n) {
            long before = threads.getCurrentThreadCpuTime();
            long h = checksum;
            for (int k = 0; k < n; k++) {
                h = fold(h, lists.recommend());
            }
            long nanos = threads.getCurrentThreadCpuTime() - before;
            checksum = h;
            return nanos;
        }

        public long checksum() {
            return checksum;
        }

        private static long fold(long h, CandidateList list) {
            for (int n = 0; n < list.itemIds.length; n++) {
                h = h * 31 + list.itemIds[n];
                h = h * 31 + Float.floatToIntBits(list.scores[n]);
                h = h * 31 + list.reasons[n];
                h = h * 31 + (list.reasonItems[n] == null ? 0 : list.reasonItems[n].hashCode());
            }
            for (float f : list.features) {
                h = h * 31 + Float.floatToIntBits(f);
            }
            return h;
        }
    }
}
