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

    private ItemUpdate interactionStep(ItemFactor f, float[] userBefore, float target, long ts) {
        ItemUpdate u = ItemUpdate.interaction(f.id, f.item, ts, 1f, new long[0], new float[0]);
        model.factorStep(f, userBefore, config.isgdStep().error(userBefore, f.vector, f.bias, target), 1f, u);
        return u;
    }

    @Test
    void aFactorStepIsTheChangeOfTheVectorAndLeavesTheItemAsItIs() {
        ItemFactor f = TestItems.item("x", new float[] {0.3f, -0.1f});
        ItemUpdate u = interactionStep(f, new float[] {0.1f, 0.2f}, 1f, 1000L);
        // same numbers as IsgdStepTest: err = 0.99, v' = [0.3048, -0.09005]
        assertThat(u.factorDelta).containsExactly(new float[] {0.0048f, 0.00995f}, within(1e-6f));
        assertThat(f.vector).containsExactly(0.3f, -0.1f);
    }

    @Test
    void interactionStepsTheVectorAddsPopularityAndCountsTheVersion() {
        ItemFactor f = TestItems.item("x", new float[] {0.3f, -0.1f});
        model.apply(f, interactionStep(f, new float[] {0.1f, 0.2f}, 1f, 1000L));
        assertThat(f.vector).containsExactly(new float[] {0.3048f, -0.09005f}, within(1e-6f));
        assertThat(f.popularity).isEqualTo(1.0);
        assertThat(f.popularityTs).isEqualTo(1000L);
        assertThat(f.version).isEqualTo(1);
    }

    @Test
    void negativeStepsTheVectorButAddsNoPopularity() {
        ItemFactor f = TestItems.item("x", new float[] {0.3f, -0.1f});
        ItemUpdate u = ItemUpdate.factorStep(f.id, null, 1000L);
        model.factorStep(f, new float[] {0.1f, 0.2f}, config.isgdStep().error(new float[] {0.1f, 0.2f}, f.vector, f.bias, 0f), 1f, u);
        model.apply(f, u);
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
    void aPoisonedStepLeavesTheVectorFinite() {
        ItemFactor f = TestItems.item("x", new float[] {0.3f, -0.1f});
        model.apply(f, interactionStep(f, new float[] {Float.NaN, 0f}, 1f, 1000L));
        model.apply(f, interactionStep(f, new float[] {Float.MAX_VALUE, Float.MAX_VALUE}, 1f, 1000L));
        model.apply(f, TestItems.interaction("x", 1000L, new float[] {Float.POSITIVE_INFINITY, 0f}, 1f, new String[0], new float[0]));
        assertThat(f.vector).containsExactly(0.3f, -0.1f);
        assertThat(VectorGuard.isFinite(f.vector)).isTrue();
        assertThat(f.version).isEqualTo(3); // still counted, identically on replica and owner
    }

    @Test
    void aUserVectorOfTheWrongDimensionIsIgnored() {
        ItemFactor f = TestItems.item("x", new float[] {0.3f, -0.1f});
        ItemUpdate u = ItemUpdate.interaction(f.id, "x", 1000L, 1f, new long[0], new float[0]);
        model.factorStep(f, new float[] {1f, 1f, 1f}, 0.5f, 1f, u);
        model.apply(f, u);
        assertThat(u.factorDelta).isNull();
        assertThat(f.vector).containsExactly(0.3f, -0.1f);
        assertThat(f.popularity).isEqualTo(1.0);
    }
}
