package io.recstream.bench.e2e;

import com.sun.management.GarbageCollectionNotificationInfo;

import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * When the slow lists of a latency window arrived, and what the JVM and the job did then: lists
 * over the target are counted per 100 ms of the window, beside the window's collector pauses and
 * completed checkpoints, so a p99 over the target can be told apart as a pause, a checkpoint or
 * CPU waiting spread over the window.
 */
final class LatencyTail implements AutoCloseable {
    /** Target 4's bound: lists slower than this are the tail. */
    static final long TARGET_MS = 50;

    private static final int SLICE_MS = 100;
    private static final int SLICES = 6_000;

    private final AtomicLongArray slow = new AtomicLongArray(SLICES);
    private final AtomicLongArray slowest = new AtomicLongArray(SLICES);
    private final List<Pause> pauses = new CopyOnWriteArrayList<>();
    private final List<Checkpoint> checkpoints = new ArrayList<>();
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final NotificationListener listener = this::onCollection;
    private final long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
    private volatile long start = Long.MAX_VALUE;
    private long checkpointsSeen = -1;

    record Pause(long atMillis, long millis, String collector) {}

    record Checkpoint(long completedAtMillis, long millis) {}

    /** A 100 ms slice of the window with its lists over the target. */
    record Slice(long atMillis, long lists, long slowestMillis) {}

    record Summary(long slowLists, List<Slice> worst, List<Pause> pauses, List<Checkpoint> checkpoints) {}

    LatencyTail() {
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(listener, null, null);
                emitters.add(emitter);
            }
        }
    }

    /** The window starts at {@code nowMillis} (wall clock); what came before is forgotten. */
    void start(long nowMillis) {
        for (int i = 0; i < SLICES; i++) {
            slow.set(i, 0);
            slowest.set(i, 0);
        }
        pauses.clear();
        checkpoints.clear();
        checkpointsSeen = -1;
        start = nowMillis;
    }

    /** A list arrived at {@code nowMillis}, {@code latencyMillis} after its event. */
    void record(long nowMillis, long latencyMillis) {
        if (latencyMillis <= TARGET_MS || nowMillis < start) {
            return;
        }
        int slice = (int) Math.min(SLICES - 1, (nowMillis - start) / SLICE_MS);
        slow.incrementAndGet(slice);
        slowest.accumulateAndGet(slice, latencyMillis, Math::max);
    }

    /** Polled by the harness: notes a checkpoint each time the job's completed count grows. */
    void poll(long completedCheckpoints, long lastDurationMillis) {
        if (checkpointsSeen >= 0 && completedCheckpoints > checkpointsSeen) {
            checkpoints.add(new Checkpoint(System.currentTimeMillis() - start, lastDurationMillis));
        }
        checkpointsSeen = completedCheckpoints;
    }

    Summary summary(int worstSlices) {
        long total = 0;
        List<Slice> slices = new ArrayList<>();
        for (int i = 0; i < SLICES; i++) {
            long n = slow.get(i);
            if (n > 0) {
                total += n;
                slices.add(new Slice((long) i * SLICE_MS, n, slowest.get(i)));
            }
        }
        slices.sort(Comparator.comparingLong(Slice::lists).reversed());
        return new Summary(total, List.copyOf(slices.subList(0, Math.min(worstSlices, slices.size()))),
                List.copyOf(pauses), List.copyOf(checkpoints));
    }

    private void onCollection(Notification notification, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
        long at = jvmStart + info.getGcInfo().getStartTime();
        if (at >= start && info.getGcInfo().getDuration() >= 5) {
            pauses.add(new Pause(at - start, info.getGcInfo().getDuration(), info.getGcName()));
        }
    }

    @Override
    public void close() throws Exception {
        for (NotificationEmitter emitter : emitters) {
            emitter.removeNotificationListener(listener);
        }
    }
}
