package io.recstream.functions;

import io.recstream.learn.LearningConfig;
import io.recstream.model.ItemFactor;
import io.recstream.model.ItemModel;
import io.recstream.model.ItemNeighbours;
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
 *
 * <p>The item's state is split by what changes it: {@code item-factor} holds the vector, bias,
 * popularity and version (every update), {@code item-neighbours} the co-occurrence list (only
 * updates that carry co-occurring items). A factor step, most of the updates, so reads and writes
 * a few hundred bytes instead of up to 100 neighbours; the neighbours are read to publish.
 */
public class ItemLearner extends KeyedProcessFunction<Long, ItemUpdate, ItemFactor> {
    private static final long serialVersionUID = 1L;

    private static final long[] NO_NEIGHBOURS = new long[0];
    private static final float[] NO_WEIGHTS = new float[0];

    private final LearningConfig config;
    private final long publishIntervalMs;
    private final long factorPublishIntervalMs;

    /** The item's vector, bias, popularity and version, without neighbours; lives as long as the item is known. */
    private transient ValueState<ItemFactor> items;
    /** The item's neighbours (none yet: null). */
    private transient ValueState<ItemNeighbours> neighbours;
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
        neighbours = getRuntimeContext().getState(new ValueStateDescriptor<>("item-neighbours", ItemNeighbours.Serializer.INSTANCE));
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
        boolean cooccurrence = update.coItems.length > 0;
        if (cooccurrence) {
            attachNeighbours(item);
        }
        model.apply(item, update);
        if (cooccurrence) {
            neighbours.update(new ItemNeighbours(item.neighbours, item.neighbourWeights));
        }
        updates.inc();
        if (item.item != null && publishIntervalMs <= 0) {
            if (!cooccurrence) {
                attachNeighbours(item);
            }
            publish(item, out);
        }
        detachNeighbours(item);
        items.update(item);
        if (item.item != null && publishIntervalMs > 0) {
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
            attachNeighbours(item);
            publish(item, out);
            detachNeighbours(item);
            publishedVersions.update(item.version);
        }
    }

    private void attachNeighbours(ItemFactor item) throws Exception {
        ItemNeighbours held = neighbours.value();
        if (held != null) {
            item.neighbours = held.ids;
            item.neighbourWeights = held.weights;
        }
    }

    /** The {@code item-factor} state holds no neighbours: they are in {@code item-neighbours}. */
    private static void detachNeighbours(ItemFactor item) {
        item.neighbours = NO_NEIGHBOURS;
        item.neighbourWeights = NO_WEIGHTS;
    }

    private void publish(ItemFactor item, Collector<ItemFactor> out) {
        published.inc();
        out.collect(item);
    }
}
