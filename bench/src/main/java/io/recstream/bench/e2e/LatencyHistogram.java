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
    private volatile LatencyTail tail;
    /** False once the window has ended: lists that arrive while the harness reads the job's figures and cancels it are not the window's. */
    private volatile boolean recording = true;

    static LatencyHistogram named(String name) {
        return HISTOGRAMS.computeIfAbsent(name, n -> new LatencyHistogram());
    }

    /** Also tells {@code tail} (null: nobody) when each list arrived. */
    void attach(LatencyTail tail) {
        this.tail = tail;
    }

    /** A list made for an event of {@code eventMillis} arrived at {@code nowMillis} (both wall clock). */
    void record(long nowMillis, long eventMillis) {
        if (!recording) {
            return;
        }
        long millis = nowMillis - eventMillis;
        counts.incrementAndGet((int) Math.max(0, Math.min(MAX_MS, millis)));
        LatencyTail attached = tail;
        if (attached != null) {
            attached.record(nowMillis, millis);
        }
    }

    /** Forgets every list and records again. */
    void clear() {
        for (int ms = 0; ms <= MAX_MS; ms++) {
            counts.set(ms, 0);
        }
        recording = true;
    }

    /** Ends the window of every histogram: later lists are not counted until the next {@link #clear()}. */
    static void stopAll() {
        HISTOGRAMS.values().forEach(histogram -> histogram.recording = false);
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
