package io.recstream.models;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * An ONNX intent model (text to probabilities over intent classes) run by DJL's ONNX Runtime
 * engine. Thread-safe: calls borrow a predictor from a fixed pool ({@link PredictorPool}) and
 * wait when all are busy.
 *
 * <p>A model is three files side by side (models/README.md): {@code <name>.onnx}, the class
 * labels in output order {@code <name>.labels.txt}, and the metadata {@code <name>.json} (its
 * {@code version} and {@code vocabulary_size}). Everything is checked at load, including one
 * inference, so a missing, corrupt or mismatched model fails there with a
 * {@link ModelLoadException} naming the file, never later mid-stream.
 *
 * <p>{@link #close()} must not race with calls in flight: close after the last call returned.
 */
public final class IntentModel implements IntentClassifier {
    /** The synthetic-catalogue model shipped in the jar. */
    public static final String DEFAULT_LOCATION = "classpath:models/intent-synthetic.onnx";
    public static final String CLASSPATH_PREFIX = ModelFiles.CLASSPATH_PREFIX;
    private static final String KIND = "Intent model";
    private static final String LABELS_SUFFIX = ".labels.txt";

    private final String version;
    private final List<String> labels;
    private final TextFeatures features;
    private final ModelFiles files;
    private final PredictorPool<List<String>, List<IntentPrediction>> pool;

    /** Loads {@code location} with one predictor and one ONNX Runtime thread. */
    public static IntentModel load(String location) {
        return load(location, 1, 1);
    }

    /**
     * Loads a model from {@code "classpath:<resource>"} (e.g. {@link #DEFAULT_LOCATION}) or a
     * filesystem path to its {@code .onnx} file.
     *
     * @param poolSize number of predictors, i.e. calls that can run at the same time
     * @param intraOpThreads ONNX Runtime threads per call; 1 suits a machine shared by many tasks
     */
    public static IntentModel load(String location, int poolSize, int intraOpThreads) {
        return new IntentModel(ModelFiles.resolve(KIND, location, LABELS_SUFFIX), poolSize, intraOpThreads);
    }

    public static IntentModel fromPath(Path onnxFile, int poolSize, int intraOpThreads) {
        return new IntentModel(ModelFiles.fromPath(KIND, onnxFile), poolSize, intraOpThreads);
    }

    /**
     * Loads a model packed in the jar. ONNX Runtime reads files, so the three files are copied
     * to a temporary directory that {@link #close()} deletes.
     */
    public static IntentModel fromClasspath(String resource, int poolSize, int intraOpThreads) {
        return new IntentModel(ModelFiles.fromClasspath(KIND, resource, LABELS_SUFFIX), poolSize, intraOpThreads);
    }

    /**
     * Loads a version from the model store (see {@link ModelKind}): its labels are the metadata's
     * {@code classes}, in output order.
     */
    public static IntentModel fromVersion(ModelVersion version, int poolSize, int intraOpThreads) {
        StringBuilder labels = new StringBuilder();
        try {
            new ObjectMapper().readTree(version.metadata).path("classes").forEach(c -> labels.append(c.asText()).append('\n'));
        } catch (IOException e) {
            throw new ModelLoadException(KIND + " " + version + ": metadata is not JSON: " + e.getMessage(), e);
        }
        return new IntentModel(ModelFiles.fromVersion(KIND, version,
                Map.of(LABELS_SUFFIX, labels.toString().getBytes(StandardCharsets.UTF_8))), poolSize, intraOpThreads);
    }

    @SuppressWarnings("unchecked")
    private IntentModel(ModelFiles files, int poolSize, int intraOpThreads) {
        this.files = files;
        try {
            this.labels = readLabels(files);
            this.version = files.version();
            int dimension = files.metadata().path("vocabulary_size").asInt(0);
            if (dimension <= 0) {
                throw files.error("metadata lacks a positive vocabulary_size");
            }
            this.features = new TextFeatures(dimension);
            this.pool = new PredictorPool<>(files, (Class<List<String>>) (Class<?>) List.class,
                    (Class<List<IntentPrediction>>) (Class<?>) List.class,
                    new IntentTranslator(features, labels), poolSize, intraOpThreads);
        } catch (RuntimeException e) {
            files.close();
            throw e;
        }
        try {
            predict(""); // the graph runs and its output matches the labels
        } catch (RuntimeException e) {
            close();
            throw files.error("does not fit its metadata (" + features.dimension() + " features in, "
                    + labels.size() + " classes out): " + e.getMessage(), e);
        }
    }

    /** The model's version, e.g. {@code intent-synthetic-v1}; it travels with what it produced. */
    public String version() {
        return version;
    }

    /** The intent classes in output order. */
    public List<String> labels() {
        return labels;
    }

    public TextFeatures features() {
        return features;
    }

    public IntentPrediction predict(String text) {
        return predictBatch(List.of(text == null ? "" : text)).get(0);
    }

    /** Predicts a batch in one model call (one {@code [batch, V]} tensor); results in input order. */
    @Override
    public List<IntentPrediction> predictBatch(List<String> texts) {
        if (texts.isEmpty()) {
            return List.of();
        }
        return pool.predict(texts);
    }

    @Override
    public void close() {
        pool.close();
        files.close();
    }

    private static List<String> readLabels(ModelFiles files) {
        Path file = files.sibling(LABELS_SUFFIX);
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw files.error("labels not readable: " + file, e);
        }
        List<String> labels = lines.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        if (labels.isEmpty()) {
            throw files.error("labels file is empty: " + file);
        }
        return labels;
    }
}
