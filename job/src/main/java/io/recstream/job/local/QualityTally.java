package io.recstream.job.local;

import io.recstream.recommend.CheckpointOutcomes;
import io.recstream.recommend.OutcomeCounts;

/**
 * Running test-then-train figures of a live run, shared between the thread that collects the
 * job's outcome counts and the one that reports: the whole run so far, the latest window, so a
 * reader sees the model improving, and the rate at which events are learned ({@link LearnedRate}).
 * The figures are over every event of a known user (see {@link HitCounts}).
 *
 * <p>The counts come per learner subtask and checkpoint ({@link CheckpointOutcomes}), released
 * once their checkpoint completes, so {@link Snapshot#events()} is exactly the events whose
 * learning a completed checkpoint holds. A checkpoint is whole once every subtask's counts for it
 * arrived, or once a later checkpoint's arrive (a subtask that missed an aborted checkpoint's
 * barrier counts those events in the next one): the collect sink aligns barriers, so a
 * checkpoint's counts never come after a later one's.
 */
public final class QualityTally {
    private final OutcomeCounts total = new OutcomeCounts();
    private OutcomeCounts window = new OutcomeCounts();
    private final LearnedRate rate;
    /** Events of the whole checkpoints so far, in order. */
    private long learnedInWholeCheckpoints;
    private long lastWhole = -1;
    private long pendingId = -1;
    private int pendingArrived;
    private long pendingEvents;
    private long pendingMillis;
    private long pendingCpuNanos;

    /** @param warmUpEvents events learned before the rate since warm-up starts (see {@link LearnedRate}) */
    public QualityTally(long warmUpEvents) {
        this.rate = new LearnedRate(warmUpEvents);
    }

    public synchronized void add(CheckpointOutcomes counts) {
        total.add(counts.counts);
        window.add(counts.counts);
        if (counts.checkpointId != pendingId) {
            closePending();
            pendingId = counts.checkpointId;
        }
        pendingArrived++;
        pendingEvents += counts.counts.events;
        pendingMillis = Math.max(pendingMillis, counts.barrierMillis);
        pendingCpuNanos = Math.max(pendingCpuNanos, counts.processCpuNanos);
        if (pendingArrived >= counts.subtasks) {
            closePending();
        }
    }

    /** The checkpoint being assembled is whole: its barrier (the later subtask's) marks the rate. */
    private void closePending() {
        if (pendingArrived == 0) {
            return;
        }
        learnedInWholeCheckpoints += pendingEvents;
        if (pendingId > lastWhole && pendingId != CheckpointOutcomes.END_OF_INPUT) {
            rate.completed(pendingId, pendingMillis, pendingCpuNanos, learnedInWholeCheckpoints);
            lastWhole = pendingId;
        }
        pendingId = -1;
        pendingArrived = 0;
        pendingEvents = 0;
        pendingMillis = 0;
        pendingCpuNanos = 0;
    }

    /** The figures now, and the rate since the previous snapshot; starts the next window. */
    public synchronized Snapshot snapshotAndResetWindow() {
        Snapshot s = new Snapshot(total.events, total.evaluated, total.recall(), total.popularityRecall(), total.mrr(),
                window.recall(), window.popularityRecall(), rate.sinceLastRead(), rate.sinceWarmUp());
        window = new OutcomeCounts();
        return s;
    }

    public synchronized long events() {
        return total.events;
    }

    public long warmUpEvents() {
        return rate.warmUpEvents();
    }

    /**
     * Figures at one moment. {@code interval}: the checkpoints that completed since the previous
     * snapshot, null if none did; {@code sinceWarmUp}: null until a checkpoint completed after warm-up.
     */
    public record Snapshot(long events, long evaluated, double hitRate, double popularityHitRate, double mrr,
                           double windowHitRate, double windowPopularityHitRate,
                           LearnedRate.Span interval, LearnedRate.Span sinceWarmUp) {}
}
