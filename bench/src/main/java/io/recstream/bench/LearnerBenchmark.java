package io.recstream.bench;

import io.recstream.event.Event;
import io.recstream.learn.LearningConfig;
import io.recstream.model.InteractionLearner;
import io.recstream.model.ItemUpdate;
import io.recstream.model.ItemUpdateSums;
import io.recstream.synthetic.SyntheticEventGenerator;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The user-learner's learning work on one thread, without Flink: per interaction of the synthetic
 * shop stream (10,000 users, the generator's default catalogue, default {@link LearningConfig}), the user's profile
 * read from a map, its seen set, {@link InteractionLearner#learn} (the user's step and the item
 * steps, applied to the replica at once), the profile's update, and the accumulator's sums of the
 * item updates per item over windows of {@code window-events} events ({@link ItemUpdateSums}),
 * made into the records to send and dropped at the window's end ({@link InteractionLoop} and the
 * sums). Not in it: state (de)serialisation, records between operators, the item-learner.
 *
 * <p>Prints CPU time per event on this thread, which holds on a machine shared with other work,
 * where rates do not. To compare with another build, put that build's classes first on the
 * classpath.
 * <pre>
 * java -cp bench/target/benchmarks.jar io.recstream.bench.LearnerBenchmark [window-events [negative-item-steps]]
 * </pre>
 * {@code window-events} default 2,000: the accumulator's 20 ms at 100,000 events/s;
 * {@code negative-item-steps} default the {@link LearningConfig}'s.
 */
public final class LearnerBenchmark {
    private static final int EVENTS = 200_000;

    private final InteractionLoop loop;
    private final ItemUpdateSums sums;
    private final int window;
    private int inWindow;
    private long updates;

    private LearnerBenchmark(LearningConfig config, int window) {
        this.loop = new InteractionLoop(config);
        this.sums = new ItemUpdateSums(config);
        this.window = window;
    }

    public static void main(String[] args) {
        int window = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
        LearningConfig.Builder config = LearningConfig.builder();
        if (args.length > 1) {
            config.negativeItemSteps(Integer.parseInt(args[1]));
        }
        LearnerBenchmark b = new LearnerBenchmark(config.build(), window);
        SyntheticEventGenerator generator = SyntheticEventGenerator.builder().users(10_000).seed(1L).build();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int round = 0; round < 5; round++) {
            Event[] events = InteractionLoop.interactions(generator, EVENTS);
            long before = threads.getCurrentThreadCpuTime();
            for (Event e : events) {
                b.learn(e);
            }
            long nanos = threads.getCurrentThreadCpuTime() - before;
            System.out.printf("round %d%s: %.2f us of CPU per event, %,.0f events per CPU second (%d replica items, %,d updates sent)%n",
                    round, round < 2 ? " (warm-up)" : "", nanos / 1e3 / EVENTS, EVENTS * 1e9 / nanos, b.loop.replicaItems(), b.updates);
        }
    }

    private void learn(Event event) {
        for (ItemUpdate update : loop.learn(event)) {
            sums.add(update);
        }
        if (++inWindow == window) {
            updates += sums.size();
            sums.drain(sum -> { });
            inWindow = 0;
        }
    }
}
