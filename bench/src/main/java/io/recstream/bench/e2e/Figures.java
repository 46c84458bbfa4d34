package io.recstream.bench.e2e;

/** What one measured window gave: events counted, wall time and process (or thread) CPU time. */
record Figures(long events, long nanos, long cpuNanos) {
    static Figures of(long events, long nanos, long cpuNanos) {
        return new Figures(events, nanos, cpuNanos);
    }

    double perSecond() {
        return events * 1e9 / nanos;
    }

    /** Events per second of CPU time: per core fully used. */
    double perCore() {
        return cpuNanos == 0 ? 0 : events * 1e9 / cpuNanos;
    }

    /** Cores busy on average over the window. */
    double cores() {
        return (double) cpuNanos / nanos;
    }
}
