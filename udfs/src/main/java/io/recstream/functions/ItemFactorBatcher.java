package io.recstream.functions;

import io.recstream.model.ItemFactor;
import io.recstream.model.ItemFactorBatch;

import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.api.common.operators.ProcessingTimeService.ProcessingTimeCallback;

import java.util.ArrayList;
import java.util.List;

/**
 * Gathers the item-factors feed into batches before it is broadcast to the user-learners.
 *
 * <p>Why: a two-input Flink task takes one record from each input in turn while both have data.
 * The feed brings every subtask's learning, ~10 items per event, so with one item per record the
 * replicas fall ever further behind the events (ml-latest-small at parallelism 4 with a single
 * fast events partition: 47 s behind on average). One batch per few milliseconds keeps up.
 *
 * <p>A batch is sent when it holds {@code maxItems} items, {@code maxDelayMs} after its first
 * item, before every checkpoint barrier and at the end of input, so this operator keeps no state.
 * Items keep their arrival order.
 */
public final class ItemFactorBatcher extends AbstractStreamOperator<ItemFactorBatch>
        implements OneInputStreamOperator<ItemFactor, ItemFactorBatch>, BoundedOneInput, ProcessingTimeCallback {
    private static final long serialVersionUID = 1L;

    private final int maxItems;
    private final long maxDelayMs;
    private transient List<ItemFactor> pending;
    private transient long oldestPublishedAt;
    private transient boolean flushScheduled;

    public ItemFactorBatcher(int maxItems, long maxDelayMs) {
        if (maxItems < 1 || maxDelayMs < 0) {
            throw new IllegalArgumentException("maxItems must be >= 1 and maxDelayMs >= 0: " + maxItems + ", " + maxDelayMs);
        }
        this.maxItems = maxItems;
        this.maxDelayMs = maxDelayMs;
    }

    @Override
    public void open() throws Exception {
        super.open();
        pending = new ArrayList<>();
    }

    @Override
    public void processElement(StreamRecord<ItemFactor> element) {
        if (pending.isEmpty()) {
            // the source gives each item its Kafka record timestamp: when it was published
            oldestPublishedAt = element.hasTimestamp() ? element.getTimestamp() : 0L;
        }
        pending.add(element.getValue());
        if (pending.size() >= maxItems) {
            flush();
        } else if (!flushScheduled) {
            flushScheduled = true;
            long now = getProcessingTimeService().getCurrentProcessingTime();
            getProcessingTimeService().registerTimer(now + maxDelayMs, this);
        }
    }

    @Override
    public void onProcessingTime(long time) {
        flushScheduled = false;
        flush();
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        super.prepareSnapshotPreBarrier(checkpointId);
        flush();
    }

    @Override
    public void endInput() {
        flush();
    }

    private void flush() {
        if (!pending.isEmpty()) {
            output.collect(new StreamRecord<>(new ItemFactorBatch(pending.toArray(new ItemFactor[0]), oldestPublishedAt)));
            pending.clear();
        }
    }
}
