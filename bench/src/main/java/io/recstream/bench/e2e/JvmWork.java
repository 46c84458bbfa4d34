package io.recstream.bench.e2e;

import java.lang.management.CompilationMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;

/**
 * The JVM's own work in a window, which the per-thread CPU figures do not show (compiler and GC
 * threads are not Java threads): the time the JIT compilers spent and the time the collectors
 * report, both elapsed milliseconds as the JVM counts them. A window that still holds much JIT
 * time measures warm-up, not the job's steady state.
 */
record JvmWork(long compileMillis, long gcMillis) {
    static final JvmWork NONE = new JvmWork(0, 0);

    static JvmWork now() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        long compile = jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
        long gc = 0;
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            gc += Math.max(0, collector.getCollectionTime());
        }
        return new JvmWork(compile, gc);
    }

    JvmWork since(JvmWork start) {
        return new JvmWork(compileMillis - start.compileMillis, gcMillis - start.gcMillis);
    }
}
