package io.recstream.bench.e2e;

import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A metric reporter that keeps every operator counter and numeric gauge of the MiniCluster (one
 * JVM) so the harness can sum it over subtasks, e.g. {@code numRecordsOut} of {@code events-source}:
 * the events the job has taken in, counted the same way for the generator and the Kafka source.
 */
public final class OperatorCounters implements MetricReporter {
    /** Configuration that installs the reporter. */
    static final Map<String, String> CONFIG = Map.of("metrics.reporter.bench.factory.class", Factory.class.getName());

    /** The operator name under which job-wide gauges are kept, e.g. {@code numberOfCompletedCheckpoints}. */
    static final String JOB = "job";

    private static final Map<String, List<Counter>> COUNTERS = new ConcurrentHashMap<>();
    private static final Map<String, List<Gauge<?>>> GAUGES = new ConcurrentHashMap<>();

    /** Forgets the counters of earlier runs. */
    static void reset() {
        COUNTERS.clear();
        GAUGES.clear();
    }

    /** The sum over subtasks of an operator's numeric gauge; 0 before it is registered. */
    static long gaugeSum(String operator, String gauge) {
        long sum = 0;
        for (Gauge<?> g : GAUGES.getOrDefault(operator + '/' + gauge, List.of())) {
            if (g.getValue() instanceof Number n) {
                sum += n.longValue();
            }
        }
        return sum;
    }

    /** How many subtasks have registered the counter: all of them once the operator runs. */
    static int registered(String operator, String counter) {
        return COUNTERS.getOrDefault(operator + '/' + counter, List.of()).size();
    }

    /** The sum over subtasks of an operator's counter; 0 before it is registered. */
    static long sum(String operator, String counter) {
        long sum = 0;
        for (Counter c : COUNTERS.getOrDefault(operator + '/' + counter, List.of())) {
            sum += c.getCount();
        }
        return sum;
    }

    @Override
    public void open(MetricConfig config) {
    }

    @Override
    public void close() {
    }

    @Override
    public void notifyOfAddedMetric(Metric metric, String name, MetricGroup group) {
        String operator = group.getAllVariables().get("<operator_name>");
        if (metric instanceof Counter counter && operator != null) {
            COUNTERS.computeIfAbsent(operator + '/' + name, key -> new CopyOnWriteArrayList<>()).add(counter);
        } else if (metric instanceof Gauge<?> gauge && operator != null) {
            GAUGES.computeIfAbsent(operator + '/' + name, key -> new CopyOnWriteArrayList<>()).add(gauge);
        } else if (metric instanceof Gauge<?> gauge && group.getAllVariables().containsKey("<job_id>")) {
            GAUGES.computeIfAbsent(JOB + '/' + name, key -> new CopyOnWriteArrayList<>()).add(gauge);
        }
    }

    @Override
    public void notifyOfRemovedMetric(Metric metric, String name, MetricGroup group) {
        // kept: the harness reads the final counts after the job has stopped
    }

    /** Found by Flink through META-INF/services. */
    public static final class Factory implements MetricReporterFactory {
        @Override
        public MetricReporter createMetricReporter(Properties properties) {
            return new OperatorCounters();
        }
    }
}
