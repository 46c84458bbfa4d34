package io.recstream.functions;

import io.recstream.learn.LearningConfig;
import io.recstream.model.ItemFactor;
import io.recstream.model.ItemModel;
import io.recstream.model.ItemNeighbours;
import io.recstream.model.ItemUpdate;

import com.carrotsearch.hppc.LongLongHashMap;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by item: the authoritative item model. Adds every {@link ItemUpdate} (a user-learner
 * subtask's steps of one item, summed over a few milliseconds by {@link ItemUpdateAccumulator}) in
 * arrival order and publishes the item to {@code item-factors}, from where every user-learner
 * replica takes it.
 *
 * <p>Publishing every update would send a record per item touched through Kafka (~30 items per
 * event: co-occurring items and sampled negatives), so with a positive {@code publishIntervalMs} an item is
 * published at most once per interval: a processing-time timer aligned to the interval grid
 * (Flink keeps one timer per key and timestamp, so repeated registrations collapse) emits its
 * latest state, unless that version was published already. Each subtask remembers on the heap
 * the earliest publishing timer it registered per item until it fires, and registers a timer only
 * when none as early is pending: a registration is a lookup in the backend's timer queue (on
 * RocksDB a serialized key and a sorted-set search), while an item gets an update every few
 * milliseconds. A pending earlier timer publishes the update too (it publishes the item as it is
 * then), so an item whose updates alternate between the two intervals below registers a timer
 * once per short interval, not once per update. The memory is only a hint (not checkpointed):
 * after a restore the first update registers again, and Flink collapses a timer it already holds.
 *
 * <p>Two intervals: an item whose neighbours or popularity changed is published after the short
 * one, because that decides which items other users are offered; an item whose only change is a
 * factor step from a sampled negative waits for the long one. Negatives are drawn uniformly, so
 * they touch random items (3 per event) and were three quarters of what the loop carried when all 10 stepped their items, while
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
 *
 * <p>Expiry, in event time: an item that no update touched (an interaction or a co-occurrence; a
 * sampled negative does not count, or uniform sampling would keep every item alive) for
 * {@code stateTtlMs} is dropped from state and published as a tombstone, which removes it from
 * every replica and lets Kafka compaction drop it. Event time, because the model is learnt in
 * event time: a replay of years of log in minutes must expire what a live run would have. Each
 * item has one pending event-time timer, recorded in {@link ItemFactor#expiryTimer}: an update
 * costs no timer registration unless none is pending, and a timer that finds the item touched
 * since moves itself to the new deadline. Timers are checkpointed, so a restored job goes on
 * expiring. The end of input (a drained stop) fires every timer with the final watermark; that
 * is not time passing, so those timers only clear {@code expiryTimer}, and the item's next
 * update sets a new one.
 */
public class ItemLearner extends KeyedProcessFunction<Long, ItemUpdate, ItemFactor> {
    private static final long serialVersionUID = 1L;

    private static final long[] NO_NEIGHBOURS = new long[0];
    private static final float[] NO_WEIGHTS = new float[0];

    private final LearningConfig config;
    private final long publishIntervalMs;
    private final long factorPublishIntervalMs;
    private final long stateTtlMs;

    /** The item's vector, bias, popularity, version and expiry, without neighbours; lives until the item expires. */
    private transient ValueState<ItemFactor> items;
    /** The item's neighbours (none yet: null). */
    private transient ValueState<ItemNeighbours> neighbours;
    /** The version of the item last published (none yet: null). */
    private transient ValueState<Long> publishedVersions;
    private transient ItemModel model;
    /** Item id to the earliest publishing timer this subtask registered for it and has not seen fire. */
    private transient LongLongHashMap publishTimers;
    private transient Counter updates;
    private transient Counter published;
    private transient Counter expired;
    private transient Counter updatesAfterExpiry;

    /**
     * @param publishIntervalMs items with new neighbours or popularity are published at most once
     *     per interval (0: after every update)
     * @param factorPublishIntervalMs items changed only by factor steps, at most once per interval
     *     (never shorter than {@code publishIntervalMs})
     * @param stateTtlMs an item untouched for this long in event time expires (0: never)
     */
    public ItemLearner(LearningConfig config, long publishIntervalMs, long factorPublishIntervalMs, long stateTtlMs) {
        this.config = config;
        this.publishIntervalMs = publishIntervalMs;
        this.factorPublishIntervalMs = Math.max(publishIntervalMs, factorPublishIntervalMs);
        this.stateTtlMs = stateTtlMs;
    }

    @Override
    public void open(OpenContext openContext) {
        items = getRuntimeContext().getState(new ValueStateDescriptor<>("item-factor", ItemFactor.class));
        neighbours = getRuntimeContext().getState(new ValueStateDescriptor<>("item-neighbours", ItemNeighbours.Serializer.INSTANCE));
        publishedVersions = getRuntimeContext().getState(new ValueStateDescriptor<>("published-version", Long.class));
        model = new ItemModel(config);
        publishTimers = new LongLongHashMap();
        MetricGroup metrics = getRuntimeContext().getMetricGroup().addGroup("recstream");
        updates = metrics.counter("item-updates");
        published = metrics.counter("item-factors-published");
        expired = metrics.counter("items-expired");
        updatesAfterExpiry = metrics.counter("item-updates-after-expiry");
    }

    @Override
    public void processElement(ItemUpdate update, Context ctx, Collector<ItemFactor> out) throws Exception {
        ItemFactor item = items.value();
        if (item == null) {
            if (update.isFactorOnly()) {
                // A negative sampled from a replica that had not yet had the tombstone: recreating
                // the item from it would bring back what just expired.
                updatesAfterExpiry.inc();
                return;
            }
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
        if (stateTtlMs > 0 && item.expiryTimer == 0) {
            item.expiryTimer = Math.max(item.touchedTs, update.ts) + stateTtlMs;
            ctx.timerService().registerEventTimeTimer(item.expiryTimer);
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
            long timer = (now / interval + 1) * interval;
            int slot = publishTimers.indexOf(update.item);
            if (!publishTimers.indexExists(slot)) {
                publishTimers.indexInsert(slot, update.item, timer);
                ctx.timerService().registerProcessingTimeTimer(timer);
            } else if (publishTimers.indexGet(slot) > timer) {
                publishTimers.indexReplace(slot, timer);
                ctx.timerService().registerProcessingTimeTimer(timer);
            }
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ItemFactor> out) throws Exception {
        if (ctx.timeDomain() == TimeDomain.EVENT_TIME) {
            expireIfUntouched(timestamp, ctx, out);
            return;
        }
        long key = ctx.getCurrentKey();
        if (publishTimers.get(key) == timestamp) {
            publishTimers.remove(key);
        }
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

    private void expireIfUntouched(long timestamp, OnTimerContext ctx, Collector<ItemFactor> out) throws Exception {
        ItemFactor item = items.value();
        if (item == null) {
            return;
        }
        long deadline = item.touchedTs + stateTtlMs;
        if (stateTtlMs <= 0 || ctx.timerService().currentWatermark() == Long.MAX_VALUE) {
            item.expiryTimer = 0; // expiry turned off since, or the end of input: not time passing
        } else if (deadline > timestamp) {
            item.expiryTimer = deadline;
            ctx.timerService().registerEventTimeTimer(deadline);
        } else {
            items.clear();
            neighbours.clear();
            publishedVersions.clear();
            expired.inc();
            if (item.item != null) { // one without a name was never published
                out.collect(ItemFactor.tombstone(item.id, item.item));
            }
            return;
        }
        items.update(item);
    }

    /**
     * Sends a copy: {@code item} is changed after this (its neighbours detached; on the heap
     * backend it is the state object, which the next update changes in place), and with object
     * reuse the chained sink gets the record itself. One copy per publication, as Flink made
     * between the two without object reuse.
     */
    private void publish(ItemFactor item, Collector<ItemFactor> out) {
        published.inc();
        out.collect(item.copy());
    }
}
