package io.recstream.bench.e2e;

import org.apache.flink.api.connector.source.SourceSplit;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import static org.assertj.core.api.Assertions.assertThat;

class PacedRateLimiterTest {
    /** A clock that moves only when a permit waits, by the wait, as a source thread that sleeps would. */
    private long now = 5_000_000_000L;
    private int waits;

    /** How much later than asked a sleeping source wakes up. */
    private long wakeUpLate;

    private CompletionStage<Void> sleep(long nanos) {
        waits++;
        now += nanos + wakeUpLate;
        return CompletableFuture.completedFuture(null);
    }

    private PacedRateLimiter<SourceSplit> limiter(double perSecond) {
        return new PacedRateLimiter<>(perSecond, () -> now, this::sleep);
    }

    @Test
    void aSecondsWorthOfRecordsTakesASecondWithAboutOneWaitPerMillisecond() {
        PacedRateLimiter<SourceSplit> limiter = limiter(10_000);
        long start = now;

        for (int record = 0; record < 10_000; record++) {
            limiter.acquire(1);
        }

        assertThat(now - start).isBetween(999_000_000L, 1_001_000_000L);
        assertThat(waits).isBetween(990, 1_010); // Guava's limiter: a hand-off and a wait per record
    }

    @Test
    void aSourceThatWakesLateMakesUpWhatItOwes() {
        PacedRateLimiter<SourceSplit> limiter = limiter(10_000);
        wakeUpLate = 1_500_000; // 1.5 ms late at every sleep
        long start = now;

        for (int record = 0; record < 10_000; record++) {
            limiter.acquire(1);
        }

        assertThat(now - start).isBetween(999_000_000L, 1_003_000_000L);
        assertThat(waits).isBetween(390, 410); // a sleep of 2.5 ms per 25 records
    }

    @Test
    void aRecordWhoseTimeHasComeGetsACompletedPermit() {
        PacedRateLimiter<SourceSplit> limiter = limiter(1_000);

        assertThat(limiter.acquire(1).toCompletableFuture()).isDone();
        now += 1_000_000; // the next is due now
        assertThat(limiter.acquire(1).toCompletableFuture()).isDone();
        assertThat(waits).isZero();
    }

    @Test
    void aLimiterHeldBackMakesUpOneSecondOfRecordsAndNotMore() {
        PacedRateLimiter<SourceSplit> limiter = limiter(10_000);
        limiter.acquire(1);
        now += 2_000_000_000L; // 2 s of back-pressure: 20,000 records late

        int atOnce = 0;
        while (waits == 0) {
            limiter.acquire(1);
            atOnce++;
        }

        assertThat(atOnce).isBetween(10_000, 10_002); // a second of records and the one that waits
    }

    @Test
    void waitsAreCompletedByOneThreadNotAThreadEach() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long startedBefore = threads.getTotalStartedThreadCount();

        for (int wait = 0; wait < 200; wait++) {
            CompletableFuture<Void> permit = PacedRateLimiter.delayed(50_000).toCompletableFuture();
            permit.join();
            assertThat(permit).isCompleted();
        }

        // the JDK's delayed executor started a thread per wait on a machine of two cores (200 here)
        assertThat(threads.getTotalStartedThreadCount() - startedBefore).isLessThan(10);
    }
}
