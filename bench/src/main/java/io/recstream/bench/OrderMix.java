package io.recstream.bench;

import io.recstream.recommend.ListOrder;
import io.recstream.recommend.RankingFeatures;

/**
 * Ways to combine a ranking model's score with the blend's order into one list order, for the
 * probes that measure them ({@link OrderMixProbe}, {@link RetrainingReplay}): the model's logit
 * plus {@code w} times a blend signal. {@code w = 0} is the model's order alone (the job's).
 */
enum OrderMix {
    /** logit - w ln(1 + blend rank): the blend's order as a prior that fades down the list. */
    RANK {
        @Override
        double blendTerm(float[] rows, int row, float bestBlend) {
            return -Math.log1p(rows[row * RankingFeatures.COUNT + RankingFeatures.BLEND_RANK]);
        }
    },
    /** logit + w blend / best blend of the list: the blend's score, scale-free. */
    SCORE {
        @Override
        double blendTerm(float[] rows, int row, float bestBlend) {
            return bestBlend > 0 ? rows[row * RankingFeatures.COUNT + RankingFeatures.BLEND] / bestBlend : 0;
        }
    },
    /** logit - w blend rank: a linear penalty per place. */
    LINEAR {
        @Override
        double blendTerm(float[] rows, int row, float bestBlend) {
            return -rows[row * RankingFeatures.COUNT + RankingFeatures.BLEND_RANK];
        }
    };

    abstract double blendTerm(float[] rows, int row, float bestBlend);

    /** The positive's 0-based place when the list is ordered by the mix of {@code probabilities} (the model's) at weight {@code w}. */
    int rankOfPositive(float[] probabilities, float[] rows, int size, int positive, double w, boolean refindKeepsPlace) {
        float best = Float.NEGATIVE_INFINITY;
        for (int r = 0; r < size; r++) {
            best = Math.max(best, rows[r * RankingFeatures.COUNT + RankingFeatures.BLEND]);
        }
        float[] mixed = new float[size];
        for (int r = 0; r < size; r++) {
            double p = Math.min(Math.max(probabilities[r], 1e-7), 1 - 1e-7);
            mixed[r] = (float) (Math.log(p / (1 - p)) + w * blendTerm(rows, r, best));
        }
        int[] order = ListOrder.of(mixed, rows, null, size, refindKeepsPlace);
        int rank = 0;
        while (order[rank] != positive) {
            rank++;
        }
        return rank;
    }
}
