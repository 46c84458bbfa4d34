package io.recstream.functions;

import org.apache.flink.api.common.operators.ProcessingTimeService.ProcessingTimeCallback;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;

/**
 * An operator that holds what it takes in for a bounded time and sends it on in one go: when
 * {@link #pendingItems()} reaches {@code maxItems}, {@code maxDelayMs} after the first pending
 * element, before every checkpoint barrier and at the end of input. Nothing is pending at a
 * barrier, so such an operator keeps no state.
 */
abstract class FlushingOperator<IN, OUT> extends AbstractStreamOperator<OUT>
        implements OneInputStreamOperator<IN, OUT>, BoundedOneInput, ProcessingTimeCallback {
    private static final long serialVersionUID = 1L;

    private final int maxItems;
    private final long maxDelayMs;
    private transient boolean flushScheduled;

    FlushingOperator(int maxItems, long maxDelayMs) {
        if (maxItems < 1 || maxDelayMs < 0) {
            throw new IllegalArgumentException("maxItems must be >= 1 and maxDelayMs >= 0: " + maxItems + ", " + maxDelayMs);
        }
        this.maxItems = maxItems;
        this.maxDelayMs = maxDelayMs;
    }

    /** How many items are pending now. */
    abstract int pendingItems();

    /** Sends everything pending on and forgets it. */
    abstract void flush();

    /** To be called after an element was taken in: flushes when full, else makes sure a flush is due. */
    final void taken() {
        if (pendingItems() >= maxItems) {
            flush();
        } else if (!flushScheduled) {
            flushScheduled = true;
            long now = getProcessingTimeService().getCurrentProcessingTime();
            getProcessingTimeService().registerTimer(now + maxDelayMs, this);
        }
    }

    @Override
    public final void onProcessingTime(long time) {
        flushScheduled = false;
        flush();
    }

    @Override
    public final void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        super.prepareSnapshotPreBarrier(checkpointId);
        flush();
    }

    @Override
    public final void endInput() {
        flush();
    }
}
