package io.recstream.model;

import io.recstream.learn.LearningConfig;
import io.recstream.recommend.IntentItem;

import com.carrotsearch.hppc.LongObjectHashMap;
import com.carrotsearch.hppc.cursors.LongObjectCursor;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A {@code UserLearner} subtask's copy of the item model: every item it has heard of, fed by the
 * {@code item-factors} topic and by its own updates, with an index by popularity for trending
 * candidates and cold-start users.
 *
 * <p>Each item has a slot: its position in the order this replica first met it. A scan of the
 * whole catalogue (the evaluation's ranking of every item) walks the slots and keeps per-item
 * working values in arrays indexed by slot, rather than hashing every item id.
 *
 * <p>Items are held by numeric id; their names, the strings the lists show, come with the items
 * (from the item loop, or from the event that brought the item in). Search-intent pseudo-items
 * are named from the search that mentions them ({@link #nameIntent}), since no interaction brings
 * them in.
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
    private final ItemModel model;
    private final long stateTtlMs;
    private final LongObjectHashMap<ItemFactor> items = new LongObjectHashMap<>();
    /** Names of search-intent pseudo-items not yet held: few (one per intent class), kept until they are. */
    private final LongObjectHashMap<String> intentNames = new LongObjectHashMap<>();
    /**
     * Every item by slot, in the order first met: uniform sampling in O(1), and a checkpoint lists
     * items in this order so a restore gives every item its slot back.
     */
    private final List<ItemFactor> slots = new ArrayList<>();
    private final PopularityIndex byPopularity;
    /** The slots of search-intent pseudo-items, which are never recommended. */
    private final BitSet intentSlots = new BitSet();
    /**
     * The slots of items this replica created from its own updates and has not had a published
     * copy of yet: no other replica may hold them, so a checkpoint writes them whatever its share.
     */
    private final BitSet unpublishedSlots = new BitSet();

    /** A replica whose items never expire. */
    public ItemReplica(ItemModel model) {
        this(model, 0L);
    }

    /** @param stateTtlMs the owner's {@code recstream.item.state-ttl} in milliseconds (0: never) */
    public ItemReplica(ItemModel model, long stateTtlMs) {
        this.model = model;
        this.stateTtlMs = stateTtlMs;
        this.byPopularity = new PopularityIndex(slots, indexDepth(model.config()));
    }

    public ItemFactor get(long item) {
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

    /**
     * The item, created from its seeded starting vector when this replica has not met it yet;
     * {@code name} (null when the caller has none) names it if it has no name yet.
     */
    public ItemFactor getOrCreate(long item, String name) {
        ItemFactor f = items.get(item);
        if (f == null) {
            f = model.create(item, name != null ? name : intentNames.remove(item));
            items.put(item, f);
            addSlot(f);
            unpublishedSlots.set(f.slot);
            index(f);
        } else if (f.item == null && name != null) {
            nameSlot(f, name);
        }
        return f;
    }

    /** Remembers the name of the pseudo-item of {@code intent} (id {@code item}) for when it is created. */
    public void nameIntent(long item, String intent) {
        if (!items.containsKey(item) && !intentNames.containsKey(item)) {
            intentNames.put(item, IntentItem.of(intent));
        }
    }

    /** Applies this subtask's own update at once (the authoritative copy will get the same one). */
    public ItemFactor applyLocal(ItemUpdate update) {
        ItemFactor f = getOrCreate(update.item, update.name);
        model.apply(f, update);
        if (update.popularityIncrement > 0) { // the one part of an update that moves the item's key
            byPopularity.rekey(f, model.trendKey(f));
        }
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
        ItemFactor held = items.get(published.id);
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
            if (published.item == null) {
                published.item = held.item;
            }
            published.slot = held.slot;
            slots.set(held.slot, published);
            nameSlot(published, published.item);
        } else {
            if (published.item == null) {
                published.item = intentNames.remove(published.id);
            }
            addSlot(published);
        }
        unpublishedSlots.clear(published.slot);
        items.put(published.id, published);
        index(published);
        return published;
    }

    /**
     * This replica's share of a checkpoint of {@code shares} parts (one per subtask): the items
     * whose id falls to part {@code share}, and the items only this replica may hold (created by
     * its own updates, no published copy yet), in slot order; then the names of intent
     * pseudo-items not held yet (few, and known only where the search was). The parts of all subtasks together hold every
     * item about once, so a checkpoint's bytes do not grow with the parallelism. At parallelism 1
     * the one part is the whole replica; at more, an item comes back as the copy of the subtask
     * it fell to (the newest version where two subtasks wrote it), and the other subtasks' own
     * updates to it reach them through the item loop, as they do while running.
     */
    public List<ReplicaChunk> checkpoint(int share, int shares) {
        ReplicaChunk.Writer writer = new ReplicaChunk.Writer();
        for (ItemFactor f : slots) {
            if (shareOf(f.id, shares) == share || unpublishedSlots.get(f.slot)) {
                writer.item(f);
            }
        }
        for (LongObjectCursor<String> name : intentNames) {
            writer.name(name.key, name.value);
        }
        return writer.finish();
    }

    /**
     * Takes in a checkpoint's parts (every subtask's, see {@link #checkpoint}) in the order given:
     * from a checkpoint at parallelism 1, every item gets its slot back, so the replica is the one
     * checkpointed.
     */
    public void restore(Iterable<ReplicaChunk> chunks) {
        LongObjectHashMap<String> names = new LongObjectHashMap<>();
        for (ReplicaChunk chunk : chunks) {
            chunk.read(this::applyPublished, names);
        }
        for (LongObjectCursor<String> name : names) {
            if (!items.containsKey(name.key)) {
                intentNames.put(name.key, name.value);
            }
        }
    }

    /** The part of a checkpoint that holds {@code item}; item ids are hashes already, so their remainder spreads evenly. */
    static int shareOf(long item, int shares) {
        return (int) Long.remainderUnsigned(item, shares);
    }

    /** An item drawn uniformly (null when the replica is empty). */
    public ItemFactor randomItem(SplittableRandom random) {
        return slots.isEmpty() ? null : slots.get(random.nextInt(slots.size()));
    }

    /** Iterates items from the most popular down (ties by numeric item id); for scans that stop early. */
    public Iterator<ItemFactor> popularityOrder() {
        return byPopularity.iterator();
    }

    /** The ordering key of the most popular item: the reference for popularity scores. */
    public double topTrendKey() {
        return byPopularity.topKey();
    }

    /**
     * How much of the popularity order the index keeps sorted: what the recommender reads
     * (trending candidates, and the baseline's list of unseen items) with room to spare.
     */
    private static int indexDepth(LearningConfig config) {
        return Math.max(256, 2 * config.trendingCandidates);
    }

    private boolean isExpired(ItemFactor f, long now) {
        return stateTtlMs > 0 && f.touchedTs + stateTtlMs <= now;
    }

    private void remove(ItemFactor f) {
        items.remove(f.id);
        byPopularity.remove(f);
        ItemFactor last = slots.remove(slots.size() - 1);
        if (last != f) {
            slots.set(f.slot, last);
            last.slot = f.slot;
            intentSlots.set(f.slot, intentSlots.get(slots.size()));
            unpublishedSlots.set(f.slot, unpublishedSlots.get(slots.size()));
        }
        intentSlots.clear(slots.size());
        unpublishedSlots.clear(slots.size());
        f.slot = -1;
    }

    private void addSlot(ItemFactor f) {
        f.slot = slots.size();
        slots.add(f);
        nameSlot(f, f.item);
    }

    private void nameSlot(ItemFactor f, String name) {
        f.item = name;
        intentSlots.set(f.slot, f.searchIntent());
    }

    private void index(ItemFactor f) {
        f.trendKey = model.trendKey(f);
        byPopularity.add(f);
    }
}
