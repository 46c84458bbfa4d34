package io.recstream.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.recstream.learn.LearningConfig;

import org.junit.jupiter.api.Test;

class NeighboursTest {
    private static ItemFactor item(String id) {
        return TestItems.item(id, new float[] {0f, 0f});
    }

    @Test
    void accumulatesTheWeightOfAKnownNeighbour() {
        ItemFactor f = item("a");
        Neighbours.add(f, TestItems.id("b"), 1f, 3);
        Neighbours.add(f, TestItems.id("b"), 0.5f, 3);
        assertThat(f.neighbours).containsExactly(TestItems.ids("b"));
        assertThat(f.neighbourWeights).containsExactly(1.5f);
    }

    @Test
    void isBoundedToCapacity() {
        ItemFactor f = item("a");
        for (int n = 0; n < 100; n++) {
            Neighbours.add(f, TestItems.id("n" + n), 1f + n, 5);
        }
        assertThat(f.neighbours).hasSize(5);
        assertThat(f.neighbourWeights).hasSize(5);
    }

    @Test
    void aNewcomerReplacesTheWeakestAndInheritsItsWeight() {
        ItemFactor f = item("a");
        Neighbours.add(f, TestItems.id("b"), 3f, 2);
        Neighbours.add(f, TestItems.id("c"), 1f, 2);
        Neighbours.add(f, TestItems.id("d"), 0.5f, 2); // full: c (1) is weakest, d takes its slot with 1 + 0.5
        assertThat(f.neighbours).containsExactly(TestItems.ids("b", "d"));
        assertThat(f.neighbourWeights).containsExactly(3f, 1.5f);
    }

    @Test
    void theFirstOfEquallyWeakNeighboursIsReplaced() {
        ItemFactor f = item("a");
        Neighbours.add(f, TestItems.id("b"), 1f, 2);
        Neighbours.add(f, TestItems.id("c"), 1f, 2);
        Neighbours.add(f, TestItems.id("d"), 1f, 2);
        assertThat(f.neighbours).containsExactly(TestItems.ids("d", "c"));
        assertThat(f.neighbourWeights).containsExactly(2f, 1f);
    }

    @Test
    void neverAddsItselfNorNonPositiveOrNonFiniteWeights() {
        ItemFactor f = item("a");
        Neighbours.add(f, TestItems.id("a"), 1f, 3);
        Neighbours.add(f, TestItems.id("b"), 0f, 3);
        Neighbours.add(f, TestItems.id("c"), -1f, 3);
        Neighbours.add(f, TestItems.id("d"), Float.NaN, 3);
        Neighbours.add(f, TestItems.id("e"), Float.POSITIVE_INFINITY, 3);
        Neighbours.add(f, TestItems.id("g"), 1f, 0);
        assertThat(f.neighbours).isEmpty();
        assertThat(f.neighbourWeights).isEmpty();
    }

    @Test
    void neighbourListsFromASequenceOfUpdatesMatchAHandComputation() {
        ItemModel model = new ItemModel(LearningConfig.builder().dim(2).neighboursPerItem(2).build());
        ItemFactor a = TestItems.create(model, "a");

        model.apply(a, TestItems.cooccurrence("a", 1L, "b", 1f));    // [b:1]
        model.apply(a, TestItems.cooccurrence("a", 2L, "c", 0.5f));  // [b:1, c:0.5]
        model.apply(a, TestItems.cooccurrence("a", 3L, "b", 0.9f));  // [b:1.9, c:0.5]
        model.apply(a, TestItems.cooccurrence("a", 4L, "d", 0.25f)); // full: c weakest -> [b:1.9, d:0.75]
        model.apply(a, TestItems.cooccurrence("a", 5L, "a", 1f));    // self: ignored
        model.apply(a, TestItems.interaction("a", 6L, new float[] {0.1f, 0.2f}, 1f,
                new String[] {"e", "b"}, new float[] {0.9f, 0.81f}));
        // e: full, d (0.75) weakest -> [b:1.9, e:1.65]; then b: 1.9 + 0.81 -> [b:2.71, e:1.65]

        assertThat(a.neighbours).containsExactly(TestItems.ids("b", "e"));
        assertThat(a.neighbourWeights).containsExactly(new float[] {2.71f, 1.65f}, within(1e-6f));
        assertThat(a.version).isEqualTo(6);
    }
}
