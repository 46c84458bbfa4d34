package io.recstream.functions;

import io.recstream.model.ItemFactor;
import io.recstream.model.ItemFactorBatch;

import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

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
 *
 * <p>It holds a copy of each item, not the record it was handed: with object reuse (on in the
 * job) the source's records reach it uncopied, and a source may reuse the object of a record it
 * has sent. The copies are one per published item, not per event, and replace the copy Flink
 * made between the two operators without object reuse.
 */
public final class ItemFactorBatcher extends FlushingOperator<ItemFactor, ItemFactorBatch> {
    private static final long serialVersionUID = 1L;

    private transient List<ItemFactor> pending;
    private transient long oldestPublishedAt;

    public ItemFactorBatcher(int maxItems, long maxDelayMs) {
        super(maxItems, maxDelayMs);
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
        pending.add(element.getValue().copy());
        taken();
    }

    @Override
    int pendingItems() {
        return pending.size();
    }

    @Override
    void flush() {
        if (!pending.isEmpty()) {
            output.collect(new StreamRecord<>(new ItemFactorBatch(pending.toArray(new ItemFactor[0]), oldestPublishedAt)));
            pending.clear();
        }
    }
}
