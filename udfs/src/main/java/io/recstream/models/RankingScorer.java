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

    @Override
    void close();
}
