package io.recstream.model;

/**
 * Bounded co-occurrence lists. When a list is full, a new neighbour takes the place of the
 * weakest one and inherits its weight plus its own (the Space-Saving heavy-hitter rule of
 * Metwally et al.), so strong neighbours stay and a stream of one-offs cannot grow state.
 *
 * <p>The owner's lists name neighbours by id ({@link ItemFactor#neighbours}); a replica's by slot
 * ({@link ItemFactor#neighbourSlots()}, see {@link ItemSlots}). Both follow the same rule, position
 * for position, so a replica's list names the items of the owner's.
 */
public final class Neighbours {
    private Neighbours() {}

    public static void add(ItemFactor f, long neighbour, float weight, int capacity) {
        if (!accepts(f, neighbour, weight, capacity)) {
            return;
        }
        long[] ids = f.neighbours;
        float[] weights = f.neighbourWeights;
        int at = indexOf(ids, neighbour);
        if (at >= 0) {
            weights[at] += weight;
            return;
        }
        if (ids.length < capacity) {
            long[] grownIds = java.util.Arrays.copyOf(ids, ids.length + 1);
            float[] grownWeights = java.util.Arrays.copyOf(weights, weights.length + 1);
            grownIds[ids.length] = neighbour;
            grownWeights[ids.length] = weight;
            f.neighbours = grownIds;
            f.neighbourWeights = grownWeights;
        } else {
            int weakest = weakest(weights);
            ids[weakest] = neighbour;
            weights[weakest] += weight;
        }
    }

    /** Whether {@link #add} would change the list of {@code f}: another item, a positive weight, room for lists. */
    static boolean accepts(ItemFactor f, long neighbour, float weight, int capacity) {
        return capacity > 0 && neighbour != f.id && weight > 0 && Float.isFinite(weight);
    }

    /**
     * {@link #add} for a replica's list, which names neighbours by slot; the caller has checked
     * {@link #accepts} and retained {@code slot} for the list.
     *
     * @return the slot whose reference the list gives back: {@code slot} itself when the list
     *     named it already, the evicted neighbour's when it took the weakest one's place, -1 when
     *     the list grew
     */
    static int addSlot(ItemFactor f, int slot, float weight, int capacity) {
        int[] slots = f.neighbourSlots;
        float[] weights = f.neighbourWeights;
        int at = indexOf(slots, slot);
        if (at >= 0) {
            weights[at] += weight;
            return slot;
        }
        if (slots.length < capacity) {
            int[] grownSlots = java.util.Arrays.copyOf(slots, slots.length + 1);
            float[] grownWeights = java.util.Arrays.copyOf(weights, weights.length + 1);
            grownSlots[slots.length] = slot;
            grownWeights[slots.length] = weight;
            f.neighbourSlots = grownSlots;
            f.neighbourWeights = grownWeights;
            return -1;
        }
        int weakest = weakest(weights);
        int evicted = slots[weakest];
        slots[weakest] = slot;
        weights[weakest] += weight;
        return evicted;
    }

    /**
     * The position of {@code id}, -1 when absent. A plain scan: a list is at most a few hundred
     * ids, and a per-item hash table would cost more heap than the list itself.
     */
    private static int indexOf(long[] ids, long id) {
        for (int n = 0; n < ids.length; n++) {
            if (ids[n] == id) {
                return n;
            }
        }
        return -1;
    }

    private static int indexOf(int[] slots, int slot) {
        for (int n = 0; n < slots.length; n++) {
            if (slots[n] == slot) {
                return n;
            }
        }
        return -1;
    }

    /** The first position of the smallest weight: searched only when a full list takes a new neighbour. */
    private static int weakest(float[] weights) {
        int weakest = 0;
        for (int n = 1; n < weights.length; n++) {
            if (weights[n] < weights[weakest]) {
                weakest = n;
            }
        }
        return weakest;
    }
}
