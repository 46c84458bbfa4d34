package io.recstream.bench;

import io.recstream.recommend.RankingFeatures;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OrderMixTest {
    /** Three candidates in blend order (blend 0.9, 0.5, 0.1; ranks 0, 1, 2); the model prefers the last. */
    private static final float[] ROWS = rows(new float[] {0.9f, 0.5f, 0.1f});
    private static final float[] MODEL = {0.3f, 0.4f, 0.5f};

    @Test
    void weightZeroIsTheModelsOrderAlone() {
        for (OrderMix mix : OrderMix.values()) {
            assertThat(mix.rankOfPositive(MODEL, ROWS, 3, 2, 0, false)).as(mix.name()).isZero();
            assertThat(mix.rankOfPositive(MODEL, ROWS, 3, 0, 0, false)).as(mix.name()).isEqualTo(2);
        }
    }

    @Test
    void aLargeWeightGivesTheBlendsOrder() {
        for (OrderMix mix : OrderMix.values()) {
            assertThat(mix.rankOfPositive(MODEL, ROWS, 3, 0, 100, false)).as(mix.name()).isZero();
            assertThat(mix.rankOfPositive(MODEL, ROWS, 3, 2, 100, false)).as(mix.name()).isEqualTo(2);
        }
    }

    @Test
    void theRankMixAddsTheLogOfThePlace() {
        // logits -0.847, -0.405, 0; the places cost 0, w ln 2, w ln 3: the first candidate passes the last
        // (ahead of it by w ln 3 - 0.847) once w > 0.771, and is behind it below
        assertThat(OrderMix.RANK.rankOfPositive(MODEL, ROWS, 3, 0, 0.75, false)).isEqualTo(1);
        assertThat(OrderMix.RANK.rankOfPositive(MODEL, ROWS, 3, 0, 0.8, false)).isZero();
    }

    private static float[] rows(float[] blend) {
        float[] rows = new float[blend.length * RankingFeatures.COUNT];
        for (int r = 0; r < blend.length; r++) {
            rows[r * RankingFeatures.COUNT + RankingFeatures.BLEND] = blend[r];
            rows[r * RankingFeatures.COUNT + RankingFeatures.BLEND_RANK] = r;
        }
        return rows;
    }
}
