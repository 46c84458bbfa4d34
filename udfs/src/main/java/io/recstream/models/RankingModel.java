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
 * {@code features} float {@code [batch, n]} and output float {@code [batch, 1]} (or
 * {@code [batch]}), and the metadata {@code <name>.json} with its {@code version} and its
 * {@code features} names, which must be the first n of {@link RankingFeatures#NAMES}, in that
 * order (the layout is append-only: ranking-v1 and v2 take 13). It scores rows of all
 * {@link RankingFeatures#COUNT} features and reads the first n of each. Everything is checked at
 * load, including one inference, so a missing, corrupt or mismatched model fails there with a
 * {@link ModelLoadException} naming the file.
 *
 * <p>{@link #close()} must not race with calls in flight: close after the last call returned.
 */
public final class RankingModel implements RankingScorer {
    /** The ranking model shipped in the jar. */
    public static final String DEFAULT_LOCATION = "classpath:models/ranking-v6.onnx";
    private static final String KIND = "Ranking model";

    private final String version;
    /** How many of the {@link RankingFeatures} the model reads: the first ones. */
    private final int inputs;
    /** Whether its training held re-find candidates, so that it may re-order them (metadata {@code ranks_refind}). */
    private final boolean ranksRefind;
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
            this.inputs = checkFeatureNames(files);
            this.ranksRefind = files.metadata().path("ranks_refind").asBoolean(false);
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
            throw files.error("does not fit the ranking contract (" + inputs
                    + " features in, one score per row out): " + e.getMessage(), e);
        }
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public boolean ranksRefind() {
        return ranksRefind;
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
        float[] scores = pool.predict(new RankingTranslator.Rows(firstInputs(features, rows), rows, inputs));
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

    /** The first {@link #inputs} features of each row, row-major: the rows themselves when the model reads them all. */
    private float[] firstInputs(float[] features, int rows) {
        if (inputs == RankingFeatures.COUNT) {
            return features;
        }
        float[] first = new float[rows * inputs];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(features, r * RankingFeatures.COUNT, first, r * inputs, inputs);
        }
        return first;
    }

    /**
     * The model must have been trained on the features the job computes, in the same order: the
     * first n of them. Returns n.
     */
    private static int checkFeatureNames(ModelFiles files) {
        JsonNode names = files.metadata().path("features");
        List<String> found = new ArrayList<>();
        names.forEach(n -> found.add(n.asText()));
        List<String> job = Arrays.asList(RankingFeatures.NAMES);
        if (found.isEmpty() || found.size() > job.size() || !found.equals(job.subList(0, found.size()))) {
            throw files.error("metadata features " + found + " are not the first ones of the job's ranking features "
                    + job);
        }
        return found.size();
    }
}
