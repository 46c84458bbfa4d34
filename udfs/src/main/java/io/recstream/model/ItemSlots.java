package io.recstream.model;

import com.carrotsearch.hppc.LongIntHashMap;

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
 */
final class ItemSlots {
    private static final int NONE = -1;

    private final LongIntHashMap slotOfId = new LongIntHashMap();
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
        int slot = slotOfId.getOrDefault(id, NONE);
        return slot == NONE ? null : items[slot];
    }

    /** The id of the item or placeholder in {@code slot}. */
    long id(int slot) {
        return ids[slot];
    }

    /** Every slot in use is below this: the size of an array indexed by slot. */
    int bound() {
        return bound;
    }

    /** The slot of {@code id}: its item's, its placeholder's, or a new placeholder's. */
    int slotFor(long id) {
        int at = slotOfId.indexOf(id);
        if (slotOfId.indexExists(at)) {
            return slotOfId.indexGet(at);
        }
        int slot = freeCount > 0 ? free[--freeCount] : bound++;
        if (slot == items.length) {
            int capacity = slot * 2;
            items = Arrays.copyOf(items, capacity);
            ids = Arrays.copyOf(ids, capacity);
            references = Arrays.copyOf(references, capacity);
        }
        ids[slot] = id;
        slotOfId.indexInsert(at, id, slot);
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

    /** The slots of {@code ids}, each retained once. */
    int[] retainAll(long[] ids) {
        int[] slots = new int[ids.length];
        for (int n = 0; n < ids.length; n++) {
            slots[n] = slotFor(ids[n]);
            retain(slots[n]);
        }
        return slots;
    }

    /** Releases each of {@code slots} once. */
    void releaseAll(int[] slots) {
        for (int slot : slots) {
            release(slot);
        }
    }

    /** Slots that are placeholders, named by some list; for tests. */
    int placeholders() {
        return slotOfId.size() - held();
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
            slotOfId.remove(ids[slot]);
            if (freeCount == free.length) {
                free = Arrays.copyOf(free, freeCount * 2);
            }
            free[freeCount++] = slot;
        }
    }
}
