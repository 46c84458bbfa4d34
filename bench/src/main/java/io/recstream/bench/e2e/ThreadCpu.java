package io.recstream.bench.e2e;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * CPU time per thread over a window, grouped by thread name without Flink's subtask suffix
 * ({@code " (1/2)#0"}): which task thread an event costs most. On a shared machine a thread's CPU
 * time per event holds steady where rates do not, and the busiest task thread bounds the rate a
 * pipeline of threads can reach.
 */
final class ThreadCpu {
    private static final Pattern SUBTASK = Pattern.compile(" \\(\\d+/\\d+\\)(#\\d+)?$");

    private final Map<Long, Long> atStart;

    private ThreadCpu(Map<Long, Long> atStart) {
        this.atStart = atStart;
    }

    static ThreadCpu start() {
        return new ThreadCpu(byThreadId(ManagementFactory.getThreadMXBean()));
    }

    /** CPU nanoseconds since {@link #start} by thread name (a thread started since counts whole; one ended since not at all). */
    Map<String, Long> sinceStart() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, Long> byName = new HashMap<>();
        for (long id : threads.getAllThreadIds()) {
            long cpu = threads.getThreadCpuTime(id);
            java.lang.management.ThreadInfo info = threads.getThreadInfo(id);
            if (cpu > 0 && info != null) {
                byName.merge(name(info.getThreadName()), cpu - atStart.getOrDefault(id, 0L), Long::sum);
            }
        }
        return byName;
    }

    static String name(String thread) {
        return SUBTASK.matcher(thread).replaceFirst("");
    }

    private static Map<Long, Long> byThreadId(ThreadMXBean threads) {
        Map<Long, Long> cpu = new HashMap<>();
        for (long id : threads.getAllThreadIds()) {
            cpu.put(id, threads.getThreadCpuTime(id));
        }
        return cpu;
    }
}
