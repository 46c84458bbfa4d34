package io.recstream.bench.e2e;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LatencyHistogramTest {
    @Test
    void percentilesAreTheSmallestLatencyThatTheShareDoesNotExceed() {
        LatencyHistogram latencies = LatencyHistogram.named("test-percentiles");
        latencies.clear();
        for (int ms = 1; ms <= 100; ms++) {
            latencies.record(1_000 + ms, 1_000);
        }
        assertThat(latencies.count()).isEqualTo(100);
        assertThat(latencies.percentile(0.5)).isEqualTo(50);
        assertThat(latencies.percentile(0.99)).isEqualTo(99);
        assertThat(latencies.percentile(1.0)).isEqualTo(100);
    }

    @Test
    void negativeAndHugeLatenciesAreClampedAndClearForgetsAll() {
        LatencyHistogram latencies = LatencyHistogram.named("test-clamp");
        latencies.clear();
        latencies.record(1_000, 1_005);
        latencies.record(10_001_000, 1_000);
        assertThat(latencies.percentile(0.5)).isZero();
        assertThat(latencies.percentile(1.0)).isEqualTo(60_000);
        latencies.clear();
        assertThat(latencies.percentile(0.5)).isEqualTo(-1);
    }

    @Test
    void listsAfterTheWindowEndedAreNotCountedUntilTheNextClear() {
        LatencyHistogram latencies = LatencyHistogram.named("test-window");
        latencies.clear();
        latencies.record(1_010, 1_000);
        LatencyHistogram.stopAll();
        latencies.record(2_500, 2_000);
        assertThat(latencies.count()).isEqualTo(1);
        assertThat(latencies.percentile(1.0)).isEqualTo(10);
        latencies.clear();
        latencies.record(3_020, 3_000);
        assertThat(latencies.count()).isEqualTo(1);
        assertThat(latencies.percentile(1.0)).isEqualTo(20);
    }

    @Test
    void anAttachedTailCountsOnlyTheListsOverTheTargetByWhenTheyArrived() throws Exception {
        LatencyHistogram latencies = LatencyHistogram.named("test-tail");
        latencies.clear();
        try (LatencyTail tail = new LatencyTail()) {
            long now = 1_000_000;
            tail.start(now);
            latencies.attach(tail);
            latencies.record(now + 250, now + 250 - LatencyTail.TARGET_MS);
            latencies.record(now + 260, now + 260 - 80);
            latencies.record(now + 270, now + 270 - 97);
            latencies.record(now + 1_530, now + 1_530 - 60);
            latencies.attach(null);
            latencies.record(now + 1_540, now + 1_540 - 70);

            LatencyTail.Summary summary = tail.summary(5);
            assertThat(summary.slowLists()).isEqualTo(3);
            assertThat(summary.worst()).hasSize(2);
            assertThat(summary.worst().get(0)).isEqualTo(new LatencyTail.Slice(200, 2, 97));
            assertThat(summary.worst().get(1)).isEqualTo(new LatencyTail.Slice(1_500, 1, 60));
        }
        assertThat(latencies.count()).isEqualTo(5);
    }

    @Test
    void aCheckpointIsNotedWhenTheCompletedCountGrowsNotAtTheFirstPoll() throws Exception {
        try (LatencyTail tail = new LatencyTail()) {
            tail.start(System.currentTimeMillis());
            tail.poll(3, 120);
            tail.poll(3, 120);
            tail.poll(4, 180);
            assertThat(tail.summary(5).checkpoints()).extracting(LatencyTail.Checkpoint::millis).containsExactly(180L);
        }
    }
}
