package io.recstream.bench;

import io.recstream.event.Event;
import io.recstream.learn.FactorInit;
import io.recstream.learn.LearningConfig;
import io.recstream.model.InteractionLearner;
import io.recstream.model.ItemModel;
import io.recstream.model.ItemReplica;
import io.recstream.model.ItemUpdate;
import io.recstream.model.ItemUpdateSums;
import io.recstream.recommend.UserProfile;
import io.recstream.synthetic.SyntheticEventGenerator;

import com.carrotsearch.hppc.LongHashSet;
import com.carrotsearch.hppc.LongObjectHashMap;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;

/**
 * The user-learner's learning work on one thread, without Flink: per interaction of the synthetic
 * shop stream (10,000 users, the generator's default catalogue, default {@link LearningConfig}), the user's profile
 * read from a map, its seen set, {@link InteractionLearner#learn} (the user's step and the item
 * steps, applied to the replica at once), the profile's update, and the accumulator's sums of the
 * item updates per item over windows of {@code window-events} events ({@link ItemUpdateSums}),
 * made into the records to send and dropped at the window's end. Not in it: state (de)serialisation, records between operators, the
 * item-learner.
 *
 * <p>Prints CPU time per event on this thread, which holds on a machine shared with other work,
 * where rates do not. To compare with another build, put that build's classes first on the
 * classpath.
 * <pre>
 * java -cp bench/target/benchmarks.jar io.recstream.bench.LearnerBenchmark [window-events]
 * </pre>
 * {@code window-events} default 2,000: the accumulator's 20 ms at 100,000 events/s.
 */
public final class LearnerBenchmark {
    private static final int EVENTS = 200_000;

    private final LearningConfig config = LearningConfig.builder().build();
    private final ItemModel model = new ItemModel(config);
    private final ItemReplica replica = new ItemReplica(model);
    private final InteractionLearner learner = new InteractionLearner(config, replica);
    private final LongObjectHashMap<UserProfile> profiles = new LongObjectHashMap<>();
    private final LongHashSet seen = new LongHashSet();
    private final ItemUpdateSums sums = new ItemUpdateSums(config);
    private final int window;
    private int inWindow;
    private long updates;

    private LearnerBenchmark(int window) {
        this.window = window;
    }

    public static void main(String[] args) {
        int window = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
        LearnerBenchmark b = new LearnerBenchmark(window);
        SyntheticEventGenerator generator = SyntheticEventGenerator.builder().users(10_000).seed(1L).build();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int round = 0; round < 5; round++) {
            Event[] events = interactions(generator, EVENTS);
            long before = threads.getCurrentThreadCpuTime();
            for (Event e : events) {
                b.learn(e);
            }
            long nanos = threads.getCurrentThreadCpuTime() - before;
            System.out.printf("round %d%s: %.2f us of CPU per event, %,.0f events per CPU second (%d replica items, %,d updates sent)%n",
                    round, round < 2 ? " (warm-up)" : "", nanos / 1e3 / EVENTS, EVENTS * 1e9 / nanos, b.replica.size(), b.updates);
        }
    }

    private static Event[] interactions(SyntheticEventGenerator generator, int n) {
        List<Event> events = new ArrayList<>(n);
        while (events.size() < n) {
            Event e = generator.next();
            if (e.isInteraction() && e.item != null) {
                events.add(e);
            }
        }
        return events.toArray(new Event[0]);
    }

    private void learn(Event event) {
        UserProfile profile = profiles.get(event.userId);
        if (profile == null) {
            profile = new UserProfile(FactorInit.vector(event.userId, config.dim, config.initStdDev, config.seed));
            profiles.put(event.userId, profile);
        }
        profile.seenInto(seen);
        float weight = config.weightOf(event.type);
        if (weight > 0f) {
            for (ItemUpdate update : learner.learn(event.userId, event.itemId, event.item, event.ts, weight, profile, seen)) {
                sums.add(update);
            }
        }
        profile.remember(event.itemId, event.type, event.ts, seen, config.maxSeen, config.recentItems);
        profile.interactions++;
        if (++inWindow == window) {
            updates += sums.size();
            sums.drain(sum -> { });
            inWindow = 0;
        }
    }
}
