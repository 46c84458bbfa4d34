package io.recstream.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import com.carrotsearch.hppc.sorting.IndirectSort;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

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

    /**
     * The order of a stable sort by the rule written as a comparator, the way it was sorted before
     * {@link ListOrder#byScore} sorted primitives: the lists must not change.
     */
    @Test
    void ordersAsAStableSortByScoreThenIdDoesWithManyTies() {
        SplittableRandom random = new SplittableRandom(11);
        float[] values = {-1f, -0f, 0f, 0.25f, 0.5f, 1e-30f, -1e-30f, Float.MAX_VALUE, Float.NEGATIVE_INFINITY,
                Float.POSITIVE_INFINITY, Float.NaN};
        for (int round = 0; round < 2_000; round++) {
            int rows = random.nextInt(0, 80);
            float[] scores = new float[rows];
            long[] ids = new long[rows];
            for (int i = 0; i < rows; i++) {
                scores[i] = random.nextBoolean() ? values[random.nextInt(values.length)] : (float) random.nextGaussian();
                ids[i] = random.nextLong(-5, 5) * (random.nextBoolean() ? 1 : Long.MAX_VALUE / 8); // duplicates too
            }
            assertThat(ListOrder.byScore(scores, ids, rows)).as("round %d", round).containsExactly(comparatorOrder(scores, ids, rows));
            assertThat(ListOrder.byScore(scores, null, rows)).as("round %d", round).containsExactly(comparatorOrder(scores, null, rows));
        }
    }

    private static int[] comparatorOrder(float[] scores, long[] ids, int rows) {
        return IndirectSort.mergesort(0, rows, (a, b) -> {
            int c = Float.compare(scores[b], scores[a]);
            if (c != 0) {
                return c;
            }
            return ids == null ? Integer.compare(a, b) : Long.compare(ids[a], ids[b]);
        });
    }

    /**
     * The ranker's selection of a live list's first K: the same candidates in the same places as the
     * whole order's first K, for every K, with ties of score (both zeros among them), duplicate ids,
     * no ids, and re-find candidates kept in place or ordered.
     */
    @Test
    void theFirstKPlacesAreThoseOfTheWholeOrder() {
        SplittableRandom random = new SplittableRandom(29);
        float[] values = {-1f, -0f, 0f, 0.25f, 0.5f, 1e-30f, -1e-30f, Float.MAX_VALUE, Float.NEGATIVE_INFINITY};
        for (int round = 0; round < 3_000; round++) {
            int rows = random.nextInt(0, 60);
            float[] scores = new float[rows];
            long[] ids = new long[rows];
            float[] features = new float[rows * RankingFeatures.COUNT];
            for (int i = 0; i < rows; i++) {
                scores[i] = random.nextBoolean() ? values[random.nextInt(values.length)] : (float) random.nextGaussian();
                ids[i] = random.nextLong(-5, 5) * (random.nextBoolean() ? 1 : Long.MAX_VALUE / 8); // duplicates too
                if (random.nextInt(6) == 0) {
                    features[i * RankingFeatures.COUNT + RankingFeatures.REFIND] = 0.5f;
                }
            }
            int k = random.nextInt(0, rows + 3);
            for (boolean refindKeepsPlace : new boolean[] {true, false}) {
                for (long[] tieIds : new long[][] {ids, null}) {
                    int[] whole = ListOrder.of(scores, features, tieIds, rows, refindKeepsPlace);
                    assertThat(ListOrder.first(scores, features, tieIds, rows, k, refindKeepsPlace))
                            .as("round %d, k %d, re-find kept %s, ids %s", round, k, refindKeepsPlace, tieIds != null)
                            .containsExactly(Arrays.copyOf(whole, Math.min(k, rows)));
                }
            }
        }
    }

    @Test
    void theFirstPlacesOfAListWhoseFirstCandidatesAreReFindsAreThoseCandidates() {
        float[] scores = {0.1f, 0.2f, 0.9f, 0.5f};
        assertThat(ListOrder.first(scores, rows(4, 0, 1), null, 4, 2, true)).containsExactly(0, 1);
        assertThat(ListOrder.first(scores, rows(4, 0, 1), null, 4, 3, true)).containsExactly(0, 1, 2);
        assertThat(ListOrder.first(scores, rows(4, 0, 1), null, 4, 3, false)).containsExactly(2, 3, 1);
    }

    @Test
    void aListOfReFindCandidatesOnlyStaysAsItIs() {
        float[] scores = {0.1f, 0.9f};
        assertThat(ListOrder.of(scores, rows(2, 0, 1), null, 2, true)).containsExactly(0, 1);
    }
}
