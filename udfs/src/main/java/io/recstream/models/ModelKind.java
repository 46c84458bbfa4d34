package io.recstream.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.recstream.recommend.RankingFeatures;

import java.io.IOException;
import java.util.List;

/**
 * The models the job runs, by their name in the model store: how a published
 * {@link ModelVersion} is loaded, and the check it must pass before it serves.
 */
public enum ModelKind {
    /** Ranking features to a score per candidate ({@link RankingModel}). */
    RANKING("ranking") {
        @Override
        public RankingModel load(ModelVersion version, int poolSize, int intraOpThreads) {
            return RankingModel.fromVersion(version, poolSize, intraOpThreads);
        }

        @Override
        void smokeTest(AutoCloseable model) {
            float[] scores = ((RankingModel) model).score(RANKING_PROBE, RANKING_PROBE_ROWS);
            for (int row = 0; row < scores.length; row++) {
                if (!Float.isFinite(scores[row])) {
                    throw new IllegalStateException("score " + scores[row] + " for probe row " + row);
                }
            }
        }
    },
    /** Search text to an intent class ({@link IntentModel}). */
    INTENT("intent") {
        @Override
        public IntentModel load(ModelVersion version, int poolSize, int intraOpThreads) {
            return IntentModel.fromVersion(version, poolSize, intraOpThreads);
        }

        @Override
        void smokeTest(AutoCloseable model) {
            for (IntentPrediction p : ((IntentModel) model).predictBatch(INTENT_PROBE)) {
                for (float probability : p.probabilities()) {
                    if (!(probability >= 0f && probability <= 1f)) { // also refuses NaN
                        throw new IllegalStateException("probability " + probability + " for a probe query");
                    }
                }
            }
        }
    };

    /**
     * Fixed probe rows for the smoke inference: all zeros, all ones, all minus one, and a typical
     * candidate (about the means of the shipped model's training log).
     */
    private static final float[] RANKING_PROBE = probeRows(
            new float[RankingFeatures.COUNT],
            filled(1f), filled(-1f),
            new float[] {0.008f, 2.5f, -1.7f, -6.7f, 0.55f, 0f, 1f, 0f, 0f, 0.02f, 0.25f, -1.75f, 0.005f, 0f, 50f,
                    0.2f, -1.5f, 0.3f, 0.1f});
    private static final int RANKING_PROBE_ROWS = RANKING_PROBE.length / RankingFeatures.COUNT;
    private static final List<String> INTENT_PROBE = List.of("", "red running shoes", "the lord of the rings", "zzzz 42");

    private final String storeName;

    ModelKind(String storeName) {
        this.storeName = storeName;
    }

    /** The model's name in the store: the key of its records on the models topic. */
    public String storeName() {
        return storeName;
    }

    /** The kind named {@code storeName}, or an {@link IllegalArgumentException}. */
    public static ModelKind of(String storeName) {
        for (ModelKind kind : values()) {
            if (kind.storeName.equals(storeName)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("no model is named '" + storeName + "' (known: ranking, intent)");
    }

    /** Loads {@code version}; fails with a {@link ModelLoadException} naming what does not fit. */
    public abstract AutoCloseable load(ModelVersion version, int poolSize, int intraOpThreads);

    /** Runs the model on fixed inputs; throws when an output is not a finite, valid value. */
    abstract void smokeTest(AutoCloseable model);

    /**
     * The check before a version serves: its metadata names the same version, the model loads
     * and fits the job's contract (the ranker's features in {@link RankingFeatures} order, one
     * score per row; the intent model's labels, its metadata's {@code classes}, one probability
     * each), and a smoke inference on fixed inputs gives finite values.
     *
     * @throws ModelLoadException saying why the version is refused
     */
    public static void check(ModelVersion version) {
        ModelKind kind;
        try {
            kind = of(version.name);
        } catch (IllegalArgumentException e) {
            throw new ModelLoadException(version + ": " + e.getMessage(), e);
        }
        JsonNode metadata;
        try {
            metadata = new ObjectMapper().readTree(version.metadata);
        } catch (IOException e) {
            throw new ModelLoadException(version + ": metadata is not JSON: " + e.getMessage(), e);
        }
        String declared = metadata.path("version").asText();
        if (!declared.equals(version.version)) {
            throw new ModelLoadException(version + ": metadata names version '" + declared + "'");
        }
        try (AutoCloseable model = kind.load(version, 1, 1)) {
            kind.smokeTest(model);
        } catch (ModelLoadException e) {
            throw e;
        } catch (Exception e) {
            throw new ModelLoadException(version + ": smoke inference failed: " + e.getMessage(), e);
        }
    }

    private static float[] filled(float value) {
        float[] row = new float[RankingFeatures.COUNT];
        java.util.Arrays.fill(row, value);
        return row;
    }

    private static float[] probeRows(float[]... rows) {
        float[] all = new float[rows.length * RankingFeatures.COUNT];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(rows[r], 0, all, r * RankingFeatures.COUNT, RankingFeatures.COUNT);
        }
        return all;
    }
}
