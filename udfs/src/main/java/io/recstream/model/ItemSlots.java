package io.recstream.model;

import java.util.Arrays;

/**
 * A replica's table of slots: each item id it knows gets an {@code int} slot, so a neighbour list
 * can name its items by slot and a candidate is found by an array index instead of a hash lookup.
 *
 * <p>A slot holds an item, or is a <em>placeholder</em>: an id some neighbour list names that the
 * replica does not hold (not met yet, or removed). A placeholder resolves when its item arrives:
 * the item takes the placeholder's slot, so the lists that name it reach it. Each slot counts the
 * neighbour lists that name it; a slot is reused for another id only once it holds no item and
 * no list names it, so a reference never comes to mean another item.
 *
 * <p>Slots are found by id through an open-addressing table of slots alone (linear probing, at
 * most three quarters full): the id of a bucket's slot is in {@link #ids} already, so a bucket is
 * 4 bytes where a map of ids to slots would take 12.
 */
final class ItemSlots {
    private static final int NONE = -1;
    /** Fibonacci hashing: the high bits of the id times 2^64 / golden ratio pick the bucket. */
    private static final long SPREAD = 0x9E3779B97F4A7C15L;

    /** By bucket: slot + 1 of the id hashed there (or pushed on from a full bucket before it); 0 when empty. */
    private int[] table = new int[32];
    /** 64 minus the bits of a bucket index. */
    private int shift = 64 - 5;
    /** Slots in the table. */
    private int entries;
    /** By slot: its item (null: placeholder or free), its id, and how many neighbour lists name it. */
    private ItemFactor[] items = new ItemFactor[16];
    private long[] ids = new long[16];
    private int[] references = new int[16];
    /** Slots to reuse, and how many. */
    private int[] free = new int[16];
    private int freeCount;
    /** Every slot in use is below this. */
    private int bound;

    /** The item in {@code slot}; null when the slot is a placeholder. */
    ItemFactor item(int slot) {
        return items[slot];
    }

    /** The item of {@code id}; null when it is not held. */
    ItemFactor get(long id) {
        int slot = find(id);
        return slot == NONE ? null : items[slot];
    }

    /** The id of the item or placeholder in {@code slot}. */
    long id(int slot) {
        return ids[slot];
    }

    /** The ids of slots 0 to {@link #bound} now, a copy: slots are reused once nothing names them. */
    long[] idsBySlot() {
        return Arrays.copyOf(ids, bound);
    }

    /** Every slot in use is below this: the size of an array indexed by slot. */
    int bound() {
        return bound;
    }

    /** The slot of {@code id}: its item's, its placeholder's, or a new placeholder's. */
    int slotFor(long id) {
        int found = find(id);
        if (found != NONE) {
            return found;
        }
        if (freeCount == 0 && bound == ReplicaNeighbours.MAX_SLOTS) {
            throw new IllegalStateException("a replica names at most " + ReplicaNeighbours.MAX_SLOTS
                    + " item ids (held items and the neighbours they name) at once");
        }
        int slot = freeCount > 0 ? free[--freeCount] : bound++;
        if (slot == items.length) {
            int capacity = slot * 2;
            items = Arrays.copyOf(items, capacity);
            ids = Arrays.copyOf(ids, capacity);
            references = Arrays.copyOf(references, capacity);
        }
        ids[slot] = id;
        insert(slot);
        return slot;
    }

    /** Puts {@code f} into its id's slot (a placeholder's, or a new one), in place of the copy held there. */
    void hold(ItemFactor f) {
        int slot = slotFor(f.id);
        items[slot] = f;
        f.slot = slot;
    }

    /** Takes the item out of {@code slot}: a placeholder from now on while lists name it. */
    void vacate(int slot) {
        items[slot].slot = NONE;
        items[slot] = null;
        freeWhenUnused(slot);
    }

    /** One more neighbour list names {@code slot}. */
    void retain(int slot) {
        references[slot]++;
    }

    /** One neighbour list fewer names {@code slot}. */
    void release(int slot) {
        references[slot]--;
        freeWhenUnused(slot);
    }

    /** The list of the neighbours {@code ids} with their {@code weights} ({@link ReplicaNeighbours}), each slot retained once. */
    byte[] retainAll(long[] ids, float[] weights) {
        byte[] list = ReplicaNeighbours.ofCount(ids.length);
        for (int n = 0; n < ids.length; n++) {
            int slot = slotFor(ids[n]);
            retain(slot);
            ReplicaNeighbours.setSlot(list, n, slot);
            ReplicaNeighbours.setWeight(list, ids.length, n, weights[n]);
        }
        return list;
    }

    /** Releases each slot of a neighbour list ({@link ReplicaNeighbours}) once. */
    void releaseAll(byte[] list) {
        int count = ReplicaNeighbours.count(list);
        for (int n = 0; n < count; n++) {
            release(ReplicaNeighbours.slot(list, n));
        }
    }

    /** Slots that are placeholders, named by some list; for tests. */
    int placeholders() {
        return entries - held();
    }

    private int held() {
        int held = 0;
        for (int slot = 0; slot < bound; slot++) {
            if (items[slot] != null) {
                held++;
            }
        }
        return held;
    }

    private void freeWhenUnused(int slot) {
        if (references[slot] == 0 && items[slot] == null) {
            delete(slot);
            if (freeCount == free.length) {
                free = Arrays.copyOf(free, freeCount * 2);
            }
            free[freeCount++] = slot;
        }
    }

    private int bucketOf(long id) {
        return (int) ((id * SPREAD) >>> shift);
    }

    /** The slot of {@code id} in the table, NONE when it has none. */
    private int find(long id) {
        int mask = table.length - 1;
        for (int b = bucketOf(id); ; b = (b + 1) & mask) {
            int entry = table[b];
            if (entry == 0) {
                return NONE;
            }
            if (ids[entry - 1] == id) {
                return entry - 1;
            }
        }
    }

    /** Enters {@code slot}, whose id has none yet, into the table. */
    private void insert(int slot) {
        if (4 * (entries + 1) > 3 * table.length) {
            int[] old = table;
            table = new int[old.length * 2];
            shift--;
            for (int entry : old) {
                if (entry != 0) {
                    place(entry);
                }
            }
        }
        place(slot + 1);
        entries++;
    }

    private void place(int entry) {
        int mask = table.length - 1;
        int b = bucketOf(ids[entry - 1]);
        while (table[b] != 0) {
            b = (b + 1) & mask;
        }
        table[b] = entry;
    }

    /**
     * Takes {@code slot} out of the table; the entries after it in its run move back where their
     * own bucket allows, so every entry stays reachable from its bucket without gaps.
     */
    private void delete(int slot) {
        int mask = table.length - 1;
        int gap = bucketOf(ids[slot]);
        while (table[gap] != slot + 1) {
            gap = (gap + 1) & mask;
        }
        for (int next = (gap + 1) & mask; table[next] != 0; next = (next + 1) & mask) {
            int home = bucketOf(ids[table[next] - 1]);
            if (((next - home) & mask) >= ((next - gap) & mask)) { // its bucket is at or before the gap
                table[gap] = table[next];
                gap = next;
            }
        }
        table[gap] = 0;
        entries--;
    }
}
