package io.recstream.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.recstream.learn.LearningConfig;
import io.recstream.learn.VectorGuard;

import org.junit.jupiter.api.Test;

class ItemModelTest {
    private final LearningConfig config = LearningConfig.builder().dim(2).learningRate(0.05f).regularization(0.01f).build();
    private final ItemModel model = new ItemModel(config);

    @Test
    void createsTheSameSeededVectorEverywhereAndApartFromTheUserStream() {
        ItemFactor a = TestItems.create(model, "x");
        assertThat(a.item).isEqualTo("x");
        assertThat(a.version).isZero();
        assertThat(TestItems.create(new ItemModel(config), "x").vector).containsExactly(a.vector);
        assertThat(a.vector).isNotEqualTo(io.recstream.learn.FactorInit.vector(TestItems.id("x"), 2, config.initStdDev, config.seed));
    }

    @Test
    void interactionStepsTheVectorAddsPopularityAndCountsTheVersion() {
        ItemFactor f = TestItems.item("x", new float[] {0.3f, -0.1f});
        model.apply(f, TestItems.interaction("x", 1000L, new float[] {0.1f, 0.2f}, 1f, new String[0], new float[0]));
        // same numbers as IsgdStepTest: err = 0.99, v' = [0.3048, -0.09005]
        assertThat(f.vector).containsExactly(new float[] {0.3048f, -0.09005f}, within(1e-6f));
        assertThat(f.popularity).isEqualTo(1.0);
        assertThat(f.popularityTs).isEqualTo(1000L);
        assertThat(f.version).isEqualTo(1);
    }

    @Test
    void negativeStepsTheVectorButAddsNoPopularity() {
        ItemFactor f = TestItems.item("x", new float[] {0.3f, -0.1f});
        model.apply(f, TestItems.negative("x", 1000L, new float[] {0.1f, 0.2f}, 1f));
        // err = -0.01, v' = [0.2998, -0.10005]
        assertThat(f.vector).containsExactly(new float[] {0.2998f, -0.10005f}, within(1e-6f));
        assertThat(f.popularity).isZero();
        assertThat(f.version).isEqualTo(1);
    }

    @Test
    void cooccurrenceLeavesTheVectorAndAddsTheNeighbour() {
        ItemFactor f = TestItems.item("x", new float[] {0.3f, -0.1f});
        model.apply(f, TestItems.cooccurrence("x", 1000L, "y", 0.5f));
        assertThat(f.vector).containsExactly(0.3f, -0.1f);
        assertThat(f.neighbours).containsExactly(TestItems.ids("y"));
        assertThat(f.neighbourWeights).containsExactly(0.5f);
        assertThat(f.popularity).isZero();
        assertThat(f.version).isEqualTo(1);
    }

    @Test
    void aPoisonedUpdateLeavesTheVectorFinite() {
        ItemFactor f = TestItems.item("x", new float[] {0.3f, -0.1f});
        model.apply(f, TestItems.interaction("x", 1000L, new float[] {Float.NaN, 0f}, 1f, new String[0], new float[0]));
        model.apply(f, TestItems.interaction("x", 1000L, new float[] {Float.MAX_VALUE, Float.MAX_VALUE}, 1f, new String[0], new float[0]));
        assertThat(f.vector).containsExactly(0.3f, -0.1f);
        assertThat(VectorGuard.isFinite(f.vector)).isTrue();
        assertThat(f.version).isEqualTo(2); // still counted, identically on replica and owner
    }

    @Test
    void aUserVectorOfTheWrongDimensionIsIgnored() {
        ItemFactor f = TestItems.item("x", new float[] {0.3f, -0.1f});
        model.apply(f, TestItems.interaction("x", 1000L, new float[] {1f, 1f, 1f}, 1f, new String[0], new float[0]));
        assertThat(f.vector).containsExactly(0.3f, -0.1f);
        assertThat(f.popularity).isEqualTo(1.0);
    }
}
