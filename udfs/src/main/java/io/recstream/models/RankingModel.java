package io.recstream.models;

import ai.djl.engine.Engine;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import com.carrotsearch.hppc.IntObjectHashMap;
import com.fasterxml.jackson.databind.JsonNode;
import io.recstream.recommend.RankingFeatures;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;

/**
 * An ONNX ranking model (raw ranking features of a candidate to a score, higher is better) run by
 * ONNX Runtime's own Java API, one session for every caller. Thread-safe: ONNX Runtime runs
 * concurrent calls of one session; at most {@code poolSize} run at once, the others wait.
 *
 * <p>Not through DJL, as the intent model is: the ranking model's input is one float matrix and
 * its output one column, and DJL's predictor around a call (its NDManager scopes, the translator's
 * NDList, the output's NDArray) took 19 % of the ranker thread's CPU where ONNX Runtime's own
 * code took 26 % (docs/BENCHMARKS.md, "After the list"). The session options are those DJL gave the session (threads only), so the scores are
 * the same bit for bit. Each calling thread keeps, per batch size, an input and an output tensor
 * over direct buffers of its own ({@link Binding}), and ONNX Runtime writes the scores into that
 * output (a pinned output): a call makes no tensor. Made per call, the two tensors, the output's
 * Java description through JNI and the copy of its values took 15-20 % of the ranker thread
 * (docs/BENCHMARKS.md, "The list path, again").
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
    /** The model's input, {@code [batch, n]} floats. */
    static final String INPUT_NAME = "features";

    private final String version;
    /** How many of the {@link RankingFeatures} the model reads: the first ones. */
    private final int inputs;
    /** Whether its training held re-find candidates, so that it may re-order them (metadata {@code ranks_refind}). */
    private final boolean ranksRefind;
    private final ModelFiles files;
    private final OrtEnvironment environment;
    /** The session's options, closed with it (ONNX Runtime reads them while the session lives). */
    private final OrtSession.SessionOptions options;
    private final OrtSession session;
    /** Calls that may run at once: the pool size. */
    private final Semaphore calls;
    private volatile boolean closed;
    /** The output's shape without its batch dimension: {@code []} for {@code [batch]}, {@code [1]} for {@code [batch, 1]}. */
    private final long[] outputShapeAfterBatch;
    /** The output's name. */
    private final String outputName;
    /** Each calling thread's tensors by batch size (rows). */
    private final ThreadLocal<IntObjectHashMap<Binding>> bindings = ThreadLocal.withInitial(IntObjectHashMap::new);
    /** Every tensor the bindings made, closed with the model. */
    private final Queue<OnnxTensor> tensors = new ConcurrentLinkedQueue<>();
    /**
     * Batch sizes a thread keeps tensors for; past it the thread's are dropped. Batches are whole
     * lists of one length (the ranking candidates), so a thread meets few sizes: this only bounds odd streams.
     */
    private static final int MAX_BINDINGS = 64;

    /** Loads {@code location}: one call at a time, one ONNX Runtime thread. */
    public static RankingModel load(String location) {
        return load(location, 1, 1);
    }

    /**
     * Loads a model from {@code "classpath:<resource>"} (e.g. {@link #DEFAULT_LOCATION}) or a
     * filesystem path to its {@code .onnx} file, with its metadata beside it.
     *
     * @param poolSize calls that can run at the same time
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
            if (poolSize < 1 || intraOpThreads < 1) {
                throw new IllegalArgumentException(
                        "poolSize and intraOpThreads must be >= 1: " + poolSize + ", " + intraOpThreads);
            }
            this.calls = new Semaphore(poolSize);
            this.environment = environment();
            this.options = sessionOptions(intraOpThreads);
            this.session = openSession(files, environment, options);
        } catch (RuntimeException e) {
            files.close();
            throw e;
        }
        try {
            this.outputName = session.getOutputNames().iterator().next();
            this.outputShapeAfterBatch = outputShapeAfterBatch(session.getOutputInfo().get(outputName));
            float[] probe = score(new float[RankingFeatures.COUNT], 1);
            if (probe.length != 1) {
                throw new IllegalStateException(probe.length + " scores for one row");
            }
        } catch (RuntimeException | OrtException e) {
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
        Binding binding = binding(rows);
        putRows(binding.input, features, rows);
        return run(binding, rows);
    }

    /** The blocks' rows go straight into the input buffer, without being joined first. */
    @Override
    public float[] score(List<float[]> blocks) {
        int rows = 0;
        for (float[] block : blocks) {
            if (block.length % RankingFeatures.COUNT != 0) {
                throw new IllegalArgumentException("a block of " + block.length + " values is not rows of "
                        + RankingFeatures.COUNT);
            }
            rows += block.length / RankingFeatures.COUNT;
        }
        if (rows == 0) {
            return new float[0];
        }
        Binding binding = binding(rows);
        for (float[] block : blocks) {
            putRows(binding.input, block, block.length / RankingFeatures.COUNT);
        }
        return run(binding, rows);
    }

    /** Scores the rows of {@code binding}'s input buffer, filled by the caller. */
    private float[] run(Binding binding, int rows) {
        calls.acquireUninterruptibly();
        try (OrtSession.Result result = session.run(binding.inputByName, binding.outputByName)) {
            float[] scores = new float[rows];
            binding.output.get(0, scores);
            return scores;
        } catch (OrtException e) {
            throw new IllegalStateException(files.describe() + " failed: " + e.getMessage(), e);
        } finally {
            calls.release();
        }
    }

    /**
     * The output's shape after its batch dimension: the model must answer one float per row,
     * {@code [batch]} or {@code [batch, 1]}. ONNX Runtime checks each call's output against the
     * pinned tensor's shape, so a model that answers another shape fails its call.
     */
    private static long[] outputShapeAfterBatch(NodeInfo output) {
        if (!(output.getInfo() instanceof TensorInfo info) || info.type != OnnxJavaType.FLOAT) {
            throw new IllegalStateException("output " + output.getName() + " is " + output.getInfo() + ", not a float tensor");
        }
        long[] shape = info.getShape();
        if (shape.length == 1) {
            return new long[0];
        }
        if (shape.length == 2 && shape[1] == 1) {
            return new long[] {1};
        }
        throw new IllegalStateException("output shape " + Arrays.toString(shape) + ", expected [batch] or [batch, 1]");
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException(files.describe() + " did not close: " + e.getMessage(), e);
        } finally {
            for (OnnxTensor tensor; (tensor = tensors.poll()) != null; ) {
                tensor.close();
            }
            options.close();
            files.close();
        }
    }

    /**
     * This thread's tensors for a call of {@code rows} rows, their input buffer cleared: made on the
     * thread's first call of that size, and reused by its later ones.
     */
    private Binding binding(int rows) {
        if (closed) {
            throw new IllegalStateException(files.describe() + " is closed");
        }
        IntObjectHashMap<Binding> mine = bindings.get();
        Binding binding = mine.get(rows);
        if (binding == null) {
            if (mine.size() == MAX_BINDINGS) {
                for (var dropped : mine.values()) {
                    dropped.value.close();
                }
                mine.clear();
            }
            binding = new Binding(rows);
            mine.put(rows, binding);
        }
        binding.input.clear();
        return binding;
    }

    /**
     * An input tensor of {@code [rows, inputs]} and an output tensor of the model's output shape for
     * {@code rows}, each over a direct buffer: ONNX Runtime reads the input where it is and writes
     * the scores into the output. One thread's: a call fills the input and reads the output.
     */
    private final class Binding {
        final FloatBuffer input;
        final FloatBuffer output;
        /** The tensors by the model's names for them, as a call hands them to ONNX Runtime. */
        final Map<String, OnnxTensor> inputByName;
        final Map<String, OnnxTensor> outputByName;
        private final OnnxTensor inputTensor;
        private final OnnxTensor outputTensor;

        Binding(int rows) {
            input = direct(rows * inputs);
            output = direct(rows);
            long[] outputShape = new long[1 + outputShapeAfterBatch.length];
            outputShape[0] = rows;
            System.arraycopy(outputShapeAfterBatch, 0, outputShape, 1, outputShapeAfterBatch.length);
            try {
                inputTensor = OnnxTensor.createTensor(environment, input, new long[] {rows, inputs});
                tensors.add(inputTensor);
                outputTensor = OnnxTensor.createTensor(environment, output, outputShape);
                tensors.add(outputTensor);
            } catch (OrtException e) {
                throw new IllegalStateException(files.describe() + " tensors for " + rows + " rows: " + e.getMessage(), e);
            }
            inputByName = Map.of(INPUT_NAME, inputTensor);
            outputByName = Map.of(outputName, outputTensor);
        }

        void close() {
            inputTensor.close();
            outputTensor.close();
            tensors.remove(inputTensor);
            tensors.remove(outputTensor);
        }
    }

    /** Appends the first {@link #inputs} features of each of the first {@code rows} rows of {@code features}. */
    private void putRows(FloatBuffer buffer, float[] features, int rows) {
        if (inputs == RankingFeatures.COUNT) {
            buffer.put(features, 0, rows * inputs);
        } else {
            for (int r = 0; r < rows; r++) {
                buffer.put(features, r * RankingFeatures.COUNT, inputs);
            }
        }
    }

    private static FloatBuffer direct(int values) {
        return ByteBuffer.allocateDirect(values * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    /**
     * The process's one ONNX Runtime environment, made by DJL's engine, which the intent model
     * runs on: DJL makes it with options of its own and fails when one exists already.
     */
    private static OrtEnvironment environment() {
        DjlOffline.ensure();
        Engine.getEngine(PredictorPool.ENGINE);
        return OrtEnvironment.getEnvironment();
    }

    /** The options DJL gave the session: the threads, nothing else. */
    private static OrtSession.SessionOptions sessionOptions(int intraOpThreads) {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        try {
            options.setIntraOpNumThreads(intraOpThreads);
            options.setInterOpNumThreads(1);
            return options;
        } catch (OrtException e) {
            options.close();
            throw new IllegalStateException("ONNX Runtime session options: " + e.getMessage(), e);
        }
    }

    private static OrtSession openSession(ModelFiles files, OrtEnvironment environment,
                                          OrtSession.SessionOptions options) {
        try {
            return environment.createSession(files.onnx().toString(), options);
        } catch (OrtException e) {
            options.close();
            throw files.error("could not be loaded by ONNX Runtime (corrupt or not an ONNX model?): "
                    + e.getMessage(), e);
        }
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
