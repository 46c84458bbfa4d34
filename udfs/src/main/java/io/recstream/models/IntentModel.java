package io.recstream.models;

import ai.djl.inference.Predictor;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.TranslateException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * An ONNX intent model (text to probabilities over intent classes) run by DJL's ONNX Runtime
 * engine. Thread-safe: calls borrow a {@link Predictor} from a fixed pool (a predictor is not
 * thread-safe) and wait when all are busy.
 *
 * <p>A model is three files side by side (models/README.md): {@code <name>.onnx}, the class
 * labels in output order {@code <name>.labels.txt}, and the metadata {@code <name>.json} (its
 * {@code version} and {@code vocabulary_size}). Everything is checked at load, including one
 * inference, so a missing, corrupt or mismatched model fails there with a
 * {@link ModelLoadException} naming the file, never later mid-stream.
 *
 * <p>{@link #close()} must not race with calls in flight: close after the last call returned.
 */
public final class IntentModel implements AutoCloseable {
    /** The synthetic-catalogue model shipped in the jar. */
    public static final String DEFAULT_LOCATION = "classpath:models/intent-synthetic.onnx";
    public static final String CLASSPATH_PREFIX = "classpath:";
    private static final String ENGINE = "OnnxRuntime";
    private static final String ONNX_SUFFIX = ".onnx";

    private final String version;
    private final List<String> labels;
    private final TextFeatures features;
    private final ZooModel<List<String>, List<IntentPrediction>> model;
    private final BlockingQueue<Predictor<List<String>, List<IntentPrediction>>> predictors;
    private final Path extractedDir; // non-null when the files were copied out of the classpath
    private volatile boolean closed;

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
        if (location.startsWith(CLASSPATH_PREFIX)) {
            return fromClasspath(location.substring(CLASSPATH_PREFIX.length()), poolSize, intraOpThreads);
        }
        return fromPath(Path.of(location), poolSize, intraOpThreads);
    }

    public static IntentModel fromPath(Path onnxFile, int poolSize, int intraOpThreads) {
        return new IntentModel(onnxFile, null, onnxFile.toString(), poolSize, intraOpThreads);
    }

    /**
     * Loads a model packed in the jar. ONNX Runtime reads files, so the three files are copied
     * to a temporary directory that {@link #close()} deletes.
     */
    public static IntentModel fromClasspath(String resource, int poolSize, int intraOpThreads) {
        String name = resource.startsWith("/") ? resource.substring(1) : resource;
        String shown = CLASSPATH_PREFIX + name;
        Path dir;
        try {
            dir = Files.createTempDirectory("recstream-model-");
        } catch (IOException e) {
            throw new ModelLoadException("Cannot create a temporary directory for model " + shown, e);
        }
        try {
            String base = baseName(name);
            Path onnx = copyResource(name, dir, shown);
            copyResource(base + ".labels.txt", dir, shown);
            copyResource(base + ".json", dir, shown);
            return new IntentModel(onnx, dir, shown, poolSize, intraOpThreads);
        } catch (RuntimeException e) {
            deleteQuietly(dir);
            throw e;
        }
    }

    private IntentModel(Path onnxFile, Path extractedDir, String shown, int poolSize, int intraOpThreads) {
        if (poolSize < 1 || intraOpThreads < 1) {
            throw new IllegalArgumentException(
                    "poolSize and intraOpThreads must be >= 1: " + poolSize + ", " + intraOpThreads);
        }
        DjlOffline.ensure();
        this.extractedDir = extractedDir;
        if (!Files.isRegularFile(onnxFile)) {
            throw new ModelLoadException("Intent model file not found: " + shown);
        }
        String base = baseName(onnxFile.getFileName().toString());
        Path labelsFile = onnxFile.resolveSibling(base + ".labels.txt");
        Path metadataFile = onnxFile.resolveSibling(base + ".json");
        this.labels = readLabels(labelsFile, shown);
        JsonNode metadata = readMetadata(metadataFile, shown);
        this.version = metadata.path("version").asText();
        int dimension = metadata.path("vocabulary_size").asInt(0);
        if (version.isEmpty() || dimension <= 0) {
            throw new ModelLoadException("Metadata of intent model " + shown
                    + " lacks a version or a positive vocabulary_size: " + metadataFile);
        }
        this.features = new TextFeatures(dimension);
        this.model = loadOnnx(onnxFile, shown, intraOpThreads);
        this.predictors = new ArrayBlockingQueue<>(poolSize);
        for (int i = 0; i < poolSize; i++) {
            predictors.add(model.newPredictor());
        }
        try {
            predict(""); // the graph runs and its output matches the labels
        } catch (RuntimeException e) {
            close();
            throw new ModelLoadException("Intent model " + shown + " does not fit its metadata ("
                    + dimension + " features in, " + labels.size() + " classes out): " + e.getMessage(), e);
        }
    }

    private ZooModel<List<String>, List<IntentPrediction>> loadOnnx(Path onnxFile, String shown, int intraOpThreads) {
        @SuppressWarnings("unchecked")
        Class<List<String>> in = (Class<List<String>>) (Class<?>) List.class;
        @SuppressWarnings("unchecked")
        Class<List<IntentPrediction>> out = (Class<List<IntentPrediction>>) (Class<?>) List.class;
        Criteria<List<String>, List<IntentPrediction>> criteria = Criteria.builder()
                .setTypes(in, out)
                .optModelPath(onnxFile)
                .optEngine(ENGINE)
                .optTranslator(new IntentTranslator(features, labels))
                .optOption("intraOpNumThreads", Integer.toString(intraOpThreads))
                .optOption("interOpNumThreads", "1")
                .build();
        try {
            return criteria.loadModel();
        } catch (Exception e) {
            throw new ModelLoadException("Intent model " + shown
                    + " could not be loaded by ONNX Runtime (corrupt or not an ONNX model?): " + rootCause(e), e);
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
    public List<IntentPrediction> predictBatch(List<String> texts) {
        if (closed) {
            throw new IllegalStateException("Intent model " + version + " is closed");
        }
        if (texts.isEmpty()) {
            return List.of();
        }
        Predictor<List<String>, List<IntentPrediction>> predictor;
        try {
            predictor = predictors.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for an intent predictor", e);
        }
        try {
            return predictor.predict(texts);
        } catch (TranslateException e) {
            throw new IllegalStateException("Intent model " + version + " failed on a batch of "
                    + texts.size() + " texts", e);
        } finally {
            predictors.add(predictor);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<Predictor<List<String>, List<IntentPrediction>>> idle = new ArrayList<>();
        predictors.drainTo(idle);
        idle.forEach(Predictor::close);
        model.close();
        deleteQuietly(extractedDir);
    }

    private static List<String> readLabels(Path file, String shown) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ModelLoadException("Labels of intent model " + shown + " not readable: " + file, e);
        }
        List<String> labels = lines.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        if (labels.isEmpty()) {
            throw new ModelLoadException("Labels file of intent model " + shown + " is empty: " + file);
        }
        return labels;
    }

    private static JsonNode readMetadata(Path file, String shown) {
        try {
            return new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new ModelLoadException("Metadata of intent model " + shown + " not readable: " + file, e);
        }
    }

    private static Path copyResource(String resource, Path dir, String shown) {
        ClassLoader loader = IntentModel.class.getClassLoader();
        InputStream stream = loader.getResourceAsStream(resource);
        if (stream == null && Thread.currentThread().getContextClassLoader() != null) {
            stream = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource);
        }
        if (stream == null) {
            throw new ModelLoadException("Intent model " + shown + ": resource not found on the classpath: " + resource);
        }
        Path target = dir.resolve(resource.substring(resource.lastIndexOf('/') + 1));
        try (InputStream in = stream) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new ModelLoadException("Intent model " + shown + ": cannot copy resource " + resource, e);
        }
        return target;
    }

    private static String rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? e.toString() : e.getMessage() + ": " + root.getMessage();
    }

    private static String baseName(String onnxName) {
        return onnxName.endsWith(ONNX_SUFFIX) ? onnxName.substring(0, onnxName.length() - ONNX_SUFFIX.length()) : onnxName;
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (var files = Files.walk(dir)) {
            files.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // a leftover temporary directory is harmless
        }
    }
}
