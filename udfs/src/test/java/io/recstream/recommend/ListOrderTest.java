package io.recstream.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ListOrderTest {
    /** Feature rows of a list in blend order; the candidates at {@code refinds} are re-find candidates. */
    private static float[] rows(int n, int... refinds) {
        float[] features = new float[n * RankingFeatures.COUNT];
        for (int r : refinds) {
            features[r * RankingFeatures.COUNT + RankingFeatures.REFIND] = 0.7f;
        }
        return features;
    }

    @Test
    void reFindCandidatesKeepTheirPlacesAndTheModelOrdersTheRest() {
        // blend order 0..5; 1 and 4 are re-find candidates, which the model scores lowest
        float[] scores = {0.1f, 0f, 0.5f, 0.3f, 0f, 0.9f};
        int[] order = ListOrder.of(scores, rows(6, 1, 4), null, 6, true);
        assertThat(order).containsExactly(5, 1, 2, 3, 4, 0);
    }

    @Test
    void aModelTrainedOnReFindCandidatesOrdersThemToo() {
        float[] scores = {0.1f, 0f, 0.5f, 0.3f, 0f, 0.9f};
        int[] order = ListOrder.of(scores, rows(6, 1, 4), null, 6, false);
        assertThat(order).containsExactly(5, 2, 3, 0, 1, 4); // a tie (1 and 4) in blend order
    }

    @Test
    void tiesGoToTheSmallerIdWhenIdsAreGiven() {
        float[] scores = {0.5f, 0.5f, 0.5f};
        assertThat(ListOrder.of(scores, rows(3), new long[] {30, 10, 20}, 3, true)).containsExactly(1, 2, 0);
        assertThat(ListOrder.of(scores, rows(3), null, 3, true)).containsExactly(0, 1, 2);
    }

    @Test
    void aListOfReFindCandidatesOnlyStaysAsItIs() {
        float[] scores = {0.1f, 0.9f};
        assertThat(ListOrder.of(scores, rows(2, 0, 1), null, 2, true)).containsExactly(0, 1);
    }
}
