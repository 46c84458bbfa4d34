package io.recstream.functions;

import io.recstream.learn.LearningConfig;
import io.recstream.model.ItemUpdate;
import io.recstream.model.ItemUpdateSums;

import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Sums a user-learner subtask's item updates per item for a few milliseconds, so the item-learner
 * gets one record, and does one state read and write, per item and flush instead of one per
 * learning step (~24 per interaction: the item, 3 sampled negatives, up to 20 co-occurring items).
 * Chained to the user-learner, so what it takes in crosses no network.
 *
 * <p>The sender's replica applied every step at once, so the sum only delays the owner (and
 * through it the other subtasks' replicas) by at most {@code maxDelayMs}; {@link ItemUpdateSums}
 * says how steps add up. It copies what it takes in and keeps no reference to it, so the sender
 * may reuse its update objects.
 *
 * <p>Pending updates are sent when {@code maxItems} items are pending, {@code maxDelayMs} after
 * the first of them, before every checkpoint barrier (a checkpoint holds the replica with its own
 * updates applied, so the updates must be ahead of the barrier too, not lost in this operator),
 * before every watermark (so the owner's event-time expiry never overtakes an update it has not
 * had) and at the end of input. So this operator keeps no state. Items go out in the order they
 * first came in.
 */
public final class ItemUpdateAccumulator extends FlushingOperator<ItemUpdate, ItemUpdate> {
    private static final long serialVersionUID = 1L;

    private final LearningConfig config;
    private transient ItemUpdateSums pending;
    /** Reused for every record sent: the outputs take the value and the time, not the holder. */
    private transient StreamRecord<ItemUpdate> out;
    private transient Counter steps;
    private transient Counter sent;

    public ItemUpdateAccumulator(LearningConfig config, int maxItems, long maxDelayMs) {
        super(maxItems, maxDelayMs);
        this.config = config;
    }

    @Override
    public void open() throws Exception {
        super.open();
        pending = new ItemUpdateSums(config);
        out = new StreamRecord<>(null);
        steps = getMetricGroup().addGroup("recstream").counter("item-update-steps");
        sent = getMetricGroup().addGroup("recstream").counter("item-updates-sent");
    }

    @Override
    public void processElement(StreamRecord<ItemUpdate> element) {
        ItemUpdate update = element.getValue();
        steps.inc(update.steps);
        if (pending.add(update)) {
            taken();
        }
    }

    @Override
    int pendingItems() {
        return pending.size();
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        flush();
        super.processWatermark(mark);
    }

    @Override
    void flush() {
        sent.inc(pending.size());
        pending.drain(update -> output.collect(out.replace(update, update.ts)));
    }
}
