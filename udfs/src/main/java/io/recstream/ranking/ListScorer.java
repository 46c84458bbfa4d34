package io.recstream.ranking;

import io.recstream.recommend.RankingFeatures;

/** Scores the candidates of one list, higher first: a trained model, the live model, or the blend. */
@FunctionalInterface
public interface ListScorer {
    /** One score per row of {@code features} (row-major, {@link RankingFeatures#COUNT} per row, {@code rows} rows). */
    float[] score(float[] features, int rows);

    /** The order the job lists candidates in without a ranking model. */
    static ListScorer blend() {
        return (features, rows) -> {
            float[] scores = new float[rows];
            for (int r = 0; r < rows; r++) {
                scores[r] = features[r * RankingFeatures.COUNT + RankingFeatures.BLEND];
            }
            return scores;
        };
    }
}
