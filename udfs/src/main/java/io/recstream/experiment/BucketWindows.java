package io.recstream.experiment;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.ReduceFunction;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * The stickiness windows keyed by bucket: the subtasks' {@link StickinessCounts} of a window
 * summed ({@link Sum}, so the window's state is one sum), and at the window's end turned into
 * the bucket's {@link BucketMetrics}. The latest window's click-through rate, return rate and
 * coverage are also gauges under {@code recstream.bucket.<name>} of the subtask that owns the bucket.
 */
public class BucketWindows extends ProcessWindowFunction<StickinessCounts, BucketMetrics, Integer, TimeWindow> {
    private static final long serialVersionUID = 1L;

    private final String[] bucketNames;
    /** The latest window's figures by bucket index; null until this subtask closed one of the bucket. */
    private transient BucketMetrics[] latest;

    public BucketWindows(String[] bucketNames) {
        this.bucketNames = bucketNames.clone();
    }

    @Override
    public void open(OpenContext openContext) {
        latest = new BucketMetrics[bucketNames.length];
    }

    @Override
    public void process(Integer bucket, Context context, Iterable<StickinessCounts> sums, Collector<BucketMetrics> out) {
        for (StickinessCounts sum : sums) {
            BucketMetrics metrics = BucketMetrics.of(bucketNames[bucket], sum);
            if (latest[bucket] == null) {
                registerGauges(bucket);
            }
            latest[bucket] = metrics;
            out.collect(metrics);
        }
    }

    private void registerGauges(int bucket) {
        var group = getRuntimeContext().getMetricGroup().addGroup("recstream").addGroup("bucket", bucketNames[bucket]);
        group.gauge("window-click-through-rate", () -> orNaN(latest[bucket].clickThroughRate));
        group.gauge("window-return-rate", () -> orNaN(latest[bucket].returnRate));
        group.gauge("window-coverage", () -> latest[bucket].coverage);
    }

    private static double orNaN(Double rate) {
        return rate == null ? Double.NaN : rate;
    }

    /** Adds up the counts of one bucket and window. */
    public static final class Sum implements ReduceFunction<StickinessCounts> {
        private static final long serialVersionUID = 1L;

        @Override
        public StickinessCounts reduce(StickinessCounts a, StickinessCounts b) {
            return a.merge(b);
        }
    }
}
