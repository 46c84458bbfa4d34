package io.recstream.bench.e2e;

import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiter;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The latency runs' source pace: records on a fixed schedule, let through in steps of about a
 * millisecond. Flink's {@code RateLimiterStrategy.perSecond} (Guava's limiter) hands every record's
 * permit to its own thread and waits there, which cost this harness 0.3 of a core at 9,650
 * events/s (the source thread 19 µs and the limiter's thread 13 µs of CPU per event): CPU that a
 * Kafka source does not spend and that the list's threads had to share the machine with
 * (docs/BENCHMARKS.md, "Lists over ten minutes"). Here a record whose time has come gets an
 * already completed permit; only a record ahead of its time waits, for at least {@link #STEP_NANOS},
 * so the source sleeps about once a millisecond and then makes that millisecond's records.
 *
 * <p>Records are due at {@code 1 / rate} intervals from the first. A source that wakes late (a
 * sleep's wake-up takes a millisecond or two here) or was held back (back-pressure) makes up the
 * records it owes at once, up to {@link #CATCH_UP_NANOS} of them: a second, as Guava's limiter
 * stores a second of permits, so latency runs load the job after a stall as they did with it. As
 * before, a record is stamped when it is made, not when it was due, so the lists of records made
 * up after a stall do not count the stall.
 */
final class PacedRateLimiter<SplitT extends SourceSplit> implements RateLimiter<SplitT> {
    static final long STEP_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    static final long CATCH_UP_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final CompletableFuture<Void> NOW = CompletableFuture.completedFuture(null);
    /**
     * The one thread that completes the permits of every source subtask in the JVM. Not
     * {@code CompletableFuture.delayedExecutor}: with no executor given it hands each task to the
     * common pool, and where that pool has fewer than two threads (any machine of two cores) it
     * starts a new thread per task instead, a thousand a second here, whose CPU the job's threads
     * had to share (docs/BENCHMARKS.md, "The late lists' cause: a heap that grows", its pacing part).
     */
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "paced-source-timer");
        thread.setDaemon(true);
        return thread;
    });

    private final double nanosPerRecord;
    private final LongSupplier nanoTime;
    private final Waiter waiter;
    /** When the next record is due; {@link Long#MIN_VALUE} before the first. */
    private long due = Long.MIN_VALUE;

    /** Something that completes a future after a delay: a scheduler in the job, a fake in tests. */
    interface Waiter {
        CompletionStage<Void> after(long nanos);
    }

    PacedRateLimiter(double recordsPerSecond, LongSupplier nanoTime, Waiter waiter) {
        this.nanosPerRecord = 1e9 / recordsPerSecond;
        this.nanoTime = nanoTime;
        this.waiter = waiter;
    }

    /** {@code recordsPerSecond} over all source subtasks, as Flink's {@code perSecond}. */
    static RateLimiterStrategy<?> perSecond(double recordsPerSecond) {
        return parallelism -> new PacedRateLimiter<>(recordsPerSecond / parallelism, System::nanoTime, PacedRateLimiter::delayed);
    }

    @Override
    public CompletionStage<Void> acquire(int records) {
        long now = nanoTime.getAsLong();
        if (due == Long.MIN_VALUE) {
            due = now;
        } else if (now - due > CATCH_UP_NANOS) {
            due = now - CATCH_UP_NANOS;
        }
        long wait = due - now;
        due += (long) (records * nanosPerRecord);
        return wait <= 0 ? NOW : waiter.after(Math.max(wait, STEP_NANOS));
    }

    /** A permit that completes {@code nanos} from now, on {@link #TIMER}. */
    static CompletionStage<Void> delayed(long nanos) {
        CompletableFuture<Void> permit = new CompletableFuture<>();
        TIMER.schedule(() -> permit.complete(null), nanos, TimeUnit.NANOSECONDS);
        return permit;
    }
}
