package io.recstream.functions;

import io.recstream.learn.LearningConfig;
import io.recstream.model.ItemFactor;
import io.recstream.model.ItemModel;
import io.recstream.model.ItemNeighbours;
import io.recstream.model.ItemUpdate;

import org.apache.flink.api.common.operators.ProcessingTimeService.ProcessingTimeCallback;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.InternalTimer;
import org.apache.flink.streaming.api.operators.InternalTimerService;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.operators.TimestampedCollector;
import org.apache.flink.streaming.api.operators.Triggerable;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Keyed by item: the authoritative item model. Adds every {@link ItemUpdate} (a user-learner
 * subtask's steps of one item, summed over a few milliseconds by {@link ItemUpdateAccumulator}) in
 * arrival order and publishes the item to {@code item-factors}, from where every user-learner
 * replica takes it.
 *
 * <p>Publishing every update would send a record per item touched through Kafka (~30 items per
 * event: co-occurring items and sampled negatives), so with a positive {@code publishIntervalMs} an
 * item is published at most once per interval, at the next point of the interval's grid, in its
 * latest state. Which items wait is kept on the heap ({@link PendingPublications}), with one
 * operator timer per interval for all of them: a keyed timer per item and interval, as this
 * operator had before, was a sorted-set insert and a delete in RocksDB's timer queue for about
 * every eighth update, a fifth of the operator's time (docs/BENCHMARKS.md, "The item state's reads
 * and writes"). So that nothing waiting is lost with the heap, every waiting item is published
 * before each checkpoint barrier (a checkpoint then holds no pending publication, as the
 * accumulator holds no pending sum) and at the end of input. An item waits only after an update,
 * so a published item always has a new version.
 *
 * <p>Two intervals: an item whose neighbours or popularity changed is published after the short
 * one, because that decides which items other users are offered; an item whose only change is a
 * factor step from a sampled negative waits for the long one. Negatives are drawn uniformly, so
 * they touch random items and were three quarters of what the loop carried, while their freshness
 * hardly matters (see docs/QUALITY.md).
 *
 * <p>Keyed by the item's numeric id. An item is published once it has a name (its first
 * interaction brings it, see {@link ItemUpdate#name}): lists show names, and the topic is keyed
 * by them.
 *
 * <p>The item's state is split by what changes it: {@code item-factor} holds the vector, bias,
 * popularity and version (every update), {@code item-neighbours} the co-occurrence list (only
 * updates that carry co-occurring items). A factor step, most of the updates, so reads and writes
 * a few hundred bytes instead of up to 100 neighbours; the neighbours are read to publish. On
 * RocksDB the latest states of recently updated items are kept on the heap ({@link ItemStateCache})
 * and written back when the cache is full and before every checkpoint barrier, so a hot item's
 * update or publication neither reads nor writes the backend.
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
 *
 * <p>The timers are those of a {@code KeyedProcessFunction}, which this operator was until
 * savepoint format v3: the same timer service ({@code user-timers}), so the savepoints of earlier
 * builds restore their expiry timers, and their keyed publishing timers, when they fire, publish
 * their item.
 */
public class ItemLearner extends AbstractStreamOperator<ItemFactor>
        implements OneInputStreamOperator<ItemUpdate, ItemFactor>, Triggerable<Long, VoidNamespace>, BoundedOneInput {
    private static final long serialVersionUID = 1L;

    /**
     * Items the {@link ItemStateCache} holds: about 16 MB with 100 neighbours per item. The
     * synthetic shop's 1,300 items fit in it many times over; a larger catalogue writes everything
     * back and starts again whenever a new item finds it full.
     */
    private static final int CACHED_ITEMS = 8192;
    private static final long[] NO_NEIGHBOURS = new long[0];
    private static final float[] NO_WEIGHTS = new float[0];

    private final LearningConfig config;
    private final long publishIntervalMs;
    private final long factorPublishIntervalMs;
    private final long stateTtlMs;
    private final int cachedItems;

    /** The item's vector, bias, popularity, version and expiry, without neighbours; lives until the item expires. */
    private transient ValueState<ItemFactor> items;
    /** The item's neighbours (none yet: null). */
    private transient ValueState<ItemNeighbours> neighbours;
    /**
     * The version last published by the builds that kept it (none: null). Only their savepoints
     * hold it; cleared with the item's other states when it expires.
     */
    private transient ValueState<Long> publishedVersions;
    /** Null when the backend's objects are not this operator's own (the heap backend). */
    private transient ItemStateCache cache;
    private transient InternalTimerService<VoidNamespace> timers;
    private transient TimestampedCollector<ItemFactor> out;
    private transient ItemModel model;
    /** Items waiting to be published (null: every update is published at once). */
    private transient PendingPublications pending;
    /** The timers of the two tiers of {@link #pending}. */
    private transient ProcessingTimeCallback publishSoon;
    private transient ProcessingTimeCallback publishLater;
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
        this(config, publishIntervalMs, factorPublishIntervalMs, stateTtlMs, CACHED_ITEMS);
    }

    /** @param cachedItems items the {@link ItemStateCache} holds */
    ItemLearner(LearningConfig config, long publishIntervalMs, long factorPublishIntervalMs, long stateTtlMs, int cachedItems) {
        this.cachedItems = cachedItems;
        this.config = config;
        this.publishIntervalMs = publishIntervalMs;
        this.factorPublishIntervalMs = Math.max(publishIntervalMs, factorPublishIntervalMs);
        this.stateTtlMs = stateTtlMs;
    }

    @Override
    public void open() throws Exception {
        super.open();
        items = getPartitionedState(new ValueStateDescriptor<>("item-factor", ItemFactor.class));
        neighbours = getPartitionedState(new ValueStateDescriptor<>("item-neighbours", ItemNeighbours.Serializer.INSTANCE));
        publishedVersions = getPartitionedState(new ValueStateDescriptor<>("published-version", Long.class));
        cache = getKeyedStateBackend().isSafeToReuseKVState() ? new ItemStateCache(cachedItems, this::writeBack) : null;
        timers = getInternalTimerService("user-timers", VoidNamespaceSerializer.INSTANCE, this);
        out = new TimestampedCollector<>(output);
        model = new ItemModel(config);
        pending = publishIntervalMs > 0 ? new PendingPublications(publishIntervalMs, factorPublishIntervalMs) : null;
        publishSoon = time -> publishWaiting(pending.drainSoon());
        publishLater = time -> publishWaiting(pending.drainLater());
        MetricGroup metrics = getMetricGroup().addGroup("recstream");
        updates = metrics.counter("item-updates");
        published = metrics.counter("item-factors-published");
        expired = metrics.counter("items-expired");
        updatesAfterExpiry = metrics.counter("item-updates-after-expiry");
    }

    @Override
    public void processElement(StreamRecord<ItemUpdate> element) throws Exception {
        ItemUpdate update = element.getValue();
        ItemFactor item = factorOf(update.item);
        if (item == null) {
            if (update.isFactorOnly()) {
                // A negative sampled from a replica that had not yet had the tombstone: recreating
                // the item from it would bring back what just expired.
                updatesAfterExpiry.inc();
                return;
            }
            item = model.create(update.item, update.name);
            if (cache != null) {
                cache.putFactor(item, true); // before its neighbours, which the cache keeps beside it
            }
        }
        boolean cooccurrence = update.coItems.length > 0;
        if (cooccurrence) {
            attachNeighbours(item);
        }
        model.apply(item, update);
        if (cooccurrence) {
            ItemNeighbours changed = new ItemNeighbours(item.neighbours, item.neighbourWeights);
            if (cache == null) {
                neighbours.update(changed);
            } else {
                cache.putNeighbours(item.id, changed, true);
            }
        }
        if (stateTtlMs > 0 && item.expiryTimer == 0) {
            item.expiryTimer = Math.max(item.touchedTs, update.ts) + stateTtlMs;
            timers.registerEventTimeTimer(VoidNamespace.INSTANCE, item.expiryTimer);
        }
        updates.inc();
        if (item.item != null && pending == null) {
            if (!cooccurrence) {
                attachNeighbours(item);
            }
            out.setTimestamp(element);
            publish(item);
        }
        detachNeighbours(item);
        updateFactor(item);
        if (item.item != null && pending != null) {
            waitToPublish(update);
        }
    }

    private void waitToPublish(ItemUpdate update) {
        boolean factorOnly = update.isFactorOnly();
        long timer = pending.add(update.item, factorOnly, getProcessingTimeService().getCurrentProcessingTime());
        if (timer != PendingPublications.NONE) {
            getProcessingTimeService().registerTimer(timer, factorOnly ? publishLater : publishSoon);
        }
    }

    /** Publishes each of {@code ids} that is still there, as it is now. */
    private void publishWaiting(long[] ids) throws Exception {
        out.eraseTimestamp();
        for (long id : ids) {
            if (cache == null || !cache.knowsNeighbours(id)) {
                setCurrentKey(id); // something to read from the backend
            }
            publishIfNamed(factorOf(id));
        }
    }

    private void publishIfNamed(ItemFactor item) throws Exception {
        if (item != null && item.item != null) {
            attachNeighbours(item);
            publish(item);
            detachNeighbours(item);
        }
    }

    /**
     * Nothing waits at a barrier: a restored job has no publication to make up for; and the
     * snapshot taken after this holds every change the cache had.
     */
    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        super.prepareSnapshotPreBarrier(checkpointId);
        publishAndWriteEverything();
    }

    @Override
    public void endInput() throws Exception {
        publishAndWriteEverything();
    }

    private void publishAndWriteEverything() throws Exception {
        if (pending != null) {
            publishWaiting(pending.drainAll());
        }
        if (cache != null) {
            cache.flush();
        }
    }

    /** Only a keyed publishing timer of an earlier build's savepoint (see the class comment). */
    @Override
    public void onProcessingTime(InternalTimer<Long, VoidNamespace> timer) throws Exception {
        out.eraseTimestamp();
        publishIfNamed(factorOf(timer.getKey()));
    }

    @Override
    public void onEventTime(InternalTimer<Long, VoidNamespace> timer) throws Exception {
        out.setAbsoluteTimestamp(timer.getTimestamp());
        expireIfUntouched(timer.getKey(), timer.getTimestamp());
    }

    /** The item's factor state (the current key's, {@code id}), null when it has none. */
    private ItemFactor factorOf(long id) throws Exception {
        ItemFactor item = cache == null ? null : cache.factor(id);
        if (item == null) {
            item = items.value();
            if (item != null && cache != null) {
                cache.putFactor(item, false);
            }
        }
        return item;
    }

    /** Stores the current key's changed factor: in the backend, or in the cache, which writes it back later. */
    private void updateFactor(ItemFactor item) throws Exception {
        if (cache == null) {
            items.update(item);
        } else {
            cache.putFactor(item, true);
        }
    }

    /** {@link ItemStateCache.WriteBack}: writes an item's changed states under its key, then goes back to the current key. */
    private void writeBack(long id, ItemFactor factor, boolean factorChanged, ItemNeighbours held, boolean neighboursChanged)
            throws Exception {
        Object current = getCurrentKey();
        setCurrentKey(id);
        if (factorChanged) {
            items.update(factor);
        }
        if (neighboursChanged) {
            neighbours.update(held);
        }
        if (current != null) {
            setCurrentKey(current);
        }
    }

    private void attachNeighbours(ItemFactor item) throws Exception {
        ItemNeighbours held;
        if (cache != null && cache.knowsNeighbours(item.id)) {
            held = cache.neighbours(item.id);
        } else {
            held = neighbours.value();
            if (cache != null) {
                cache.putNeighbours(item.id, held, false);
            }
        }
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

    private void expireIfUntouched(long id, long timestamp) throws Exception {
        ItemFactor item = factorOf(id);
        if (item == null) {
            return;
        }
        long deadline = item.touchedTs + stateTtlMs;
        if (stateTtlMs <= 0 || timers.currentWatermark() == Long.MAX_VALUE) {
            item.expiryTimer = 0; // expiry turned off since, or the end of input: not time passing
        } else if (deadline > timestamp) {
            item.expiryTimer = deadline;
            timers.registerEventTimeTimer(VoidNamespace.INSTANCE, deadline);
        } else {
            items.clear();
            neighbours.clear();
            if (cache != null) {
                cache.remove(id);
            }
            publishedVersions.clear();
            expired.inc();
            if (item.item != null) { // one without a name was never published
                out.collect(ItemFactor.tombstone(item.id, item.item));
            }
            return;
        }
        updateFactor(item);
    }

    /**
     * Sends a copy: {@code item} is changed after this (its neighbours detached; on the heap
     * backend it is the state object, which the next update changes in place), and with object
     * reuse the chained sink gets the record itself. One copy per publication, as Flink made
     * between the two without object reuse.
     */
    private void publish(ItemFactor item) {
        published.inc();
        out.collect(item.copy());
    }
}
