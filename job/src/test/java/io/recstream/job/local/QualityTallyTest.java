package io.recstream.job.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.recstream.recommend.CheckpointOutcomes;
import io.recstream.recommend.OutcomeCounts;
import io.recstream.recommend.QualityOutcome;
import org.junit.jupiter.api.Test;

class QualityTallyTest {
    private static CheckpointOutcomes counts(long checkpoint, int subtask, int subtasks, long millis, long cpuNanos, long events) {
        OutcomeCounts c = new OutcomeCounts();
        c.events = events;
        return new CheckpointOutcomes(checkpoint, subtask, subtasks, millis, cpuNanos, c);
    }

    @Test
    void aCheckpointMarksTheRateOnceEverySubtasksCountsArrivedAtTheLaterBarrier() {
        QualityTally tally = new QualityTally(0);
        tally.add(counts(1, 0, 2, 1_000, 100, 10));
        tally.add(counts(1, 1, 2, 1_010, 110, 20));
        tally.add(counts(2, 1, 2, 3_000, 2_000_000_100L, 1_000));

        QualityTally.Snapshot s = tally.snapshotAndResetWindow();
        assertThat(s.events()).as("learned: every count released, whole checkpoint or not").isEqualTo(1_030);
        assertThat(s.interval()).as("checkpoint 2 is not whole yet").isNull();

        tally.add(counts(2, 0, 2, 3_010, 2_000_000_110L, 3_000));
        s = tally.snapshotAndResetWindow();
        assertThat(s.events()).isEqualTo(4_030);
        assertThat(s.interval()).isEqualTo(new LearnedRate.Span(1, 2, 4_000, 2_000, 2_000_000_000L));
    }

    @Test
    void aSubtaskThatMissedACheckpointsBarrierCountsInTheNextOne() {
        QualityTally tally = new QualityTally(0);
        tally.add(counts(1, 0, 2, 1_000, 0, 10));
        tally.add(counts(1, 1, 2, 1_000, 0, 10));
        tally.add(counts(2, 0, 2, 3_000, 0, 500)); // checkpoint 2 aborted before subtask 1's barrier
        tally.add(counts(3, 0, 2, 5_000, 0, 500));
        tally.add(counts(3, 1, 2, 5_000, 0, 1_000));

        QualityTally.Snapshot s = tally.snapshotAndResetWindow();
        assertThat(s.events()).isEqualTo(2_020);
        assertThat(s.interval()).isEqualTo(new LearnedRate.Span(1, 3, 2_000, 4_000, 0));
    }

    @Test
    void theRestAtTheEndOfInputIsLearnedButMarksNoBarrier() {
        QualityTally tally = new QualityTally(0);
        tally.add(counts(1, 0, 1, 1_000, 0, 10));
        tally.add(counts(2, 0, 1, 2_000, 0, 10));
        tally.snapshotAndResetWindow();
        tally.add(counts(CheckpointOutcomes.END_OF_INPUT, 0, 1, 9_000, 0, 7));

        QualityTally.Snapshot s = tally.snapshotAndResetWindow();
        assertThat(s.events()).isEqualTo(27);
        assertThat(s.interval()).isNull();
        assertThat(s.sinceWarmUp()).isEqualTo(new LearnedRate.Span(1, 2, 10, 1_000, 0));
    }

    @Test
    void hitRatesOverTheRunAndTheLatestWindow() {
        QualityTally tally = new QualityTally(0);
        OutcomeCounts first = new OutcomeCounts();
        first.add(QualityOutcome.notEvaluated("u1", "a", 1));
        first.add(QualityOutcome.evaluated("u1", "b", 2, 0, true));
        first.add(QualityOutcome.evaluated("u1", "c", 3, -1, false));
        tally.add(new CheckpointOutcomes(1, 0, 1, 1_000, 0, first));
        QualityTally.Snapshot s = tally.snapshotAndResetWindow();
        assertThat(s.evaluated()).isEqualTo(2);
        assertThat(s.hitRate()).isEqualTo(0.5);
        assertThat(s.popularityHitRate()).isEqualTo(0.5);
        assertThat(s.mrr()).isEqualTo(0.5);
        assertThat(s.windowHitRate()).isEqualTo(0.5);

        OutcomeCounts second = new OutcomeCounts();
        second.add(QualityOutcome.evaluated("u1", "d", 4, 1, false));
        tally.add(new CheckpointOutcomes(2, 0, 1, 2_000, 0, second));
        s = tally.snapshotAndResetWindow();
        assertThat(s.hitRate()).isEqualTo(2.0 / 3);
        assertThat(s.mrr()).isEqualTo(1.5 / 3);
        assertThat(s.windowHitRate()).isEqualTo(1.0);
        assertThat(s.windowPopularityHitRate()).isZero();
    }
}
