package io.recstream.bench;

import io.recstream.event.Event;
import io.recstream.learn.LearningConfig;
import io.recstream.model.ItemUpdate;
import io.recstream.model.ItemUpdateSums;
import io.recstream.synthetic.SyntheticEventGenerator;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * {@link LearnerBenchmark}'s work for two builds in one JVM, chunk by chunk in turn: each build in
 * a class loader of its own (its classes first, then a benchmarks jar), the two learning the same
 * interactions, the order of the pair swapped every round. Other work on the machine then weighs
 * on both builds' rounds alike, where two JVMs one after the other each meet another load; on a
 * shared machine this tells a few per cent apart that separate runs cannot. It checks that both
 * builds sent the same sums, to the bit (a checksum of every field of every record).
 * <pre>
 * java -cp bench/target/benchmarks.jar io.recstream.bench.LearnerPairs &lt;jar or classes of A&gt; &lt;jar or classes of B&gt; [events [chunk]]
 * </pre>
 * Each path is searched first, then the jar on this JVM's class path; for example main's
 * {@code benchmarks.jar} copied aside against this build's {@code udfs/target/classes}.
 * {@code events} default 1,000,000, {@code chunk} 10,000; the first quarter of the rounds warms up.
 */
public final class LearnerPairs {
    private LearnerPairs() {}

    public static void main(String[] args) throws Exception {
        int events = args.length > 2 ? Integer.parseInt(args[2]) : 1_000_000;
        int chunk = args.length > 3 ? Integer.parseInt(args[3]) : 10_000;
        new BuildPairs(args, events, Driver.class).alternate(events / chunk, chunk, "event", "sums sent");
    }

    /** One build's learner and sums, as in {@link LearnerBenchmark}, fed in chunks. */
    public static final class Driver {
        private static final int WINDOW = 2_000;
        private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        private final InteractionLoop loop;
        private final ItemUpdateSums sums;
        private final Event[] events;
        private int next;
        private int inWindow;
        private long checksum;

        public Driver(int events) {
            LearningConfig config = LearningConfig.builder().build();
            this.loop = new InteractionLoop(config);
            this.sums = new ItemUpdateSums(config);
            this.events = InteractionLoop.interactions(SyntheticEventGenerator.builder().users(10_000).seed(1L).build(), events);
        }

        /** Learns the next {@code n} interactions; returns the CPU time it took this thread, in nanoseconds. */
        public long run(int n) {
            long before = threads.getCurrentThreadCpuTime();
            for (int k = 0; k < n; k++) {
                for (ItemUpdate update : loop.learn(events[next++])) {
                    sums.add(update);
                }
                if (++inWindow == WINDOW) {
                    sums.drain(this::fold);
                    inWindow = 0;
                }
            }
            return threads.getCurrentThreadCpuTime() - before;
        }

        public long checksum() {
            return checksum;
        }

        private void fold(ItemUpdate u) {
            long h = checksum * 31 + u.item;
            h = h * 31 + u.ts;
            h = h * 31 + u.steps;
            h = h * 31 + Float.floatToIntBits(u.biasDelta);
            h = h * 31 + Float.floatToIntBits(u.popularityIncrement);
            for (int n = 0; n < u.coItems.length; n++) {
                h = (h * 31 + u.coItems[n]) * 31 + Float.floatToIntBits(u.coWeights[n]);
            }
            if (u.factorDelta != null) {
                for (float f : u.factorDelta) {
                    h = h * 31 + Float.floatToIntBits(f);
                }
            }
            checksum = h;
        }
    }
}
