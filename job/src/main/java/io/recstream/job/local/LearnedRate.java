package io.recstream.job.local;

/**
 * The rate at which a live run learns events, measured between checkpoint barriers. An event
 * counts as learned once the checkpoint holding its learning completes, so the learned count moves
 * in steps, one per checkpoint; a rate over a fixed interval (events counted in it / its length)
 * swings with how many steps it holds. Here a span runs from one completed checkpoint's barrier to
 * a later one's, and holds exactly the events learned between them: whole checkpoints, whatever
 * the checkpoints' own duration. The CPU time over the same span gives CPU per event.
 *
 * <p>Two spans are read: since the previous read (the report's interval) and since warm-up, from
 * the first checkpoint at which the run had learned {@code warmUpEvents}, when the JIT has
 * compiled most of the path, to the latest. Not thread-safe: callers that share one synchronise.
 */
public final class LearnedRate {
    private final long warmUpEvents;
    private Mark latest;
    private Mark lastRead;
    private Mark warmUp;

    public LearnedRate(long warmUpEvents) {
        this.warmUpEvents = warmUpEvents;
    }

    /**
     * A checkpoint completed. Checkpoints come in order.
     *
     * @param learned events learned in this checkpoint and every one before
     */
    public void completed(long checkpointId, long barrierMillis, long processCpuNanos, long learned) {
        latest = new Mark(checkpointId, barrierMillis, processCpuNanos, learned);
        if (lastRead == null) {
            lastRead = latest; // a span starts at a barrier: the first checkpoint's events have none before them
        }
        if (warmUp == null && learned >= warmUpEvents) {
            warmUp = latest;
        }
    }

    /** From the latest checkpoint at the previous call to the latest now; null when none completed since. */
    public Span sinceLastRead() {
        if (latest == null || latest == lastRead) {
            return null;
        }
        Span span = Span.between(lastRead, latest);
        lastRead = latest;
        return span;
    }

    /** From the warm-up's checkpoint to the latest; null before a checkpoint completed after warm-up. */
    public Span sinceWarmUp() {
        return warmUp == null || warmUp == latest ? null : Span.between(warmUp, latest);
    }

    /** Events learned before warm-up ends. */
    public long warmUpEvents() {
        return warmUpEvents;
    }

    private record Mark(long checkpointId, long millis, long cpuNanos, long learned) {}

    /**
     * The events learned in checkpoints {@code fromCheckpoint} (exclusive) to {@code toCheckpoint}
     * (inclusive), over the time and CPU between their barriers.
     */
    public record Span(long fromCheckpoint, long toCheckpoint, long events, long millis, long cpuNanos) {
        static Span between(Mark from, Mark to) {
            return new Span(from.checkpointId, to.checkpointId, to.learned - from.learned, to.millis - from.millis,
                    to.cpuNanos - from.cpuNanos);
        }

        public double eventsPerSecond() {
            return millis > 0 ? events * 1000.0 / millis : 0;
        }

        /** CPU time of the process per event, µs; NaN without events. */
        public double cpuMicrosPerEvent() {
            return events > 0 ? cpuNanos / 1e3 / events : Double.NaN;
        }
    }
}
