package io.recstream.it;

import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.testutils.InMemoryReporter;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The recstream.* metrics of a job run with a configuration this added its in-memory reporter to. */
final class JobMetrics {
    private final InMemoryReporter reporter = InMemoryReporter.create();

    /** {@code conf} with this reporter (a reporter serves one MiniCluster). */
    Configuration addTo(Configuration conf) {
        return reporter.addToConfiguration(new Configuration(conf));
    }

    /** The sum over the subtasks of {@code operator} of the counter {@code recstream.<name>}. */
    long counter(JobID id, String operator, String name) {
        long sum = 0;
        for (Metric m : metrics(id, operator, name)) {
            sum += ((Counter) m).getCount();
        }
        return sum;
    }

    /** The gauge {@code recstream.<name>} of every subtask of {@code operator}. */
    List<Object> gauges(JobID id, String operator, String name) {
        List<Object> values = new ArrayList<>();
        for (Metric m : metrics(id, operator, name)) {
            values.add(((Gauge<?>) m).getValue());
        }
        return values;
    }

    private List<Metric> metrics(JobID id, String operator, String name) {
        List<Metric> found = new ArrayList<>();
        for (Map.Entry<MetricGroup, Map<String, Metric>> group : reporter.getMetricsByGroup().entrySet()) {
            Map<String, String> variables = group.getKey().getAllVariables();
            Metric metric = group.getValue().get(name);
            if (metric != null && id.toString().equals(variables.get("<job_id>"))
                    && operator.equals(variables.get("<operator_name>"))
                    && group.getKey().getMetricIdentifier(name).endsWith(".recstream." + name)) {
                found.add(metric);
            }
        }
        return found;
    }
}
