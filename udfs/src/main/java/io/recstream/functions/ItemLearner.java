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
 * <p>Publishing every update would send ~30 records per event through Kafka (one per
 * co-occurring item and sampled negative), so with a positive {@code publishIntervalMs} an item is
 * published at most once per interval: a processing-time timer aligned to the interval grid
 * (Flink keeps one timer per key and timestamp, so repeated registrations collapse) emits its
 * latest state, unless that version was published already.
 *
 * <p>Two intervals: an item whose neighbours or popularity changed is published after the short
 * one, because that decides which items other users are offered; an item whose only change is a
 * factor step from a sampled negative waits for the long one. Negatives are drawn uniformly, so
 * they touch ~10 random items per event and were three quarters of what the loop carried, while
 * their freshness hardly matters (see docs/QUALITY.md).
 *
 * <p>Keyed by the item's numeric id. An item is published once it has a name (its first
 * interaction brings it, see {@link ItemUpdate#name}): lists show names, and the topic is keyed
 * by them.
 */
public class ItemLearner extends KeyedProcessFunction<Long, ItemUpdate, ItemFactor> {
    private static final long serialVersionUID = 1L;

    private final LearningConfig config;
    private final long publishIntervalMs;
    private final long factorPublishIntervalMs;

    /** The item's vector, bias, popularity and neighbours; lives as long as the item is known. */
    private transient ValueState<ItemFactor> items;
    /** The version of the item last published (none yet: null). */
    private transient ValueState<Long> publishedVersions;
    private transient ItemModel model;
    private transient Counter updates;
    private transient Counter published;

    /**
     * @param publishIntervalMs items with new neighbours or popularity are published at most once
     *     per interval (0: after every update)
     * @param factorPublishIntervalMs items changed only by factor steps, at most once per interval
     *     (never shorter than {@code publishIntervalMs})
     */
    public ItemLearner(LearningConfig config, long publishIntervalMs, long factorPublishIntervalMs) {
        this.config = config;
        this.publishIntervalMs = publishIntervalMs;
        this.factorPublishIntervalMs = Math.max(publishIntervalMs, factorPublishIntervalMs);
    }

    @Override
    public void open(OpenContext openContext) {
        items = getRuntimeContext().getState(new ValueStateDescriptor<>("item-factor", ItemFactor.class));
        publishedVersions = getRuntimeContext().getState(new ValueStateDescriptor<>("published-version", Long.class));
        model = new ItemModel(config);
        updates = getRuntimeContext().getMetricGroup().addGroup("recstream").counter("item-updates");
        published = getRuntimeContext().getMetricGroup().addGroup("recstream").counter("item-factors-published");
    }

    @Override
    public void processElement(ItemUpdate update, Context ctx, Collector<ItemFactor> out) throws Exception {
        ItemFactor item = items.value();
        if (item == null) {
            item = model.create(update.item, update.name);
        }
        model.apply(item, update);
        items.update(item);
        updates.inc();
        if (item.item == null) {
            return;
        }
        if (publishIntervalMs <= 0) {
            publish(item, out);
        } else {
            long interval = update.isFactorOnly() ? factorPublishIntervalMs : publishIntervalMs;
            long now = ctx.timerService().currentProcessingTime();
            ctx.timerService().registerProcessingTimeTimer((now / interval + 1) * interval);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ItemFactor> out) throws Exception {
        ItemFactor item = items.value();
        Long lastPublished = publishedVersions.value();
        if (item != null && item.item != null && (lastPublished == null || item.version > lastPublished)) {
            publish(item, out);
            publishedVersions.update(item.version);
        }
    }

    private void publish(ItemFactor item, Collector<ItemFactor> out) {
        published.inc();
        out.collect(item);
    }
}
