package io.recstream.bench.e2e;

import com.sun.management.GarbageCollectionNotificationInfo;

import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * When the slow lists of a latency window arrived, and what the JVM and the job did then: lists
 * over the target are counted per 100 ms of the window, beside the window's collector pauses and
 * completed checkpoints, so a p99 over the target can be told apart as a pause, a checkpoint or
 * CPU waiting spread over the window. Every list is also counted per 10 ms, so that with the
 * checkpoints' trigger times ({@link CheckpointTimeline}) the lists around each barrier show how
 * long they stopped and how long the backlog took to drain.
 */
final class LatencyTail implements AutoCloseable {
    /** Target 4's bound: lists slower than this are the tail. */
    static final long TARGET_MS = 50;

    private static final int SLICE_MS = 100;
    private static final int SLICES = 6_000;

    /** Every list, slow or not, per 10 ms: where the lists stop and start again around a barrier. */
    private static final int FINE_MS = 10;
    private static final int FINE_SLICES = SLICES * SLICE_MS / FINE_MS;

    private final AtomicLongArray slow = new AtomicLongArray(SLICES);
    private final AtomicLongArray slowest = new AtomicLongArray(SLICES);
    private final AtomicLongArray fineAll = new AtomicLongArray(FINE_SLICES);
    private final AtomicLongArray fineSlow = new AtomicLongArray(FINE_SLICES);
    private final AtomicLongArray fineSlowest = new AtomicLongArray(FINE_SLICES);
    private final List<Pause> pauses = new CopyOnWriteArrayList<>();
    private final List<Checkpoint> checkpoints = new ArrayList<>();
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final NotificationListener listener = this::onCollection;
    private final long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
    private volatile long start = Long.MAX_VALUE;
    private long checkpointsSeen = -1;
    private List<CheckpointTimeline.Barrier> barriers = List.of();

    record Pause(long atMillis, long millis, String collector) {}

    record Checkpoint(long completedAtMillis, long millis) {}

    /** A 100 ms slice of the window with its lists over the target. */
    record Slice(long atMillis, long lists, long slowestMillis) {}

    /**
     * A completed checkpoint triggered in the window, as the lists saw it: {@code lists} and
     * {@code slow} count the lists (all, over the target) per 50 ms from {@link #BEFORE_MS} before its
     * trigger to {@link #AFTER_MS} after; {@code barrier} has its tasks' phases from the REST API.
     */
    record AtBarrier(CheckpointTimeline.Barrier barrier, long atMillis, long[] lists, long[] slow) {
        static final int BEFORE_MS = 200;
        static final int AFTER_MS = 1_000;
        static final int STEP_MS = 50;

        long slowLists() {
            long n = 0;
            for (long s : slow) {
                n += s;
            }
            return n;
        }
    }

    /**
     * {@code slowPerMinute}: the lists over the target in each whole or part minute of the window up to
     * its last late list, so a tail that grows as the job's state fills shows as a rising count.
     */
    record Summary(long slowLists, long[] slowPerMinute, List<Slice> worst, List<Pause> pauses, List<Checkpoint> checkpoints,
            List<AtBarrier> barriers) {}

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
        for (int i = 0; i < FINE_SLICES; i++) {
            fineAll.set(i, 0);
            fineSlow.set(i, 0);
            fineSlowest.set(i, 0);
        }
        pauses.clear();
        checkpoints.clear();
        checkpointsSeen = -1;
        barriers = List.of();
        start = nowMillis;
    }

    /** A list arrived at {@code nowMillis}, {@code latencyMillis} after its event. */
    void record(long nowMillis, long latencyMillis) {
        if (nowMillis < start) {
            return;
        }
        int fine = (int) Math.min(FINE_SLICES - 1, (nowMillis - start) / FINE_MS);
        fineAll.incrementAndGet(fine);
        if (latencyMillis <= TARGET_MS) {
            return;
        }
        fineSlow.incrementAndGet(fine);
        fineSlowest.accumulateAndGet(fine, latencyMillis, Math::max);
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

    /** The job's completed checkpoints (read before it is cancelled); those triggered in the window go into the summary. */
    void barriers(List<CheckpointTimeline.Barrier> completed) {
        this.barriers = List.copyOf(completed);
    }

    private List<AtBarrier> atBarriers() {
        List<AtBarrier> out = new ArrayList<>();
        int steps = (AtBarrier.BEFORE_MS + AtBarrier.AFTER_MS) / AtBarrier.STEP_MS;
        for (CheckpointTimeline.Barrier b : barriers) {
            long at = b.triggeredAt() - start;
            if (at < 0 || at >= (long) SLICES * SLICE_MS) {
                continue;
            }
            long[] lists = new long[steps];
            long[] late = new long[steps];
            for (int step = 0; step < steps; step++) {
                long from = at - AtBarrier.BEFORE_MS + (long) step * AtBarrier.STEP_MS;
                for (long ms = from; ms < from + AtBarrier.STEP_MS; ms += FINE_MS) {
                    if (ms >= 0 && ms / FINE_MS < FINE_SLICES) {
                        lists[step] += fineAll.get((int) (ms / FINE_MS));
                        late[step] += fineSlow.get((int) (ms / FINE_MS));
                    }
                }
            }
            out.add(new AtBarrier(b, at, lists, late));
        }
        return out;
    }

    Summary summary(int worstSlices) {
        long total = 0;
        List<Slice> slices = new ArrayList<>();
        long[] perMinute = new long[SLICES * SLICE_MS / 60_000];
        for (int i = 0; i < SLICES; i++) {
            long n = slow.get(i);
            if (n > 0) {
                total += n;
                slices.add(new Slice((long) i * SLICE_MS, n, slowest.get(i)));
                perMinute[i * SLICE_MS / 60_000] += n;
            }
        }
        // every minute up to the window's last list, so that a minute without a late list reads 0
        int lastList = lastListSlice();
        int minutes = lastList < 0 ? 0 : lastList * FINE_MS / 60_000 + 1;
        slices.sort(Comparator.comparingLong(Slice::lists).reversed());
        return new Summary(total, Arrays.copyOf(perMinute, minutes), List.copyOf(slices.subList(0, Math.min(worstSlices, slices.size()))),
                List.copyOf(pauses), List.copyOf(checkpoints), atBarriers());
    }

    /**
     * Writes the window's 10 ms slices up to its last list as CSV (slice start in wall-clock epoch
     * milliseconds, lists, lists over the target, slowest of those), to line them up with the
     * checkpoints' trigger and acknowledgement times that Flink's REST API gives.
     */
    void writeSlices(Path file) throws IOException {
        int last = Math.max(0, lastListSlice());
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(file))) {
            out.println("epoch_ms,lists,over_target,slowest_ms");
            for (int i = 0; i <= last; i++) {
                out.printf("%d,%d,%d,%d%n", start + (long) i * FINE_MS, fineAll.get(i), fineSlow.get(i), fineSlowest.get(i));
            }
        }
    }

    /** The last 10 ms slice of the window with a list in it, or -1 when none came. */
    private int lastListSlice() {
        int last = FINE_SLICES - 1;
        while (last >= 0 && fineAll.get(last) == 0) {
            last--;
        }
        return last;
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
