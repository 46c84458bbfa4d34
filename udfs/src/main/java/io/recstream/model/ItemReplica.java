package io.recstream.model;

import io.recstream.learn.LearningConfig;
import io.recstream.recommend.IntentItem;

import com.carrotsearch.hppc.LongObjectHashMap;
import com.carrotsearch.hppc.cursors.LongObjectCursor;

import java.util.ArrayList;
import java.util.Arrays;
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
 * <p>Each item has a slot ({@link ItemSlots}): neighbour lists name their items by slot, so the
 * recommender finds a candidate by an array index rather than a hash lookup, and keeps per-item
 * working values in arrays indexed by slot. A neighbour the replica does not hold gets a
 * placeholder slot that its item takes when it arrives. The lists are ids everywhere else (the
 * owner's state, the {@code item-factors} topic, the replica's checkpoint): the replica translates
 * them to slots when it takes a published item in, and back when it writes its checkpoint. It holds
 * each list's slots and weights in one array ({@link ReplicaNeighbours}), the weights rounded to 16
 * bits ({@link Weight16}): lists are most of a replica's heap, and a list's order of candidates
 * changes only where two weights differ by less than one part in 2,048.
 *
 * <p>The items held are also kept in a dense list, in the order this replica took them in, for
 * uniform sampling and for scans of the whole catalogue (the evaluation's ranking of every item).
 *
 * <p>Items are held by numeric id; their names, the strings the lists show, come with the items
 * (from the item loop, or from the event that brought the item in). Search-intent pseudo-items
 * are named from the search that mentions them ({@link #nameIntent}), since no interaction brings
 * them in.
 *
 * <p>An item leaves with its tombstone (the owner expired it): out of the table, the popularity
 * index and the dense list (its last item moves into the freed place). Neighbour lists that name
 * it keep its slot, a placeholder from then on (finding them would mean a scan of every item per
 * tombstone): a placeholder is never scored or recommended, and its slot is not reused for
 * another item while a list names it. A copy of an item the replica does
 * not hold is not taken when it is already past its expiry by the replica's event time: that is
 * an old version of an item that has expired (a replica's event time is never behind the
 * owner's, which is downstream of it), and it must not come back.
 */
public final class ItemReplica {
    private final ItemModel model;
    private final long stateTtlMs;
    private final ItemSlots slots = new ItemSlots();
    /** Names of search-intent pseudo-items not yet held: few (one per intent class), kept until they are. */
    private final LongObjectHashMap<String> intentNames = new LongObjectHashMap<>();
    /**
     * Every item held, in the order taken in (the last one moves into a removed one's place):
     * uniform sampling in O(1), and a checkpoint lists items in this order so a restore gives
     * every item its place back.
     */
    private final List<ItemFactor> held = new ArrayList<>();
    /** Each held item's place in {@link #held}, by slot. */
    private int[] placeBySlot = new int[16];
    private final PopularityIndex byPopularity;
    /** The slots of search-intent pseudo-items, which are never recommended. */
    private final BitSet intentSlots = new BitSet();
    /**
     * The slots of items this replica created from its own updates and has not had a published
     * copy of yet: no other replica may hold them, so a checkpoint writes them whatever its share.
     */
    private final BitSet unpublishedSlots = new BitSet();
    /**
     * The slots of items whose vector and neighbour list a checkpoint not yet written refers to
     * ({@link ReplicaSnapshot}): the next change of such an item copies them first (copy-on-write),
     * once per item and checkpoint.
     */
    private final BitSet sharedSlots = new BitSet();

    /** A replica whose items never expire. */
    public ItemReplica(ItemModel model) {
        this(model, 0L);
    }

    /** @param stateTtlMs the owner's {@code recstream.item.state-ttl} in milliseconds (0: never) */
    public ItemReplica(ItemModel model, long stateTtlMs) {
        this.model = model;
        this.stateTtlMs = stateTtlMs;
        this.byPopularity = new PopularityIndex(held, indexDepth(model.config()));
    }

    public ItemFactor get(long item) {
        return slots.get(item);
    }

    /** The item in {@code slot} (a neighbour list names it), null when the replica does not hold it. */
    public ItemFactor inSlot(int slot) {
        return slots.item(slot);
    }

    /** Every slot is below this: the size of an array indexed by slot. */
    public int slotBound() {
        return slots.bound();
    }

    public int size() {
        return held.size();
    }

    /** Every item held, in the order taken in (see {@link #held}). */
    public List<ItemFactor> all() {
        return Collections.unmodifiableList(held);
    }

    /** The ids of the neighbours of {@code f}, a copy this replica holds, position for position with its weights. */
    public long[] neighbourIds(ItemFactor f) {
        return ReplicaNeighbours.ids(f.replicaNeighbours, slots::id);
    }

    /** The weights of the neighbours of {@code f}, a copy this replica holds (rounded to 16 bits, see {@link Weight16}); for tests. */
    float[] neighbourWeights(ItemFactor f) {
        return ReplicaNeighbours.weights(f.replicaNeighbours);
    }

    /** Neighbour slots whose item the replica does not hold; for tests. */
    int placeholders() {
        return slots.placeholders();
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
        ItemFactor f = slots.get(item);
        if (f == null) {
            f = model.create(item, name != null ? name : intentNames.remove(item));
            add(f);
            unpublishedSlots.set(f.slot);
            index(f);
        } else if (f.item == null && name != null) {
            nameSlot(f, name);
        }
        return f;
    }

    /** Remembers the name of the pseudo-item of {@code intent} (id {@code item}) for when it is created. */
    public void nameIntent(long item, String intent) {
        if (slots.get(item) == null && !intentNames.containsKey(item)) {
            intentNames.put(item, IntentItem.of(intent));
        }
    }

    /** Applies this subtask's own update at once (the authoritative copy will get the same one). */
    public ItemFactor applyLocal(ItemUpdate update) {
        return applyLocal(getOrCreate(update.item, update.name), update);
    }

    /**
     * {@link #applyLocal(ItemUpdate)} for a caller that holds the update's item already: {@code f}
     * is what {@link #getOrCreate} gave for it, named as the update would name it. The learner
     * looks each item up once per update this way, not twice (an item's slot is a hash lookup of
     * up to three cache misses; about 24 updates per interaction).
     */
    public ItemFactor applyLocal(ItemFactor f, ItemUpdate update) {
        if (sharedSlots.get(f.slot)) { // the arrays below change in place: a checkpoint's snapshot keeps the old ones
            f.vector = f.vector.clone();
            f.replicaNeighbours = f.replicaNeighbours.clone();
            sharedSlots.clear(f.slot);
        }
        model.applyExceptCooccurrences(f, update);
        for (int n = 0; n < update.coItems.length; n++) {
            addNeighbour(f, update.coItems[n], update.coWeights[n]);
        }
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
        ItemFactor copy = slots.get(published.id);
        if (published.isTombstone()) {
            if (copy != null) {
                remove(copy);
            }
            return null;
        }
        if (copy == null ? isExpired(published, now) : copy.version >= published.version) {
            return null;
        }
        if (copy != null) {
            byPopularity.remove(copy);
            if (published.item == null) {
                published.item = copy.item;
            }
            slots.hold(published);
            published.measureNorm();
            held.set(placeBySlot[copy.slot], published);
            nameSlot(published, published.item);
        } else {
            if (published.item == null) {
                published.item = intentNames.remove(published.id);
            }
            add(published);
        }
        // the new list's slots are retained before the old one's are released, so a neighbour on both keeps its slot
        published.replicaNeighbours = slots.retainAll(published.neighbours, published.neighbourWeights);
        published.weakestNeighbour = -1;
        published.neighbours = ItemFactor.NO_IDS;
        published.neighbourWeights = ItemFactor.NO_WEIGHTS;
        if (copy != null) {
            slots.releaseAll(copy.replicaNeighbours);
        }
        unpublishedSlots.clear(published.slot);
        sharedSlots.clear(published.slot); // a new object: no snapshot refers to its arrays
        index(published);
        return published;
    }

    /**
     * This replica's share of a checkpoint of {@code shares} parts (one per subtask): the items
     * whose id falls to part {@code share}, and the items only this replica may hold (created by
     * its own updates, no published copy yet), in the order taken in (see {@link #held}); then the names of intent
     * pseudo-items not held yet (few, and known only where the search was). The parts of all subtasks together hold every
     * item about once, so a checkpoint's bytes do not grow with the parallelism. At parallelism 1
     * the one part is the whole replica; at more, an item comes back as the copy of the subtask
     * it fell to (the newest version where two subtasks wrote it), and the other subtasks' own
     * updates to it reach them through the item loop, as they do while running.
     *
     * <p>The share is the replica as it is now, but encoded later, as the state backend writes the
     * chunks ({@link ReplicaSnapshot}): here each item's changing fields are copied and its arrays
     * marked shared, so later changes leave the snapshot as it was.
     */
    public List<ReplicaChunk> checkpoint(int share, int shares) {
        ReplicaSnapshot snapshot = new ReplicaSnapshot(slots.idsBySlot(), intentNames, held.size() / shares + unpublishedSlots.cardinality());
        for (ItemFactor f : held) {
            if (shareOf(f.id, shares) == share || unpublishedSlots.get(f.slot)) {
                snapshot.add(f);
                sharedSlots.set(f.slot);
            }
        }
        return snapshot.chunks();
    }

    /**
     * Takes in a checkpoint's parts (every subtask's, see {@link #checkpoint}) in the order given:
     * from a checkpoint at parallelism 1, every item gets its place back, so the replica is the one
     * checkpointed (its slots are numbered anew: a neighbour not read yet gets a placeholder).
     */
    public void restore(Iterable<ReplicaChunk> chunks) {
        LongObjectHashMap<String> names = new LongObjectHashMap<>();
        for (ReplicaChunk chunk : chunks) {
            chunk.read(this::applyPublished, names);
        }
        for (LongObjectCursor<String> name : names) {
            if (slots.get(name.key) == null) {
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
        return held.isEmpty() ? null : held.get(random.nextInt(held.size()));
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

    /**
     * Adds co-occurrence with {@code neighbour} to the list of {@code f}: by slot, a placeholder's
     * when the replica does not hold the neighbour (checked first, so a rejected one leaves none).
     */
    private void addNeighbour(ItemFactor f, long neighbour, float weight) {
        int capacity = model.config().neighboursPerItem;
        if (!Neighbours.accepts(f, neighbour, weight, capacity)) {
            return;
        }
        int slot = slots.slotFor(neighbour);
        int givenBack = Neighbours.addSlot(f, slot, weight, capacity);
        if (givenBack != slot) { // the list took the slot in: one more reference, and one fewer to the neighbour it evicted
            slots.retain(slot);
            if (givenBack >= 0) {
                slots.release(givenBack);
            }
        }
    }

    private void remove(ItemFactor f) {
        byPopularity.remove(f);
        int place = placeBySlot[f.slot];
        ItemFactor last = held.remove(held.size() - 1);
        if (last != f) {
            held.set(place, last);
            placeBySlot[last.slot] = place;
        }
        intentSlots.clear(f.slot);
        unpublishedSlots.clear(f.slot);
        sharedSlots.clear(f.slot);
        slots.releaseAll(f.replicaNeighbours);
        slots.vacate(f.slot);
    }

    /** Takes in an item the replica does not hold: into its slot (a placeholder's, or a new one) and the dense list. */
    private void add(ItemFactor f) {
        slots.hold(f);
        f.measureNorm();
        if (f.slot >= placeBySlot.length) {
            placeBySlot = Arrays.copyOf(placeBySlot, Math.max(f.slot + 1, placeBySlot.length * 2));
        }
        placeBySlot[f.slot] = held.size();
        held.add(f);
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
