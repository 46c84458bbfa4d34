package io.recstream.model;

import io.recstream.recommend.IntentItem;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * A {@code UserLearner} subtask's copy of the item model: every item it has heard of, fed by the
 * {@code item-factors} topic and by its own updates, with an index by popularity for trending
 * candidates and cold-start users.
 *
 * <p>Each item has a slot: its position in the order this replica first met it. A scan of the
 * whole catalogue (the evaluation's ranking of every item) walks the slots and keeps per-item
 * working values in arrays indexed by slot, rather than hashing every item id.
 *
 * <p>An item leaves with its tombstone (the owner expired it): out of the table, the popularity
 * index and the slots (the last slot's item moves into the freed one). Neighbour lists that name
 * it keep the id: finding them would mean a scan of every item per tombstone, and a candidate the
 * replica does not hold is never scored or recommended anyway. A copy of an item the replica does
 * not hold is not taken when it is already past its expiry by the replica's event time: that is
 * an old version of an item that has expired (a replica's event time is never behind the
 * owner's, which is downstream of it), and it must not come back.
 */
public final class ItemReplica {
    private static final Comparator<ItemFactor> MOST_POPULAR_FIRST =
            Comparator.comparingDouble((ItemFactor f) -> -f.trendKey).thenComparing(f -> f.item);

    private final ItemModel model;
    private final long stateTtlMs;
    private final Map<String, ItemFactor> items = new HashMap<>();
    private final TreeSet<ItemFactor> byPopularity = new TreeSet<>(MOST_POPULAR_FIRST);
    /**
     * Every item by slot, in the order first met: uniform sampling in O(1), and a checkpoint lists
     * items in this order so a restore gives every item its slot back.
     */
    private final List<ItemFactor> slots = new ArrayList<>();
    /** The slots of search-intent pseudo-items, which are never recommended. */
    private final BitSet intentSlots = new BitSet();

    /** A replica whose items never expire. */
    public ItemReplica(ItemModel model) {
        this(model, 0L);
    }

    /** @param stateTtlMs the owner's {@code recstream.item.state-ttl} in milliseconds (0: never) */
    public ItemReplica(ItemModel model, long stateTtlMs) {
        this.model = model;
        this.stateTtlMs = stateTtlMs;
    }

    public ItemFactor get(String item) {
        return items.get(item);
    }

    public int size() {
        return items.size();
    }

    /** Every item, indexed by slot (the order this replica first met them). */
    public List<ItemFactor> all() {
        return Collections.unmodifiableList(slots);
    }

    /** Whether the item in {@code slot} is a search-intent pseudo-item. */
    public boolean isIntent(int slot) {
        return intentSlots.get(slot);
    }

    /** The item, created from its seeded starting vector when this replica has not met it yet. */
    public ItemFactor getOrCreate(String item) {
        ItemFactor f = items.get(item);
        if (f == null) {
            f = model.create(item);
            items.put(item, f);
            addSlot(f);
            index(f);
        }
        return f;
    }

    /** Applies this subtask's own update at once (the authoritative copy will get the same one). */
    public ItemFactor applyLocal(ItemUpdate update) {
        ItemFactor f = getOrCreate(update.item);
        byPopularity.remove(f);
        model.apply(f, update);
        index(f);
        return f;
    }

    /** {@link #applyPublished(ItemFactor, long)} with no event time yet (a restore). */
    public ItemFactor applyPublished(ItemFactor published) {
        return applyPublished(published, Long.MIN_VALUE);
    }

    /**
     * Takes a published version of an item when it is newer than the one held, and drops the item
     * on its tombstone.
     *
     * @param now the replica's event time (its watermark)
     * @return the item now held when the published version was taken, null when it was stale, or
     *     a tombstone
     */
    public ItemFactor applyPublished(ItemFactor published, long now) {
        ItemFactor held = items.get(published.item);
        if (published.isTombstone()) {
            if (held != null) {
                remove(held);
            }
            return null;
        }
        if (held == null ? isExpired(published, now) : held.version >= published.version) {
            return null;
        }
        if (held != null) {
            byPopularity.remove(held);
            published.slot = held.slot;
            slots.set(held.slot, published);
        } else {
            addSlot(published);
        }
        items.put(published.item, published);
        index(published);
        return published;
    }

    /** An item drawn uniformly (null when the replica is empty). */
    public ItemFactor randomItem(SplittableRandom random) {
        return slots.isEmpty() ? null : slots.get(random.nextInt(slots.size()));
    }

    /** The {@code n} most popular items, most popular first, ties by item id. */
    public List<ItemFactor> mostPopular(int n) {
        List<ItemFactor> top = new ArrayList<>(Math.min(n, items.size()));
        Iterator<ItemFactor> it = byPopularity.iterator();
        while (it.hasNext() && top.size() < n) {
            top.add(it.next());
        }
        return top;
    }

    /** Iterates items from the most popular down; for scans that stop early (cold start, negatives). */
    public Iterator<ItemFactor> popularityOrder() {
        return byPopularity.iterator();
    }

    /** The ordering key of the most popular item: the reference for popularity scores. */
    public double topTrendKey() {
        return byPopularity.isEmpty() ? 0.0 : byPopularity.first().trendKey;
    }

    private boolean isExpired(ItemFactor f, long now) {
        return stateTtlMs > 0 && f.touchedTs + stateTtlMs <= now;
    }

    private void remove(ItemFactor f) {
        items.remove(f.item);
        byPopularity.remove(f);
        ItemFactor last = slots.remove(slots.size() - 1);
        if (last != f) {
            slots.set(f.slot, last);
            last.slot = f.slot;
            intentSlots.set(f.slot, intentSlots.get(slots.size()));
        }
        intentSlots.clear(slots.size());
        f.slot = -1;
    }

    private void addSlot(ItemFactor f) {
        f.slot = slots.size();
        slots.add(f);
        if (IntentItem.isIntent(f.item)) {
            intentSlots.set(f.slot);
        }
    }

    private void index(ItemFactor f) {
        f.trendKey = model.trendKey(f);
        byPopularity.add(f);
    }
}
