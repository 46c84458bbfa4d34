package io.recstream.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.recstream.learn.LearningConfig;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

class ItemUpdateSumsTest {
    private final LearningConfig config = LearningConfig.builder().dim(2).learningRate(0.05f).regularization(0.01f).build();

    private static List<ItemUpdate> drained(ItemUpdateSums sums) {
        List<ItemUpdate> out = new ArrayList<>();
        sums.drain(out::add);
        return out;
    }

    @Test
    void aSumOfStepsDoesWhatTheStepsDidInOrder() {
        LearningConfig decaying = LearningConfig.builder().dim(2).learningRate(0.05f).regularization(0.01f)
                .popularityHalfLifeMs(1000L).build();
        ItemModel m = new ItemModel(decaying);
        ItemFactor stepByStep = TestItems.item("x", new float[] {0.3f, -0.1f});
        ItemFactor summed = stepByStep.copy();
        ItemUpdate[] steps = {
            TestItems.interaction("x", 1000L, new float[] {0.01f, 0.02f}, 1f, new String[] {"y"}, new float[] {1f}),
            TestItems.negative("x", 1500L, new float[] {-0.005f, 0.001f}),
            TestItems.cooccurrence("x", 1200L, "y", 0.5f),
            TestItems.interaction("x", 2000L, new float[] {0.02f, -0.01f}, 2f, new String[] {"z"}, new float[] {0.9f}),
            TestItems.negative("x", 9_000_000L, new float[] {0.001f, 0.001f}), // a replay: hours later, in the same sum
        };
        ItemUpdateSums sums = new ItemUpdateSums(decaying);
        for (ItemUpdate step : steps) {
            m.apply(stepByStep, step);
            sums.add(step);
        }
        List<ItemUpdate> out = drained(sums);
        assertThat(out).hasSize(1);
        ItemUpdate sum = out.get(0);
        m.apply(summed, sum);

        assertThat(sum.steps).isEqualTo(5);
        assertThat(sum.ts).isEqualTo(2000L); // the latest step that touched the item, not the later negative
        assertThat(summed.version).isEqualTo(stepByStep.version).isEqualTo(5);
        assertThat(summed.vector).containsExactly(stepByStep.vector, within(1e-6f));
        assertThat(summed.popularity).isCloseTo(stepByStep.popularity, within(1e-6)); // 1 decayed by one half-life, plus 2
        assertThat(summed.popularity).isCloseTo(2.5, within(1e-6));
        assertThat(summed.popularityTs).isEqualTo(stepByStep.popularityTs);
        assertThat(summed.touchedTs).isEqualTo(stepByStep.touchedTs).isEqualTo(2000L);
        assertThat(summed.neighbours).containsExactly(TestItems.ids("y", "z"));
        assertThat(summed.neighbourWeights).containsExactly(stepByStep.neighbourWeights);
    }

    @Test
    void aHotItemSumsThousandsOfCoItemsEachOnceInTheOrderTheyFirstCame() {
        ItemUpdateSums sums = new ItemUpdateSums(config);
        Map<Long, Float> expected = new LinkedHashMap<>();
        SplittableRandom random = new SplittableRandom(7L);
        for (int n = 0; n < 20_000; n++) {
            String coItem = "c" + random.nextInt(3_000);
            float weight = 0.25f * (1 + random.nextInt(4)); // exact in binary: sums do not depend on grouping
            sums.add(TestItems.cooccurrence("hot", n, coItem, weight));
            expected.merge(TestItems.id(coItem), weight, Float::sum);
        }

        ItemUpdate sum = drained(sums).get(0);
        assertThat(sum.steps).isEqualTo(20_000);
        assertThat(sum.coItems).containsExactly(expected.keySet().stream().mapToLong(Long::longValue).toArray());
        for (int n = 0; n < sum.coItems.length; n++) {
            assertThat(sum.coWeights[n]).as("weight of co-item %d", n).isEqualTo(expected.get(sum.coItems[n]));
        }
        assertThat(sum.coWeights).hasSameSizeAs(sum.coItems);
    }

    @Test
    void keepsNothingOfAnUpdateItTookIn() {
        ItemUpdateSums sums = new ItemUpdateSums(config);
        ItemUpdate step = TestItems.interaction("x", 10L, new float[] {0.5f, 0.5f}, 1f, new String[] {"y"}, new float[] {1f});
        sums.add(step);
        step.factorDelta[0] = 9f; // the sender reuses its update
        step.coWeights[0] = 9f;
        step.steps = 9;

        ItemUpdate sum = drained(sums).get(0);
        assertThat(sum.factorDelta).containsExactly(0.5f, 0.5f);
        assertThat(sum.coWeights).containsExactly(1f);
        assertThat(sum.steps).isEqualTo(1);
        assertThat(sum).isNotSameAs(step);
    }

    @Test
    void aNewWindowStartsEmptyThoughItsEntriesAreReused() {
        ItemUpdateSums sums = new ItemUpdateSums(config);
        sums.add(TestItems.interaction("x", 10L, new float[] {0.5f, 0.5f}, 1f, new String[] {"y"}, new float[] {1f}));
        sums.add(TestItems.negative("z", 11L, new float[] {0.1f, 0.1f}));
        assertThat(sums.size()).isEqualTo(2);
        drained(sums);
        assertThat(sums.size()).isZero();
        assertThat(drained(sums)).isEmpty();

        sums.add(TestItems.cooccurrence("z", 20L, "w", 0.5f)); // takes the first window's entry of x, and has no name
        ItemUpdate named = TestItems.cooccurrence("z", 21L, "w", 0.5f);
        named.name = "z";
        sums.add(named);
        ItemUpdate sum = drained(sums).get(0);
        assertThat(sum).extracting(u -> u.item, u -> u.steps, u -> u.ts, u -> u.name, u -> u.popularityIncrement, u -> u.biasDelta)
                .containsExactly(TestItems.id("z"), 2, 21L, "z", 0f, 0f);
        assertThat(sum.factorDelta).isNull();
        assertThat(sum.coItems).containsExactly(TestItems.id("w"));
        assertThat(sum.coWeights).containsExactly(1f);
    }

    /**
     * The sums are the steps' sums by their definition, to the bit: field by field, the same
     * additions in the same order as a plain fold of each item's updates, over random windows of
     * interactions, sampled negatives and co-occurrences of a small catalogue, whose sums reach
     * past the co-items a scan finds.
     */
    @Test
    void sumsToTheBitWhatAFoldOfEachItemsUpdatesGives() {
        LearningConfig decaying = LearningConfig.builder().dim(3).popularityHalfLifeMs(5_000L).build();
        ItemUpdateSums sums = new ItemUpdateSums(decaying);
        SplittableRandom random = new SplittableRandom(11L);
        for (int window = 0; window < 20; window++) {
            Map<Long, List<ItemUpdate>> byItem = new LinkedHashMap<>();
            int length = 1 + random.nextInt(400);
            for (int n = 0; n < length; n++) {
                ItemUpdate u = randomUpdate(random, window * 1_000L + n);
                sums.add(u);
                byItem.computeIfAbsent(u.item, item -> new ArrayList<>()).add(u);
            }
            List<ItemUpdate> expected = new ArrayList<>();
            for (List<ItemUpdate> updates : byItem.values()) {
                expected.add(fold(updates, decaying.popularityHalfLifeMs));
            }
            assertThat(drained(sums)).usingRecursiveFieldByFieldElementComparator().containsExactlyElementsOf(expected);
        }
    }

    private static ItemUpdate randomUpdate(SplittableRandom random, long ts) {
        String item = "i" + random.nextInt(30);
        float[] delta = {(float) random.nextGaussian(), (float) random.nextGaussian(), (float) random.nextGaussian()};
        long at = ts - random.nextInt(3_000); // out of order, as updates from one subtask's users are
        switch (random.nextInt(3)) {
            case 0: {
                // distinct, as an interaction's co-items are the user's distinct recent items
                String[] co = random.ints(0, 200).distinct().limit(random.nextInt(25)).mapToObj(c -> "i" + c).toArray(String[]::new);
                float[] weights = new float[co.length];
                for (int c = 0; c < co.length; c++) {
                    weights[c] = (float) random.nextDouble();
                }
                return TestItems.interaction(item, at, delta, (float) random.nextDouble() + 0.1f, co, weights);
            }
            case 1:
                return TestItems.negative(item, at, delta);
            default:
                return TestItems.cooccurrence(item, at, "i" + random.nextInt(200), (float) random.nextDouble());
        }
    }

    /** One item's updates summed by the definition, field by field, in their order. */
    private static ItemUpdate fold(List<ItemUpdate> updates, long halfLifeMs) {
        ItemUpdate first = updates.get(0);
        ItemUpdate sum = ItemUpdate.factorStep(first.item, null, first.ts);
        sum.steps = 0;
        Map<Long, Float> co = new LinkedHashMap<>();
        boolean touches = false;
        for (ItemUpdate u : updates) {
            sum.name = sum.name != null ? sum.name : u.name;
            if (u.factorDelta != null) {
                if (sum.factorDelta == null) {
                    sum.factorDelta = u.factorDelta.clone();
                } else {
                    for (int n = 0; n < u.factorDelta.length; n++) {
                        sum.factorDelta[n] += u.factorDelta[n];
                    }
                }
            }
            sum.biasDelta = u == first ? u.biasDelta : sum.biasDelta + u.biasDelta;
            boolean next = !u.isFactorOnly();
            // the latest time among the touching updates, or among all while none touches
            long ts = u == first ? u.ts : touches == next ? Math.max(sum.ts, u.ts) : touches ? sum.ts : u.ts;
            if (u == first) {
                sum.popularityIncrement = u.popularityIncrement;
            } else if (sum.popularityIncrement > 0 || u.popularityIncrement > 0) {
                sum.popularityIncrement = (float) (DecayedPopularity.decayed(sum.popularityIncrement, ts - sum.ts, halfLifeMs)
                        + DecayedPopularity.decayed(u.popularityIncrement, ts - u.ts, halfLifeMs));
            }
            sum.ts = ts;
            touches |= next;
            for (int n = 0; n < u.coItems.length; n++) {
                co.merge(u.coItems[n], u.coWeights[n], Float::sum);
            }
            sum.steps += u.steps;
        }
        sum.coItems = co.keySet().stream().mapToLong(Long::longValue).toArray();
        sum.coWeights = new float[sum.coItems.length];
        int n = 0;
        for (float w : co.values()) {
            sum.coWeights[n++] = w;
        }
        return sum;
    }
}
