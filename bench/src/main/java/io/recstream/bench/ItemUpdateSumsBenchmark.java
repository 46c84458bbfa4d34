package io.recstream.bench;

import io.recstream.event.Event;
import io.recstream.learn.LearningConfig;
import io.recstream.model.DecayedPopularity;
import io.recstream.model.ItemUpdate;
import io.recstream.model.ItemUpdateSums;
import io.recstream.synthetic.SyntheticEventGenerator;

import com.carrotsearch.hppc.LongIntHashMap;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The accumulator's summing alone, on one thread, in CPU time: the item updates of 200,000
 * interactions of the synthetic shop stream (learnt by {@link InteractionLoop}, as in
 * {@link LearnerBenchmark}) are recorded in windows of {@code window-events} events, then summed
 * per item and window by {@link ItemUpdateSums} and, for comparison, by the plain summing the
 * accumulator used before it
 * (a linear search of a sum's co-items, its arrays grown by one per new co-item). Each round sums
 * fresh copies of the updates, as the accumulator gets copies from Flink.
 * <pre>
 * java -cp bench/target/benchmarks.jar io.recstream.bench.ItemUpdateSumsBenchmark [window-events]
 * </pre>
 * {@code window-events} default 2,000: the accumulator's 20 ms at 100,000 events/s.
 */
public final class ItemUpdateSumsBenchmark {
    private static final int EVENTS = 200_000;

    private ItemUpdateSumsBenchmark() {}

    public static void main(String[] args) {
        int window = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
        LearningConfig config = LearningConfig.builder().build();
        List<List<ItemUpdate>> windows = record(config, window);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        ItemUpdateSums sums = new ItemUpdateSums(config);
        long[] sent = new long[1];
        for (int round = 0; round < 5; round++) {
            String warmUp = round < 2 ? " (warm-up)" : "";
            List<List<ItemUpdate>> copies = copies(windows);
            long before = threads.getCurrentThreadCpuTime();
            for (List<ItemUpdate> updates : copies) {
                for (ItemUpdate u : updates) {
                    sums.add(u);
                }
                sums.drain(u -> sent[0]++);
            }
            long nanos = threads.getCurrentThreadCpuTime() - before;
            System.out.printf("round %d%s: ItemUpdateSums %.2f us of CPU per event%n", round, warmUp, nanos / 1e3 / EVENTS);

            copies = copies(windows);
            before = threads.getCurrentThreadCpuTime();
            for (List<ItemUpdate> updates : copies) {
                sent[0] += PlainSums.sum(updates, config.popularityHalfLifeMs).size();
            }
            nanos = threads.getCurrentThreadCpuTime() - before;
            System.out.printf("round %d%s: plain sums     %.2f us of CPU per event%n", round, warmUp, nanos / 1e3 / EVENTS);
        }
        System.out.printf("(%,d sums in all)%n", sent[0]);
    }

    private static List<List<ItemUpdate>> record(LearningConfig config, int window) {
        InteractionLoop loop = new InteractionLoop(config);
        SyntheticEventGenerator generator = SyntheticEventGenerator.builder().users(10_000).seed(1L).build();
        List<List<ItemUpdate>> windows = new ArrayList<>();
        List<ItemUpdate> current = new ArrayList<>();
        int events = 0;
        for (Event event : InteractionLoop.interactions(generator, EVENTS)) {
            current.addAll(loop.learn(event));
            if (++events % window == 0) {
                windows.add(current);
                current = new ArrayList<>();
            }
        }
        return windows;
    }

    private static List<List<ItemUpdate>> copies(List<List<ItemUpdate>> windows) {
        List<List<ItemUpdate>> copies = new ArrayList<>(windows.size());
        for (List<ItemUpdate> updates : windows) {
            List<ItemUpdate> copy = new ArrayList<>(updates.size());
            for (ItemUpdate u : updates) {
                copy.add(u.copy());
            }
            copies.add(copy);
        }
        return copies;
    }

    /** The summing before {@link ItemUpdateSums}: the first update of an item is its sum, the rest are added into it. */
    private static final class PlainSums {
        static List<ItemUpdate> sum(List<ItemUpdate> updates, long halfLifeMs) {
            List<ItemUpdate> sums = new ArrayList<>();
            LongIntHashMap positions = new LongIntHashMap();
            for (ItemUpdate u : updates) {
                int slot = positions.indexOf(u.item);
                if (positions.indexExists(slot)) {
                    add(sums.get(positions.indexGet(slot)), u, halfLifeMs);
                } else {
                    positions.indexInsert(slot, u.item, sums.size());
                    sums.add(u);
                }
            }
            return sums;
        }

        private static void add(ItemUpdate sum, ItemUpdate next, long halfLifeMs) {
            if (sum.name == null) {
                sum.name = next.name;
            }
            if (next.factorDelta != null) {
                if (sum.factorDelta == null) {
                    sum.factorDelta = next.factorDelta;
                } else {
                    for (int n = 0; n < sum.factorDelta.length; n++) {
                        sum.factorDelta[n] += next.factorDelta[n];
                    }
                }
            }
            sum.biasDelta += next.biasDelta;
            boolean sumTouches = !sum.isFactorOnly();
            long ts = sumTouches == !next.isFactorOnly() ? Math.max(sum.ts, next.ts) : sumTouches ? sum.ts : next.ts;
            if (sum.popularityIncrement > 0 || next.popularityIncrement > 0) {
                sum.popularityIncrement = (float) (DecayedPopularity.decayed(sum.popularityIncrement, ts - sum.ts, halfLifeMs)
                        + DecayedPopularity.decayed(next.popularityIncrement, ts - next.ts, halfLifeMs));
            }
            for (int c = 0; c < next.coItems.length; c++) {
                addCooccurrence(sum, next.coItems[c], next.coWeights[c]);
            }
            sum.ts = ts;
            sum.steps += next.steps;
        }

        private static void addCooccurrence(ItemUpdate sum, long coItem, float weight) {
            for (int n = 0; n < sum.coItems.length; n++) {
                if (sum.coItems[n] == coItem) {
                    sum.coWeights[n] += weight;
                    return;
                }
            }
            int size = sum.coItems.length;
            sum.coItems = Arrays.copyOf(sum.coItems, size + 1);
            sum.coWeights = Arrays.copyOf(sum.coWeights, size + 1);
            sum.coItems[size] = coItem;
            sum.coWeights[size] = weight;
        }
    }
}
