package io.recstream.job.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.recstream.job.local.LearnedRate;
import org.junit.jupiter.api.Test;

class DemoCommandTest {
    /** Issue 10's target through Kafka. */
    private static final long TARGET_EVENTS_PER_SECOND = 20_000;

    @Test
    void theProducersBoundHoldsTwoCheckpointCyclesAtTheTargetRate() {
        // The job's outcomes (and so the permits they give back) are released per completed
        // checkpoint: a cycle is the interval plus the checkpoint's own time (at least as long again
        // on a busy machine). A bound under what the job learns in a cycle caps the demo at bound / cycle.
        long cycleSeconds = 2 * DemoCommand.CHECKPOINT_INTERVAL.toSeconds();
        long atTheTarget = TARGET_EVENTS_PER_SECOND * cycleSeconds;

        assertThat((long) new DemoCommand().maxAhead).isGreaterThanOrEqualTo(2 * atTheTarget);
    }

    @Test
    void theReportsRatesAreOverWholeCheckpointsAndSinceWarmUp() {
        LearnedRate.Span interval = new LearnedRate.Span(11, 13, 41_000, 4_100, 5_740_000_000L);
        LearnedRate.Span sinceWarmUp = new LearnedRate.Span(6, 13, 130_000, 10_000, 18_200_000_000L);

        assertThat(DemoCommand.rates(interval, sinceWarmUp, 100_000))
                .isEqualTo("10,000/s, CPU 140 µs each, checkpoints 12-13 over 4.1 s; since warm-up 13,000/s, 140 µs each");
        assertThat(DemoCommand.rates(new LearnedRate.Span(12, 13, 20_000, 2_000, 0), null, 100_000))
                .isEqualTo("10,000/s, CPU 0 µs each, checkpoint 13 over 2.0 s; since warm-up: from 100,000 learned");
        assertThat(DemoCommand.rates(null, sinceWarmUp, 100_000))
                .startsWith("waiting for a checkpoint to complete; since warm-up 13,000/s");
    }

    @Test
    void theSummarySaysWhatWasLearnedAfterWarmUpAndOverWhatSpan() {
        assertThat(DemoCommand.afterWarmUp(new LearnedRate.Span(6, 13, 130_000, 10_000, 18_200_000_000L), 100_000))
                .isEqualTo("after warm-up (the first 100,000 events): 130,000 events learned in checkpoints 7-13 over 10.0 s"
                        + " between their barriers, 13,000/s, process CPU 140 µs each");
        assertThat(DemoCommand.afterWarmUp(null, 100_000))
                .isEqualTo("after warm-up (the first 100,000 events): no checkpoint completed after it");
    }
}
