package io.recstream.bench;

import io.recstream.models.IntentModel;
import io.recstream.models.IntentPrediction;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Latency of the intent model (synthetic catalogue, 8192 hashed features, 10 classes) through
 * DJL + ONNX Runtime on one thread: one query per call (tokenising included), and per query in a
 * batch of 32 (the async intent operator's default batch).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Dai.djl.offline=true", "-DOPT_OUT_TRACKING=true"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(1)
public class IntentBenchmark {
    private static final List<String> QUERIES = List.of(
            "wireless headphones", "paperback novel", "olive oil", "motor oil", "yoga mat", "lego set",
            "running shoes", "coffee beans", "garden hose", "kids puzzle", "usb cable", "face cream",
            "dog food", "tennis racket", "cookbook", "car battery", "desk lamp", "green tea",
            "phone case", "board game", "winter jacket", "dumbbell", "sci-fi novel", "rice",
            "laptop stand", "lipstick", "hiking boots", "puzzle 1000 pieces", "dashcam", "pasta",
            "smart watch", "blanket");

    private IntentModel model;

    @Setup
    public void setUp() {
        model = IntentModel.load(IntentModel.DEFAULT_LOCATION, 1, 1);
    }

    @TearDown
    public void tearDown() {
        model.close();
    }

    @Benchmark
    public IntentPrediction oneQuery() {
        return model.predict("wireless headphones");
    }

    @Benchmark
    @OperationsPerInvocation(32)
    public List<IntentPrediction> perQueryInBatchOf32() {
        return model.predictBatch(QUERIES);
    }
}
