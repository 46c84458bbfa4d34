package io.recstream.bench.e2e;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LatencyHistogramTest {
    @Test
    void percentilesAreTheSmallestLatencyThatTheShareDoesNotExceed() {
        LatencyHistogram latencies = LatencyHistogram.named("test-percentiles");
        latencies.clear();
        for (int ms = 1; ms <= 100; ms++) {
            latencies.record(ms);
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
        latencies.record(-5);
        latencies.record(10_000_000);
        assertThat(latencies.percentile(0.5)).isZero();
        assertThat(latencies.percentile(1.0)).isEqualTo(60_000);
        latencies.clear();
        assertThat(latencies.percentile(0.5)).isEqualTo(-1);
    }
}
