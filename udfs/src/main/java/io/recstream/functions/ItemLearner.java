package io.recstream.functions;

import io.recstream.learn.LearningConfig;
import io.recstream.model.ItemFactor;
import io.recstream.model.ItemModel;
import io.recstream.model.ItemUpdate;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by item: the authoritative item model. Applies every {@link ItemUpdate} in arrival order
 * and publishes the item to {@code item-factors}, from where every user-learner replica takes it.
 *
 * <p>Publishing every update would send ~20 records per event through Kafka (one per
 * co-occurring item), so with a positive {@code publishIntervalMs} an item is published at most
 * once per interval: a processing-time timer aligned to the interval grid (Flink keeps one timer
 * per key and timestamp, so repeated registrations collapse) emits its latest state.
 */
public class ItemLearner extends KeyedProcessFunction<String, ItemUpdate, ItemFactor> {
    private static final long serialVersionUID = 1L;

    private final LearningConfig config;
    private final long publishIntervalMs;

    /** The item's vector, bias, popularity and neighbours; lives as long as the item is known. */
    private transient ValueState<ItemFactor> items;
    private transient ItemModel model;
    private transient Counter updates;
    private transient Counter published;

    public ItemLearner(LearningConfig config, long publishIntervalMs) {
        this.config = config;
        this.publishIntervalMs = publishIntervalMs;
    }

    @Override
    public void open(OpenContext openContext) {
        items = getRuntimeContext().getState(new ValueStateDescriptor<>("item-factor", ItemFactor.class));
        model = new ItemModel(config);
        updates = getRuntimeContext().getMetricGroup().addGroup("recstream").counter("item-updates");
        published = getRuntimeContext().getMetricGroup().addGroup("recstream").counter("item-factors-published");
    }

    @Override
    public void processElement(ItemUpdate update, Context ctx, Collector<ItemFactor> out) throws Exception {
        ItemFactor item = items.value();
        if (item == null) {
            item = model.create(update.item);
        }
        model.apply(item, update);
        items.update(item);
        updates.inc();
        if (publishIntervalMs <= 0) {
            publish(item, out);
        } else {
            long now = ctx.timerService().currentProcessingTime();
            ctx.timerService().registerProcessingTimeTimer((now / publishIntervalMs + 1) * publishIntervalMs);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ItemFactor> out) throws Exception {
        ItemFactor item = items.value();
        if (item != null) {
            publish(item, out);
        }
    }

    private void publish(ItemFactor item, Collector<ItemFactor> out) {
        published.inc();
        out.collect(item);
    }
}
