package io.recstream.functions;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.runtime.clusterframework.types.ResourceID;
import org.apache.flink.runtime.executiongraph.ExecutionAttemptID;
import org.apache.flink.runtime.metrics.groups.TaskManagerMetricGroup;
import org.apache.flink.runtime.metrics.groups.TaskMetricGroup;
import org.apache.flink.runtime.metrics.util.TestingMetricRegistry;
import org.apache.flink.runtime.operators.testutils.MockEnvironment;
import org.apache.flink.runtime.operators.testutils.MockEnvironmentBuilder;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.functions.async.AsyncFunction;
import org.apache.flink.streaming.api.operators.async.AsyncWaitOperatorFactory;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;

/**
 * An async function inside Flink's real AsyncWaitOperator (ordered, with a timeout and a
 * capacity, as {@code AsyncDataStream.orderedWait} builds it), with the metrics it registers.
 * Processing time is the harness's: timeouts fire when a test advances it.
 */
final class AsyncHarness<T> implements AutoCloseable {
    static final long TIMEOUT_MILLIS = 1_000;
    static final int CAPACITY = 16;

    final OneInputStreamOperatorTestHarness<T, T> harness;
    /** Owns I/O manager threads (not daemons) that the harness does not close. */
    private final MockEnvironment env;
    private final Map<String, Metric> metrics = new HashMap<>();

    AsyncHarness(AsyncFunction<T, T> function, Class<T> type) throws Exception {
        this(function, type, TIMEOUT_MILLIS);
    }

    /** With {@code operatorTimeoutMillis} the operator's timeout; 0: none, as the job wires it. */
    AsyncHarness(AsyncFunction<T, T> function, Class<T> type, long operatorTimeoutMillis) throws Exception {
        TestingMetricRegistry registry = TestingMetricRegistry.builder()
                .setRegisterConsumer((metric, name, group) -> {
                    String[] scope = group.getScopeComponents();
                    metrics.put(scope[scope.length - 2] + "." + scope[scope.length - 1] + "." + name, metric);
                })
                .build();
        TaskMetricGroup taskGroup = TaskManagerMetricGroup
                .createTaskManagerMetricGroup(registry, "localhost", ResourceID.generate())
                .addJob(new JobID(), "job")
                .addTask(ExecutionAttemptID.randomId(), "async-model");
        env = new MockEnvironmentBuilder().setMetricGroup(taskGroup).build();
        harness = new OneInputStreamOperatorTestHarness<>(
                new AsyncWaitOperatorFactory<>(function, operatorTimeoutMillis, CAPACITY, AsyncDataStream.OutputMode.ORDERED),
                TypeInformation.of(type).createSerializer(new SerializerConfigImpl()),
                env);
    }

    /**
     * Object reuse as the job runs (RecStreamJob): the chained operator before hands over its
     * records uncopied, which the caller of {@link #harness} then stands for.
     */
    AsyncHarness<T> withObjectReuse() {
        harness.getExecutionConfig().enableObjectReuse();
        return this;
    }

    AsyncHarness<T> open() throws Exception {
        harness.setProcessingTime(0);
        harness.open();
        return this;
    }

    /** A counter by its full name, e.g. {@code recstream.ranker.fallbacks}. */
    long count(String name) {
        Metric metric = metrics.get(name);
        if (!(metric instanceof Counter counter)) {
            throw new AssertionError("no counter " + name + " among " + metrics.keySet());
        }
        return counter.getCount();
    }

    Object gauge(String name) {
        Metric metric = metrics.get(name);
        if (!(metric instanceof Gauge<?> gauge)) {
            throw new AssertionError("no gauge " + name + " among " + metrics.keySet());
        }
        return gauge.getValue();
    }

    @Override
    public void close() throws Exception {
        try {
            harness.close();
        } finally {
            env.close();
        }
    }
}
