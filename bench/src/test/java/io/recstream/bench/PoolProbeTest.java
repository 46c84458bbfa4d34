package io.recstream.bench;

import io.recstream.recommend.RankingFeatures;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PoolProbeTest {
    private static final int C = RankingFeatures.COUNT;

    /**
     * Five candidates in blend order: co-occurrence 0.8, 0.4, 0.2, 0.1, 0; factor 1, 3, 2, 0, 5;
     * the third a re-find candidate; list-relative features as the job gives them for all five.
     */
    private static final float[] LIST = list(new float[] {0.8f, 0.4f, 0.2f, 0.1f, 0f}, new float[] {1f, 3f, 2f, 0f, 5f}, 2);

    @Test
    void eachSourceAddsItsBestNotYetTaken() {
        assertThat(PoolProbe.pool(LIST, 0, 5, PoolProbe.Source.parse("blend:2+factor:2"))).containsExactly(0, 1, 2, 4);
        assertThat(PoolProbe.pool(LIST, 0, 5, PoolProbe.Source.parse("factor:2+blend:1"))).containsExactly(0, 1, 4);
        assertThat(PoolProbe.pool(LIST, 0, 5, PoolProbe.Source.parse("blend:9"))).containsExactly(0, 1, 2, 3, 4);
    }

    @Test
    void theWholeListKeepsItsFeatures() {
        assertThat(PoolProbe.poolRows(LIST, 0, new int[] {0, 1, 2, 3, 4})).containsExactly(LIST);
    }

    @Test
    void aPoolsListRelativeFeaturesAreThePools() {
        float[] rows = PoolProbe.poolRows(LIST, 0, new int[] {1, 2, 3});
        // best co-occurrence 0.4 and best factor 3 among the three; the re-find candidate takes no blend rank
        assertThat(column(rows, RankingFeatures.COOCCURRENCE_SHARE)).containsExactly(1f, 0.5f, 0.25f);
        assertThat(column(rows, RankingFeatures.FACTOR_GAP)).containsExactly(0f, -1f, -3f);
        assertThat(column(rows, RankingFeatures.BLEND_RANK)).containsExactly(0f, 1f, 1f);
        assertThat(column(rows, RankingFeatures.COOCCURRENCE)).containsExactly(0.4f, 0.2f, 0.1f);
    }

    @Test
    void theOraclePoolHoldsTheTargetInOnePlace() {
        assertThat(PoolProbe.oraclePool(40)).hasSize(30).startsWith(0, 1, 2).endsWith(27, 28, 40);
        assertThat(PoolProbe.oraclePool(5)).hasSize(30).endsWith(28, 29);
    }

    private static float[] column(float[] rows, int feature) {
        float[] values = new float[rows.length / C];
        for (int r = 0; r < values.length; r++) {
            values[r] = rows[r * C + feature];
        }
        return values;
    }

    private static float[] list(float[] cooccurrence, float[] factor, int refind) {
        float[] rows = new float[cooccurrence.length * C];
        float bestFactor = 5f;
        int rank = 0;
        for (int r = 0; r < cooccurrence.length; r++) {
            rows[r * C + RankingFeatures.COOCCURRENCE] = cooccurrence[r];
            rows[r * C + RankingFeatures.FACTOR] = factor[r];
            rows[r * C + RankingFeatures.COOCCURRENCE_SHARE] = cooccurrence[r] / cooccurrence[0];
            rows[r * C + RankingFeatures.FACTOR_GAP] = factor[r] - bestFactor;
            rows[r * C + RankingFeatures.REFIND] = r == refind ? 0.5f : 0f;
            rows[r * C + RankingFeatures.BLEND_RANK] = rank;
            rank += r == refind ? 0 : 1;
        }
        return rows;
    }
}
