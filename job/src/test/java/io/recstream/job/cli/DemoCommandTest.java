package io.recstream.job.cli;

import static org.assertj.core.api.Assertions.assertThat;

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
}
