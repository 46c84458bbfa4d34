package io.recstream.functions;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.ToIntFunction;

/**
 * Gathers concurrent requests into batches for one model call each: a batch is sent when it holds
 * {@code maxRows} rows or when its first request has waited {@code maxDelayMillis}, whichever
 * comes first. Model calls run on a small pool of threads that this batcher owns, never on the
 * caller's thread, so a slow model never blocks the Flink task.
 *
 * <p>One delayed flush waits at a time, not one per batch: when it runs and the batch then pending
 * is younger than {@code maxDelayMillis}, it waits again until that batch's first request is due.
 * At a rate that fills batches before the delay, a flush per batch cost the caller's thread a
 * scheduled task each (allocated and put in the timer queue) and woke the model thread once more
 * per batch to find its batch gone (docs/BENCHMARKS.md "The list, third pass").
 *
 * <p>A request whose future is already done when its batch is sent (cancelled, e.g. because its
 * operator timed out) is left out of the model call, and does not count towards a full batch:
 * otherwise requests that timed out long ago fill a batch and send it early, and a model that
 * should be too slow for its timeout answers the newest requests in time. A failing model call fails the futures of
 * its batch and nothing else.
 *
 * @param <Q> a request, e.g. one candidate list or one search text
 * @param <A> the model's answer to one request
 */
public final class MicroBatcher<Q, A> implements AutoCloseable {

    /** One model call for a batch: one answer per request, in request order. */
    @FunctionalInterface
    public interface BatchCall<Q, A> {
        List<A> call(List<Q> requests) throws Exception;
    }

    /** {@code arrivedNanos}: when it was submitted, by the batcher's clock. */
    private record Request<Q, A>(Q request, int rows, CompletableFuture<A> answer, long arrivedNanos) {}

    private final BatchCall<Q, A> model;
    private final ToIntFunction<Q> rowsOf;
    private final int maxRows;
    private final long maxDelayMillis;
    private final long maxDelayNanos;
    private final LongSupplier nanoTime;
    private final ScheduledThreadPoolExecutor threads;
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong rowsSent = new AtomicLong();
    private final AtomicLong delayedFlushes = new AtomicLong();

    private final Object lock = new Object();
    private List<Request<Q, A>> pending = new ArrayList<>(); // guarded by lock
    private int pendingRows; // guarded by lock
    /** Whether a delayed flush is scheduled and has not run yet. */
    private boolean flushScheduled; // guarded by lock
    private boolean closed; // guarded by lock

    /**
     * @param name names the threads, e.g. "ranker"
     * @param threads model calls that may run at the same time (match the model's pool size)
     * @param rowsOf how many rows a request adds to a batch (e.g. a list's candidates)
     */
    public MicroBatcher(String name, int threads, int maxRows, long maxDelayMillis,
                        ToIntFunction<Q> rowsOf, BatchCall<Q, A> model) {
        this(name, threads, maxRows, maxDelayMillis, rowsOf, model, System::nanoTime);
    }

    /** With {@code nanoTime} as the clock that says when a pending batch is due; tests substitute their own. */
    MicroBatcher(String name, int threads, int maxRows, long maxDelayMillis,
                 ToIntFunction<Q> rowsOf, BatchCall<Q, A> model, LongSupplier nanoTime) {
        if (threads < 1 || maxRows < 1 || maxDelayMillis < 0) {
            throw new IllegalArgumentException("threads and maxRows must be >= 1, maxDelayMillis >= 0: "
                    + threads + ", " + maxRows + ", " + maxDelayMillis);
        }
        this.model = model;
        this.rowsOf = rowsOf;
        this.maxRows = maxRows;
        this.maxDelayMillis = maxDelayMillis;
        this.maxDelayNanos = TimeUnit.MILLISECONDS.toNanos(maxDelayMillis);
        this.nanoTime = nanoTime;
        this.threads = new ScheduledThreadPoolExecutor(threads, daemonThreads("recstream-" + name + "-model-"));
        this.threads.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /** Queues {@code request} for the next batch; the future completes on a model thread. */
    public CompletableFuture<A> submit(Q request) {
        CompletableFuture<A> answer = new CompletableFuture<>();
        int rows = rowsOf.applyAsInt(request);
        synchronized (lock) {
            if (closed) {
                answer.completeExceptionally(new IllegalStateException("the model batcher is closed"));
                return answer;
            }
            if (pendingRows + rows >= maxRows) {
                dropDone(); // before a batch goes because it is full, take out what no one waits for
            }
            if (!pending.isEmpty() && pendingRows + rows > maxRows) {
                send(); // the request does not fit: the batch so far goes first
            }
            pending.add(new Request<>(request, rows, answer, nanoTime.getAsLong()));
            pendingRows += rows;
            if (pendingRows >= maxRows || maxDelayMillis == 0) {
                send();
            } else if (!flushScheduled) {
                flushAfter(maxDelayNanos);
            }
        }
        return answer;
    }

    /** Model calls made so far. */
    public long batches() {
        return batches.get();
    }

    /** Rows sent to the model so far; divided by {@link #batches()}, the mean batch size. */
    public long rows() {
        return rowsSent.get();
    }

    /** Delayed flushes scheduled so far. */
    long delayedFlushes() {
        return delayedFlushes.get();
    }

    /** Schedules the delayed flush. Called under the lock. */
    private void flushAfter(long delayNanos) {
        flushScheduled = true;
        delayedFlushes.incrementAndGet();
        threads.schedule(this::flush, delayNanos, TimeUnit.NANOSECONDS);
    }

    /**
     * Sends the pending batch if its first request has waited {@code maxDelayMillis}; if it is
     * younger (a batch begun after the one this flush was scheduled for), waits until it is due.
     */
    private void flush() {
        synchronized (lock) {
            flushScheduled = false;
            if (closed || pending.isEmpty()) {
                return;
            }
            long due = pending.get(0).arrivedNanos() + maxDelayNanos - nanoTime.getAsLong();
            if (due <= 0) {
                send();
            } else {
                flushAfter(due);
            }
        }
    }

    /** Removes the pending requests that need no answer any more. Called under the lock. */
    private void dropDone() {
        if (pending.removeIf(r -> r.answer().isDone())) {
            pendingRows = 0;
            for (Request<Q, A> r : pending) {
                pendingRows += r.rows();
            }
        }
    }

    /** Hands the pending batch to a model thread. Called under the lock. */
    private void send() {
        List<Request<Q, A>> batch = pending;
        pending = new ArrayList<>();
        pendingRows = 0;
        threads.execute(() -> run(batch));
    }

    private void run(List<Request<Q, A>> batch) {
        List<Request<Q, A>> live = new ArrayList<>(batch.size());
        List<Q> requests = new ArrayList<>(batch.size());
        int rows = 0;
        for (Request<Q, A> r : batch) {
            if (!r.answer().isDone()) {
                live.add(r);
                requests.add(r.request());
                rows += r.rows();
            }
        }
        if (live.isEmpty()) {
            return;
        }
        batches.incrementAndGet();
        rowsSent.addAndGet(rows);
        try {
            List<A> answers = model.call(requests);
            if (answers.size() != live.size()) {
                throw new IllegalStateException(answers.size() + " answers for " + live.size() + " requests");
            }
            for (int i = 0; i < live.size(); i++) {
                live.get(i).answer().complete(answers.get(i));
            }
        } catch (Throwable t) {
            for (Request<Q, A> r : live) {
                r.answer().completeExceptionally(t);
            }
        }
    }

    /**
     * Fails the requests not yet sent, lets the model calls in flight finish (waiting up to
     * {@code waitMillis}) and stops the threads.
     *
     * @return whether no model call is still running, i.e. the model may be closed now
     */
    public boolean close(long waitMillis) throws InterruptedException {
        synchronized (lock) {
            if (!closed) {
                closed = true;
                for (Request<Q, A> r : pending) {
                    r.answer().completeExceptionally(new CancellationException("the model batcher closed"));
                }
                pending = new ArrayList<>();
                threads.shutdown();
            }
        }
        return threads.awaitTermination(waitMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        close(Long.MAX_VALUE);
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
