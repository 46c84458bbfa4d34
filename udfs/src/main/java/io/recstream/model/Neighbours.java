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
        int weakest = -1;
        for (int n = 0; n < ids.length; n++) {
            if (ids[n] == neighbour) {
                weights[n] += weight;
                return;
            }
            if (weakest < 0 || weights[n] < weights[weakest]) {
                weakest = n;
            }
        }
        if (ids.length < capacity) {
            long[] grownIds = java.util.Arrays.copyOf(ids, ids.length + 1);
            float[] grownWeights = java.util.Arrays.copyOf(weights, weights.length + 1);
            grownIds[ids.length] = neighbour;
            grownWeights[ids.length] = weight;
            f.neighbours = grownIds;
            f.neighbourWeights = grownWeights;
        } else {
            ids[weakest] = neighbour;
            weights[weakest] += weight;
        }
    }
}
