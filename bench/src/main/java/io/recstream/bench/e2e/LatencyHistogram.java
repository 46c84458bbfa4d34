package io.recstream.bench.e2e;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Event-to-list latencies in whole milliseconds (the resolution of the event-time stamp), shared by
 * name between the sink subtasks and the harness of one JVM. Anything over a minute counts as a minute.
 */
final class LatencyHistogram {
    private static final int MAX_MS = 60_000;
    private static final Map<String, LatencyHistogram> HISTOGRAMS = new ConcurrentHashMap<>();

    private final AtomicLongArray counts = new AtomicLongArray(MAX_MS + 1);

    static LatencyHistogram named(String name) {
        return HISTOGRAMS.computeIfAbsent(name, n -> new LatencyHistogram());
    }

    void record(long millis) {
        counts.incrementAndGet((int) Math.max(0, Math.min(MAX_MS, millis)));
    }

    void clear() {
        for (int ms = 0; ms <= MAX_MS; ms++) {
            counts.set(ms, 0);
        }
    }

    long count() {
        long n = 0;
        for (int ms = 0; ms <= MAX_MS; ms++) {
            n += counts.get(ms);
        }
        return n;
    }

    /** The smallest latency that {@code quantile} of the recorded ones do not exceed; -1 when empty. */
    long percentile(double quantile) {
        long total = count();
        if (total == 0) {
            return -1;
        }
        long rank = (long) Math.ceil(quantile * total);
        long seen = 0;
        for (int ms = 0; ms <= MAX_MS; ms++) {
            seen += counts.get(ms);
            if (seen >= Math.max(1, rank)) {
                return ms;
            }
        }
        return MAX_MS;
    }
}
