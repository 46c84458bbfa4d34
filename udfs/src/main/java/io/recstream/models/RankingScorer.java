package io.recstream.models;

/**
 * Rows of ranking features to scores: what the async ranker needs of a model
 * ({@link RankingModel}).
 */
public interface RankingScorer extends AutoCloseable {
    /** The model's version; it travels with every list the model ordered. */
    String version();

    /**
     * Scores {@code rows} candidates in one model call. {@code features} is row-major with
     * {@link io.recstream.recommend.RankingFeatures#COUNT} values per row; only its first
     * {@code rows * COUNT} values are read. Thread-safe.
     *
     * @return one score per row, higher is better
     */
    float[] score(float[] features, int rows);

    /**
     * Whether the model was trained on lists holding re-find candidates, so that its order of them
     * counts; otherwise they keep their blend places ({@link io.recstream.recommend.ListOrder}).
     */
    default boolean ranksRefind() {
        return false;
    }

    @Override
    void close();
}
