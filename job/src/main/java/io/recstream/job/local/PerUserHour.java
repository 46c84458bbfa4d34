package io.recstream.job.local;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts per user and hour of event time (the demo's published list versions, and its events),
 * summarised over the user-hours that have any. Thread-safe.
 */
public final class PerUserHour {
    private static final long HOUR = 3_600_000L;

    private final Map<String, Integer> counts = new ConcurrentHashMap<>();

    public void add(String user, long eventTime) {
        counts.merge(user + '@' + Math.floorDiv(eventTime, HOUR), 1, Integer::sum);
    }

    /** The counts so far: their mean, 90th percentile and maximum over user-hours. */
    public Summary summary() {
        int[] values = counts.values().stream().mapToInt(Integer::intValue).sorted().toArray();
        if (values.length == 0) {
            return new Summary(0, 0, 0, 0);
        }
        double mean = Arrays.stream(values).average().orElse(0);
        int p90 = values[(int) Math.ceil(0.9 * values.length) - 1];
        return new Summary(values.length, mean, p90, values[values.length - 1]);
    }

    public record Summary(int userHours, double mean, int p90, int max) {}
}
