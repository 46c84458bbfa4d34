package io.recstream.job.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

class LearnedRateTest {
    @Test
    void aSpanRunsBetweenTheBarriersOfWholeCheckpoints() {
        LearnedRate rate = new LearnedRate(1_000_000);
        rate.completed(1, 10_000, 1_000_000_000L, 5_000);
        assertThat(rate.sinceLastRead()).as("one barrier is no span yet").isNull();

        rate.completed(2, 12_000, 2_000_000_000L, 45_000);
        LearnedRate.Span span = rate.sinceLastRead();
        assertThat(span).isEqualTo(new LearnedRate.Span(1, 2, 40_000, 2_000, 1_000_000_000L));
        assertThat(span.eventsPerSecond()).isEqualTo(20_000);
        assertThat(span.cpuMicrosPerEvent()).isEqualTo(25);
        assertThat(rate.sinceLastRead()).as("nothing completed since").isNull();

        rate.completed(3, 15_000, 2_600_000_000L, 75_000);
        rate.completed(4, 17_000, 3_000_000_000L, 95_000);
        assertThat(rate.sinceLastRead()).isEqualTo(new LearnedRate.Span(2, 4, 50_000, 5_000, 1_000_000_000L));
    }

    /**
     * A steady job learning 10,000 events/s, checkpoints completing every 3 s, a report every 5 s:
     * events learned per report interval swing between one and two checkpoints' worth (the
     * demo's old figure), the rate between barriers does not.
     */
    @Test
    void aSteadyJobReadsSteadyWhereverTheReportsFallBetweenCheckpoints() {
        LearnedRate rate = new LearnedRate(0);
        long perSecond = 10_000;
        long checkpointEveryMillis = 3_000;
        long clockMillis = 0;
        long nextCheckpoint = checkpointEveryMillis;
        long checkpointId = 0;
        long learned = 0;
        long learnedAtLastReport = 0;
        List<Double> perInterval = new ArrayList<>();
        List<Double> betweenBarriers = new ArrayList<>();
        for (int report = 1; report <= 12; report++) {
            long reportAt = report * 5_000L;
            for (; nextCheckpoint <= reportAt; nextCheckpoint += checkpointEveryMillis) {
                clockMillis = nextCheckpoint;
                learned = perSecond * clockMillis / 1000;
                rate.completed(++checkpointId, clockMillis, 0, learned);
            }
            perInterval.add((learned - learnedAtLastReport) / 5.0);
            learnedAtLastReport = learned;
            LearnedRate.Span span = rate.sinceLastRead();
            if (span != null) {
                betweenBarriers.add(span.eventsPerSecond());
            }
        }

        assertThat(perInterval).as("per fixed interval").contains(6_000.0, 12_000.0);
        assertThat(betweenBarriers).hasSizeGreaterThan(10).allSatisfy(r -> assertThat(r).isCloseTo(10_000.0, within(1e-6)));
        assertThat(rate.sinceWarmUp().eventsPerSecond()).isCloseTo(10_000.0, within(1e-6));
    }

    @Test
    void sinceWarmUpStartsAtTheFirstCheckpointPastTheWarmUpEvents() {
        LearnedRate rate = new LearnedRate(100_000);
        rate.completed(1, 2_000, 10_000_000_000L, 40_000);
        rate.completed(2, 5_000, 16_000_000_000L, 90_000);
        assertThat(rate.sinceWarmUp()).as("not warm yet").isNull();

        rate.completed(3, 8_000, 22_000_000_000L, 130_000);
        assertThat(rate.sinceWarmUp()).as("warm, but no span after it").isNull();

        rate.completed(4, 10_000, 24_000_000_000L, 170_000);
        rate.completed(5, 12_000, 26_000_000_000L, 210_000);
        LearnedRate.Span warm = rate.sinceWarmUp();
        assertThat(warm).isEqualTo(new LearnedRate.Span(3, 5, 80_000, 4_000, 4_000_000_000L));
        assertThat(warm.eventsPerSecond()).isEqualTo(20_000);
        assertThat(warm.cpuMicrosPerEvent()).isEqualTo(50);
        assertThat(rate.sinceLastRead()).as("reads of the interval leave warm-up alone").isNotNull();
        assertThat(rate.sinceWarmUp()).isEqualTo(warm);
    }

    @Test
    void aSpanWithoutEventsHasNoCpuPerEvent() {
        LearnedRate.Span idle = new LearnedRate.Span(1, 2, 0, 2_000, 500_000_000L);
        assertThat(idle.eventsPerSecond()).isZero();
        assertThat(idle.cpuMicrosPerEvent()).isNaN();
    }
}
