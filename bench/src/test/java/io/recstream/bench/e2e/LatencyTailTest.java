package io.recstream.bench.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LatencyTailTest {
    private static final long START = 1_000_000;

    @Test
    void theListsAroundACheckpointAreCountedPer50MsFromBeforeItsTrigger() throws Exception {
        try (LatencyTail tail = new LatencyTail()) {
            tail.start(START);
            long trigger = START + 5_000;
            tail.record(trigger - 190, 5);     // first 50 ms step, on time
            tail.record(trigger - 10, 8);      // fourth step (-50..0), on time
            tail.record(trigger + 160, 120);   // -200 + 7 steps: late, after the stall
            tail.record(trigger + 160, 30);
            tail.record(trigger + 999, 60);    // last step
            tail.record(trigger + 1_000, 70);  // after the last step: late, but not counted at the barrier
            tail.record(START + 500, 90);      // before it altogether
            CheckpointTimeline.Phase phase = new CheckpointTimeline.Phase("user-learner", 120, 40, 2, 5);
            tail.barriers(List.of(
                    new CheckpointTimeline.Barrier(7, trigger, 300, List.of(phase)),
                    new CheckpointTimeline.Barrier(6, START - 5_000, 300, List.of(phase)))); // before the window: left out

            LatencyTail.Summary summary = tail.summary(5);

            assertThat(summary.slowLists()).isEqualTo(4);
            assertThat(summary.barriers()).hasSize(1);
            LatencyTail.AtBarrier at = summary.barriers().get(0);
            assertThat(at.atMillis()).isEqualTo(5_000);
            assertThat(at.lists()).hasSize(24);
            assertThat(at.lists()[0]).isEqualTo(1);
            assertThat(at.lists()[3]).isEqualTo(1);
            assertThat(at.lists()[7]).isEqualTo(2);
            assertThat(at.slow()[7]).isEqualTo(1);
            assertThat(at.lists()[23]).isEqualTo(1);
            assertThat(at.slow()[23]).isEqualTo(1);
            assertThat(at.slowLists()).isEqualTo(2);
            assertThat(summary.slowPerMinute()).containsExactly(4);
            assertThat(Report.describe(summary)).contains("per minute of the window: 4;")
                    .contains("lists over 50 ms from 200 ms before a checkpoint's trigger to 1000 ms after, at the window's 1 checkpoints: 2 of 4")
                    .contains("checkpoint 7 triggered at 5.00 s").contains("[user-learner] 120/40/2/5;");
        }
    }

    @Test
    void theLateListsAreCountedPerMinuteUpToTheWindowsLastList() throws Exception {
        try (LatencyTail tail = new LatencyTail()) {
            tail.start(START);
            tail.record(START + 59_999, 51);
            tail.record(START + 60_000, 40);   // on time: not counted
            tail.record(START + 150_000, 70);
            tail.record(START + 150_050, 80);
            tail.record(START + 170_000, 20);  // on time
            tail.record(START + 250_000, 20);  // on time, in a fifth minute: the fourth and fifth read 0

            assertThat(tail.summary(5).slowPerMinute()).containsExactly(1, 0, 2, 0, 0);
        }
    }

    @Test
    void theSlicesFileHasEvery10MsUpToTheLastListWithWallClockTimes(@TempDir Path dir) throws Exception {
        try (LatencyTail tail = new LatencyTail()) {
            tail.start(START);
            tail.record(START + 3, 10);
            tail.record(START + 7, 75);
            tail.record(START + 25, 60);
            Path file = dir.resolve("slices.csv");

            tail.writeSlices(file);

            assertThat(Files.readAllLines(file)).containsExactly(
                    "epoch_ms,lists,over_target,slowest_ms",
                    START + ",2,1,75",
                    (START + 10) + ",0,0,0",
                    (START + 20) + ",1,1,60");
        }
    }
}
