package io.recstream.functions;

import io.recstream.recommend.CheckpointOutcomes;
import io.recstream.recommend.OutcomeCounts;
import io.recstream.recommend.QualityOutcome;

import org.apache.flink.api.common.TaskInfo;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

import java.io.Serializable;
import java.lang.management.ManagementFactory;
import java.util.function.LongSupplier;

/**
 * Sums the learner's {@link QualityOutcome}s in its chain and sends one
 * {@link CheckpointOutcomes} per checkpoint, just before the barrier (and the rest at the end of
 * input). For a reader that wants counts, not each outcome: the demo collected one outcome per
 * event, each serialised to a sink at parallelism 1 and read back. Keeps no state: what it
 * counted is sent before every barrier, so a restore replays exactly what it had not sent.
 */
public class OutcomeTally extends AbstractStreamOperator<CheckpointOutcomes>
        implements OneInputStreamOperator<QualityOutcome, CheckpointOutcomes>, BoundedOneInput {
    private static final long serialVersionUID = 1L;

    /** A clock the operator can carry into the job. */
    public interface Clock extends LongSupplier, Serializable {}

    private final Clock wallMillis;
    private final Clock processCpuNanos;
    private transient OutcomeCounts counts;

    /** Stamps with the system's wall clock and this JVM's CPU time. */
    public OutcomeTally() {
        this(System::currentTimeMillis, OutcomeTally::processCpuNanos);
    }

    public OutcomeTally(Clock wallMillis, Clock processCpuNanos) {
        this.wallMillis = wallMillis;
        this.processCpuNanos = processCpuNanos;
    }

    @Override
    public void open() throws Exception {
        super.open();
        counts = new OutcomeCounts();
    }

    @Override
    public void processElement(StreamRecord<QualityOutcome> record) {
        counts.add(record.getValue());
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        super.prepareSnapshotPreBarrier(checkpointId);
        send(checkpointId);
    }

    @Override
    public void endInput() {
        send(CheckpointOutcomes.END_OF_INPUT);
    }

    /** One record per subtask and checkpoint, even with no events: the reader knows the checkpoint is whole. */
    private void send(long checkpointId) {
        TaskInfo task = getRuntimeContext().getTaskInfo();
        output.collect(new StreamRecord<>(new CheckpointOutcomes(checkpointId, task.getIndexOfThisSubtask(),
                task.getNumberOfParallelSubtasks(), wallMillis.getAsLong(), processCpuNanos.getAsLong(), counts)));
        counts = new OutcomeCounts();
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
