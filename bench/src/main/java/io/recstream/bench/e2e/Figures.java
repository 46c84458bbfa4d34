package io.recstream.bench.e2e;

import java.util.Map;

/**
 * What one measured window gave: events counted, wall time, process (or thread) CPU time, and
 * CPU time by thread name (empty when not measured), the JVM's own work, and the items the
 * item-learner published to the item loop, and the user state caches' lookups.
 */
record Figures(long events, long nanos, long cpuNanos, Map<String, Long> threadCpuNanos, JvmWork jvm, long itemsPublished,
               CacheCounts caches) {
    static Figures of(long events, long nanos, long cpuNanos) {
        return new Figures(events, nanos, cpuNanos, Map.of(), JvmWork.NONE, 0, CacheCounts.NONE);
    }

    static Figures of(long events, long nanos, long cpuNanos, Map<String, Long> threadCpuNanos, JvmWork jvm, long itemsPublished,
                      CacheCounts caches) {
        return new Figures(events, nanos, cpuNanos, Map.copyOf(threadCpuNanos), jvm, itemsPublished, caches);
    }

    double perSecond() {
        return events * 1e9 / nanos;
    }

    /** Events per second of CPU time: per core fully used. */
    double perCore() {
        return cpuNanos == 0 ? 0 : events * 1e9 / cpuNanos;
    }

    /** Microseconds of process (or thread) CPU per event: every thread's share of the event's cost. */
    double microsPerEvent() {
        return events == 0 ? 0 : cpuNanos / 1e3 / events;
    }

    /** Cores busy on average over the window. */
    double cores() {
        return (double) cpuNanos / nanos;
    }

    /** Microseconds of CPU per event of the thread (summed over its subtasks). */
    double threadMicrosPerEvent(String thread) {
        return events == 0 ? 0 : threadCpuNanos.getOrDefault(thread, 0L) / 1e3 / events;
    }

    /** Microseconds of process CPU per event that no Java thread accounts for: JIT, GC, RocksDB's own threads. */
    double unattributedMicrosPerEvent() {
        long threads = threadCpuNanos.values().stream().mapToLong(Long::longValue).sum();
        return events == 0 ? 0 : (cpuNanos - threads) / 1e3 / events;
    }
}
