package io.recstream.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.recstream.recommend.CheckpointOutcomes;
import io.recstream.recommend.QualityOutcome;

import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

class OutcomeTallyTest {
    /** The test's clocks: static, as the operator carries its clocks as serialisable lambdas. */
    private static final AtomicLong WALL_MILLIS = new AtomicLong();
    private static final AtomicLong CPU_NANOS = new AtomicLong();

    private OutcomeTally tally;
    private OneInputStreamOperatorTestHarness<QualityOutcome, CheckpointOutcomes> harness;

    @BeforeEach
    void open() throws Exception {
        WALL_MILLIS.set(1_000);
        CPU_NANOS.set(5_000_000);
        tally = new OutcomeTally(WALL_MILLIS::get, CPU_NANOS::get);
        harness = new OneInputStreamOperatorTestHarness<>(tally, 2, 2, 1); // subtask 1 of 2
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private List<CheckpointOutcomes> sent() {
        List<CheckpointOutcomes> sent = new ArrayList<>();
        for (Object o : harness.getOutput()) {
            if (o instanceof StreamRecord<?> r) {
                sent.add((CheckpointOutcomes) r.getValue());
            }
        }
        return sent;
    }

    @Test
    void sendsTheCountsSinceTheLastBarrierJustBeforeEachBarrierStampedWithItsClocks() throws Exception {
        harness.processElement(new StreamRecord<>(QualityOutcome.notEvaluated("u1", "a", 1)));
        harness.processElement(new StreamRecord<>(QualityOutcome.evaluated("u1", "b", 2, 1, true)));
        assertThat(sent()).as("nothing before a barrier").isEmpty();

        WALL_MILLIS.set(3_000);
        CPU_NANOS.set(9_000_000);
        harness.prepareSnapshotPreBarrier(7);
        harness.processElement(new StreamRecord<>(QualityOutcome.evaluated("u2", "c", 3, -1, false)));

        assertThat(sent()).singleElement().satisfies(c -> {
            assertThat(c.checkpointId).isEqualTo(7);
            assertThat(c.subtask).isEqualTo(1);
            assertThat(c.subtasks).isEqualTo(2);
            assertThat(c.barrierMillis).isEqualTo(3_000);
            assertThat(c.processCpuNanos).isEqualTo(9_000_000);
            assertThat(c.counts.events).isEqualTo(2);
            assertThat(c.counts.evaluated).isEqualTo(1);
            assertThat(c.counts.hits).isEqualTo(1);
            assertThat(c.counts.popularityHits).isEqualTo(1);
            assertThat(c.counts.reciprocalRanks).isEqualTo(0.5);
        });

        harness.prepareSnapshotPreBarrier(8);
        assertThat(sent()).hasSize(2);
        assertThat(sent().get(1).checkpointId).isEqualTo(8);
        assertThat(sent().get(1).counts.events).as("only what came after barrier 7").isEqualTo(1);
    }

    @Test
    void sendsCountsAtEveryBarrierEvenWithoutEventsSoAReaderKnowsTheCheckpointIsWhole() throws Exception {
        harness.prepareSnapshotPreBarrier(1);
        assertThat(sent()).singleElement().satisfies(c -> assertThat(c.counts.events).isZero());
    }

    @Test
    void sendsTheRestAtTheEndOfInput() throws Exception {
        harness.processElement(new StreamRecord<>(QualityOutcome.notEvaluated("u1", "a", 1)));
        harness.prepareSnapshotPreBarrier(1);
        harness.processElement(new StreamRecord<>(QualityOutcome.notEvaluated("u1", "b", 2)));
        tally.endInput();

        assertThat(sent()).extracting(c -> c.checkpointId).containsExactly(1L, CheckpointOutcomes.END_OF_INPUT);
        assertThat(sent().get(1).counts.events).isEqualTo(1);
    }
}
