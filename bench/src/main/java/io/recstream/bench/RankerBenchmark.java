package io.recstream.bench;

import io.recstream.models.RankingModel;
import io.recstream.recommend.RankingFeatures;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.SplittableRandom;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Candidate scores per second of the ranking model through ONNX Runtime, on one thread
 * with one ONNX Runtime thread (one core): 100 candidates in one call, as the async ranker's
 * micro-batches send them, against the same 100 candidates one call each. Both count one
 * operation per candidate score.
 *
 * <p>On a machine shared with other work a throughput over wall time says little; {@link #main}
 * measures calls by this thread's CPU time instead (ONNX Runtime runs a one-thread session on
 * the calling thread).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Dai.djl.offline=true", "-DOPT_OUT_TRACKING=true"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(1)
public class RankerBenchmark {
    static final int ROWS = 100;
    private static final int F = RankingFeatures.COUNT;

    private RankingModel model;
    private float[] features;
    private final float[] row = new float[F];

    @Setup
    public void setUp() {
        model = RankingModel.load(RankingModel.DEFAULT_LOCATION, 1, 1);
        SplittableRandom random = new SplittableRandom(7);
        features = new float[ROWS * F];
        for (int r = 0; r < ROWS; r++) {
            int o = r * F;
            features[o + RankingFeatures.COOCCURRENCE] = (float) random.nextDouble(0, 1);
            features[o + RankingFeatures.FACTOR] = (float) random.nextDouble(-1, 1);
            features[o + RankingFeatures.POPULARITY] = (float) -random.nextDouble(0, 5);
            features[o + RankingFeatures.TREND] = (float) random.nextDouble(0, 1);
            features[o + RankingFeatures.NEIGHBOUR_RECENCY] = (float) random.nextDouble(0, 1);
            features[o + RankingFeatures.INTENT_MATCH] = (float) random.nextDouble(0, 1);
            features[o + RankingFeatures.CHANNEL_APP + random.nextInt(3)] = 1f;
            features[o + RankingFeatures.BLEND] = features[o] + features[o + 1] + 0.2f * features[o + 2];
        }
    }

    /**
     * {@code RankerBenchmark [rows]}: CPU time per call of {@code rows} candidates (default 250,
     * five lists of 50: a full micro-batch) on this thread, after a warm-up of 200,000 calls, in three
     * rounds of 50,000.
     */
    public static void main(String[] args) {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 250;
        RankerBenchmark b = new RankerBenchmark();
        b.setUp();
        float[] batch = new float[rows * F];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(b.features, (r % ROWS) * F, batch, r * F, F);
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double sum = 0;
        int calls = 50_000;
        for (int i = 0; i < 4 * calls; i++) {
            sum += b.model.score(batch, rows)[0];
        }
        for (int round = 0; round < 3; round++) {
            long before = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < calls; i++) {
                sum += b.model.score(batch, rows)[0];
            }
            long nanos = threads.getCurrentThreadCpuTime() - before;
            System.out.printf("%d rows per call: %.1f us of CPU per call, %.3f us per candidate%n",
                    rows, nanos / 1e3 / calls, nanos / 1e3 / calls / rows);
        }
        System.out.printf("(checksum %.3f)%n", sum);
        b.tearDown();
    }

    @TearDown
    public void tearDown() {
        model.close();
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public float[] batched100Rows() {
        return model.score(features, ROWS);
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public void oneRowAtATime(Blackhole out) {
        for (int r = 0; r < ROWS; r++) {
            System.arraycopy(features, r * F, row, 0, F);
            out.consume(model.score(row, 1));
        }
    }
}
