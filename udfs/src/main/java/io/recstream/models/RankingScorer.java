package io.recstream.models;

import io.recstream.recommend.RankingFeatures;
import java.util.List;

/**
 * Rows of ranking features to scores: what the async ranker needs of a model
 * ({@link RankingModel}).
 */
public interface RankingScorer extends AutoCloseable {
    /** The model's version; it travels with every list the model ordered. */
    String version();

    /**
     * Scores {@code rows} candidates in one model call. {@code features} is row-major with
     * {@link RankingFeatures#COUNT} values per row; only its first
     * {@code rows * COUNT} values are read. Thread-safe.
     *
     * @return one score per row, higher is better
     */
    float[] score(float[] features, int rows);

    /**
     * Scores the rows of {@code blocks} in one model call, as if the blocks were one array: each
     * holds whole rows, {@link RankingFeatures#COUNT} values each. A model
     * may read the blocks where they are instead of joining them first. Thread-safe.
     *
     * @return one score per row, in the blocks' order
     */
    default float[] score(List<float[]> blocks) {
        int values = 0;
        for (float[] block : blocks) {
            values += block.length;
        }
        float[] joined = new float[values];
        int offset = 0;
        for (float[] block : blocks) {
            System.arraycopy(block, 0, joined, offset, block.length);
            offset += block.length;
        }
        return score(joined, values / RankingFeatures.COUNT);
    }

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
