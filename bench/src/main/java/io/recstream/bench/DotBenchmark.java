package io.recstream.bench;

import io.recstream.learn.Dot;

import org.apache.flink.ml.linalg.BLAS;
import org.apache.flink.ml.linalg.DenseVector;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The factor score of a catalogue scan (the evaluation's ranking of every item): one user vector
 * against 10,000 item vectors of k = 32, as the job does it (plain loop over {@code float[]}) and
 * with Flink ML's linear algebra ({@code flink-ml-servable-core} {@code BLAS.dot} over
 * {@code DenseVector}, which holds {@code double[]}). One operation per item scored.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 6, time = 2) // the plain loop reaches its steady state after ~4 iterations
@Measurement(iterations = 5, time = 2)
@Threads(1)
public class DotBenchmark {
    static final int ITEMS = 10_000;
    static final int K = 32;

    private float[] user;
    private float[][] items;
    private DenseVector userVector;
    private DenseVector[] itemVectors;

    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(7);
        user = randomVector(random);
        items = new float[ITEMS][];
        itemVectors = new DenseVector[ITEMS];
        for (int i = 0; i < ITEMS; i++) {
            items[i] = randomVector(random);
            itemVectors[i] = toDense(items[i]);
        }
        userVector = toDense(user);
    }

    @Benchmark
    @OperationsPerInvocation(ITEMS)
    public float plainFloatLoop() {
        float best = Float.NEGATIVE_INFINITY;
        for (float[] item : items) {
            best = Math.max(best, Dot.of(user, item));
        }
        return best;
    }

    @Benchmark
    @OperationsPerInvocation(ITEMS)
    public double flinkMlBlasDot() {
        double best = Double.NEGATIVE_INFINITY;
        for (DenseVector item : itemVectors) {
            best = Math.max(best, BLAS.dot(userVector, item));
        }
        return best;
    }

    private static float[] randomVector(SplittableRandom random) {
        float[] v = new float[K];
        for (int f = 0; f < K; f++) {
            v[f] = (float) random.nextGaussian() * 0.1f;
        }
        return v;
    }

    private static DenseVector toDense(float[] v) {
        double[] d = new double[v.length];
        for (int f = 0; f < v.length; f++) {
            d[f] = v[f];
        }
        return new DenseVector(d);
    }
}
