package io.recstream.models;

import com.fasterxml.jackson.databind.JsonNode;
import io.recstream.recommend.RankingFeatures;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * An ONNX ranking model (raw ranking features of a candidate to a score, higher is better) run by
 * DJL's ONNX Runtime engine. Thread-safe: calls borrow a predictor from a fixed pool
 * ({@link PredictorPool}) and wait when all are busy.
 *
 * <p>A model is two files side by side (models/README.md): {@code <name>.onnx} with input
 * {@code features} float {@code [batch, 10]} and output float {@code [batch, 1]} (or
 * {@code [batch]}), and the metadata {@code <name>.json} with its {@code version} and its
 * {@code features} names, which must be {@link RankingFeatures#NAMES} in that order. Everything is
 * checked at load, including one inference, so a missing, corrupt or mismatched model fails there
 * with a {@link ModelLoadException} naming the file.
 *
 * <p>{@link #close()} must not race with calls in flight: close after the last call returned.
 */
public final class RankingModel implements RankingScorer {
    /** The ranking model shipped in the jar. */
    public static final String DEFAULT_LOCATION = "classpath:models/ranking-v1.onnx";
    private static final String KIND = "Ranking model";

    private final String version;
    private final ModelFiles files;
    private final PredictorPool<RankingTranslator.Rows, float[]> pool;

    /** Loads {@code location} with one predictor and one ONNX Runtime thread. */
    public static RankingModel load(String location) {
        return load(location, 1, 1);
    }

    /**
     * Loads a model from {@code "classpath:<resource>"} (e.g. {@link #DEFAULT_LOCATION}) or a
     * filesystem path to its {@code .onnx} file, with its metadata beside it.
     *
     * @param poolSize number of predictors, i.e. calls that can run at the same time
     * @param intraOpThreads ONNX Runtime threads per call; 1 suits a machine shared by many tasks
     */
    public static RankingModel load(String location, int poolSize, int intraOpThreads) {
        return new RankingModel(ModelFiles.resolve(KIND, location), poolSize, intraOpThreads);
    }

    /** Loads a version from the model store (see {@link ModelKind}). */
    public static RankingModel fromVersion(ModelVersion version, int poolSize, int intraOpThreads) {
        return new RankingModel(ModelFiles.fromVersion(KIND, version, Map.of()), poolSize, intraOpThreads);
    }

    private RankingModel(ModelFiles files, int poolSize, int intraOpThreads) {
        this.files = files;
        try {
            this.version = files.version();
            checkFeatureNames(files);
            this.pool = new PredictorPool<>(files, RankingTranslator.Rows.class, float[].class,
                    new RankingTranslator(), poolSize, intraOpThreads);
        } catch (RuntimeException e) {
            files.close();
            throw e;
        }
        try {
            float[] probe = score(new float[RankingFeatures.COUNT], 1);
            if (probe.length != 1) {
                throw new IllegalStateException(probe.length + " scores for one row");
            }
        } catch (RuntimeException e) {
            close();
            throw files.error("does not fit the ranking contract (" + RankingFeatures.COUNT
                    + " features in, one score per row out): " + e.getMessage(), e);
        }
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public float[] score(float[] features, int rows) {
        if (rows < 0 || features.length < rows * RankingFeatures.COUNT) {
            throw new IllegalArgumentException(rows + " rows need " + rows * RankingFeatures.COUNT
                    + " feature values, got " + features.length);
        }
        if (rows == 0) {
            return new float[0];
        }
        float[] scores = pool.predict(new RankingTranslator.Rows(features, rows));
        if (scores.length != rows) {
            throw new IllegalStateException(files.describe() + " returned " + scores.length
                    + " scores for " + rows + " rows");
        }
        return scores;
    }

    @Override
    public void close() {
        pool.close();
        files.close();
    }

    /** The model must have been trained on the features the job computes, in the same order. */
    private static void checkFeatureNames(ModelFiles files) {
        JsonNode names = files.metadata().path("features");
        List<String> found = new ArrayList<>();
        names.forEach(n -> found.add(n.asText()));
        if (!found.equals(Arrays.asList(RankingFeatures.NAMES))) {
            throw files.error("metadata features " + found + " are not the job's ranking features "
                    + Arrays.toString(RankingFeatures.NAMES));
        }
    }
}
