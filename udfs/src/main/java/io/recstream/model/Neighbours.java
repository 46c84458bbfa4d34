package io.recstream.model;

/**
 * Bounded co-occurrence lists. When a list is full, a new neighbour takes the place of the
 * weakest one and inherits its weight plus its own (the Space-Saving heavy-hitter rule of
 * Metwally et al.), so strong neighbours stay and a stream of one-offs cannot grow state.
 */
public final class Neighbours {
    private Neighbours() {}

    public static void add(ItemFactor f, long neighbour, float weight, int capacity) {
        if (capacity <= 0 || neighbour == f.id || !(weight > 0) || !Float.isFinite(weight)) {
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
