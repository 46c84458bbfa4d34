package io.recstream.functions;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thread on which the async model operators of a task manager look for elements whose answer
 * is overdue ({@link BatchedModelFunction}): a sweep each, every so often, instead of a Flink
 * timer per element, which cost the task thread a timer registered and cancelled per element. A
 * thread of its own, not a model thread: a model call that hangs holds those. It runs while a
 * sweep is registered and stops with the last one, so that a cancelled job leaves no thread (and
 * no class loader held by it) behind.
 */
final class ModelTimeouts {
    private static final Logger LOG = LoggerFactory.getLogger(ModelTimeouts.class);

    /** The task manager's: every model operator's sweep runs on its thread. */
    static final ModelTimeouts SHARED = new ModelTimeouts();

    /** The thread while sweeps are registered, else null. */
    private ScheduledThreadPoolExecutor thread; // guarded by this
    private int sweeps; // guarded by this

    /** Its own thread, for tests; the operators use {@link #SHARED}. */
    ModelTimeouts() {}

    /** A registered sweep; {@link #close} stops it (once), and the thread with the last one. */
    interface Sweep extends AutoCloseable {
        @Override
        void close();
    }

    /** Runs {@code sweep} every {@code periodNanos} until closed. A sweep that throws is logged, and the next one still runs. */
    synchronized Sweep every(long periodNanos, Runnable sweep) {
        if (thread == null) {
            thread = new ScheduledThreadPoolExecutor(1, task -> {
                Thread t = new Thread(task, "recstream-model-timeouts");
                t.setDaemon(true);
                return t;
            });
            thread.setRemoveOnCancelPolicy(true);
        }
        sweeps++;
        ScheduledFuture<?> runs = thread.scheduleWithFixedDelay(() -> {
            try {
                sweep.run();
            } catch (RuntimeException e) {
                LOG.warn("A sweep for overdue model answers failed", e);
            }
        }, periodNanos, periodNanos, TimeUnit.NANOSECONDS);
        return new Sweep() {
            private boolean closed; // guarded by ModelTimeouts.this

            @Override
            public void close() {
                synchronized (ModelTimeouts.this) {
                    if (!closed) {
                        closed = true;
                        runs.cancel(false);
                        stopIfLast();
                    }
                }
            }
        };
    }

    /** Whether the thread is running (a sweep is registered). */
    synchronized boolean running() {
        return thread != null;
    }

    private void stopIfLast() {
        if (--sweeps == 0) {
            thread.shutdown();
            thread = null;
        }
    }
}
