package io.recstream.bench.e2e;

import com.sun.management.HotSpotDiagnosticMXBean;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;

/**
 * Whether this JVM's heap is set up as a TaskManager's: Flink starts a TaskManager with {@code -Xms}
 * equal to {@code -Xmx}, and flink-conf/config.yaml adds {@code -XX:+AlwaysPreTouch}. A heap that
 * grows instead (no {@code -Xms}) is committed region by region as G1 enlarges its young
 * generation, and while the new regions are touched for the first time every task thread pays
 * page faults: about twice the CPU per event for one to three seconds, lists up to 650 ms late
 * (docs/BENCHMARKS.md, "The late lists' cause: a heap that grows"). A latency figure from such a
 * heap measures the harness's JVM, not the job as it runs in production.
 */
record HeapSetup(long initialBytes, long maxBytes, boolean preTouched) {

    static HeapSetup ofThisJvm() {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        HotSpotDiagnosticMXBean hotSpot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        return new HeapSetup(heap.getInit(), heap.getMax(), Boolean.parseBoolean(hotSpot.getVMOption("AlwaysPreTouch").getValue()));
    }

    /** As a TaskManager's: the whole heap committed from the start, and touched then. */
    boolean asATaskManager() {
        return fixed() && preTouched;
    }

    /** The whole heap committed from the start ({@code -Xms} equal to {@code -Xmx}). */
    private boolean fixed() {
        return initialBytes >= maxBytes;
    }

    String describe() {
        String sizes = fixed()
                ? String.format("heap fixed at %,d MB", maxBytes >> 20)
                : String.format("heap grows from %,d MB to %,d MB", initialBytes >> 20, maxBytes >> 20);
        String touch = preTouched ? ", pre-touched" : ", touched as used";
        return asATaskManager() ? sizes + touch + " (as a TaskManager's)"
                : sizes + touch + ": not as a TaskManager's; give -Xms equal to -Xmx and -XX:+AlwaysPreTouch,"
                        + " or latency runs measure the heap's growth";
    }
}
