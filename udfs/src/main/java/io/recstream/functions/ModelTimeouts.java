package io.recstream.functions;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread of this JVM on which the async model operators look for elements whose answer
 * is overdue ({@link BatchedModelFunction}): a sweep each, every so often, instead of a Flink
 * timer per element, which cost the task thread a timer registered and cancelled per element. A
 * thread of its own, not a model thread: a model call that hangs holds those.
 */
final class ModelTimeouts {
    private static final Logger LOG = LoggerFactory.getLogger(ModelTimeouts.class);

    private static final ScheduledThreadPoolExecutor THREAD = thread();

    private ModelTimeouts() {}

    private static ScheduledThreadPoolExecutor thread() {
        ScheduledThreadPoolExecutor thread = new ScheduledThreadPoolExecutor(1, task -> {
            Thread t = new Thread(task, "recstream-model-timeouts");
            t.setDaemon(true);
            return t;
        });
        thread.setRemoveOnCancelPolicy(true); // a closed operator's sweep leaves the queue at once
        return thread;
    }

    /**
     * Runs {@code sweep} every {@code periodNanos} until the returned future is cancelled. A sweep
     * that throws is logged, and the next one still runs.
     */
    static ScheduledFuture<?> every(long periodNanos, Runnable sweep) {
        return THREAD.scheduleWithFixedDelay(() -> {
            try {
                sweep.run();
            } catch (RuntimeException e) {
                LOG.warn("A sweep for overdue model answers failed", e);
            }
        }, periodNanos, periodNanos, TimeUnit.NANOSECONDS);
    }
}
