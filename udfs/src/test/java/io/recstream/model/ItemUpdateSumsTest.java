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
}
