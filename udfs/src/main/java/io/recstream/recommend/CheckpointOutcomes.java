package io.recstream.recommend;

/**
 * What one learner subtask evaluated between two checkpoint barriers, sent just before the
 * second (see {@link io.recstream.functions.OutcomeTally}): behind an exactly-once collect sink
 * it is released once that checkpoint completes, so its events are exactly those whose learning
 * the checkpoint holds. Stamped with the wall clock and the process's CPU time at the barrier:
 * in a local run the job shares its JVM with the reader, which can then tell the rate at which
 * events were learned, and their CPU, between barriers rather than between arrivals.
 */
public class CheckpointOutcomes {
    /** The checkpoint whose barrier followed these events; {@link #END_OF_INPUT} for the rest at the end of input. */
    public long checkpointId;
    public int subtask;
    public int subtasks;
    /** Wall clock at the barrier, epoch milliseconds. */
    public long barrierMillis;
    /** The process's CPU time at the barrier, nanoseconds. */
    public long processCpuNanos;
    public OutcomeCounts counts;

    /** The checkpoint id of a tally sent at the end of input, after every checkpoint. */
    public static final long END_OF_INPUT = Long.MAX_VALUE;

    public CheckpointOutcomes() {}

    public CheckpointOutcomes(long checkpointId, int subtask, int subtasks, long barrierMillis, long processCpuNanos,
                              OutcomeCounts counts) {
        this.checkpointId = checkpointId;
        this.subtask = subtask;
        this.subtasks = subtasks;
        this.barrierMillis = barrierMillis;
        this.processCpuNanos = processCpuNanos;
        this.counts = counts;
    }
}
