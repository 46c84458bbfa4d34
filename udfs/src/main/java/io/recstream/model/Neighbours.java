package io.recstream.model;

import java.util.Arrays;

/**
 * Bounded co-occurrence lists. When a list is full, a new neighbour takes the place of the
 * weakest one and inherits its weight plus its own (the Space-Saving heavy-hitter rule of
 * Metwally et al.), so strong neighbours stay and a stream of one-offs cannot grow state.
 *
 * <p>The owner's lists name neighbours by id ({@link ItemFactor#neighbours}); a replica's by slot,
 * with 16-bit weights ({@link ReplicaNeighbours}). Both follow the same rule, position for position,
 * so a replica's list names the items of the owner's (unless two weights the owner tells apart
 * round to one code, and the replica evicts the other of them until the owner's next publication).
 */
public final class Neighbours {
    private Neighbours() {}

    public static void add(ItemFactor f, long neighbour, float weight, int capacity) {
        if (!accepts(f, neighbour, weight, capacity)) {
            return;
        }
        int at = indexOf(f.neighbours, neighbour);
        if (at < 0) {
            at = placeFor(f, f.neighbours.length, capacity);
            if (at == f.neighbours.length) {
                f.neighbours = Arrays.copyOf(f.neighbours, at + 1);
            }
            f.neighbours[at] = neighbour;
        }
        f.neighbourWeights[at] += weight;
    }

    /** Whether {@link #add} would change the list of {@code f}: another item, a positive weight, room for lists. */
    static boolean accepts(ItemFactor f, long neighbour, float weight, int capacity) {
        return capacity > 0 && neighbour != f.id && weight > 0 && Float.isFinite(weight);
    }

    /**
     * {@link #add} for a replica's list ({@link ReplicaNeighbours}), which names neighbours by slot;
     * the caller has checked {@link #accepts}, and keeps the slots' references by what it returns.
     *
     * <p>A full list keeps the position of its weakest neighbour ({@link ItemFactor#weakestNeighbour}):
     * weights only grow, so it stays the weakest until its own weight grows, and then the next
     * weakest is the next position with its old weight code, if any (the positions before it are
     * stronger: it was the first of the smallest); only when none is left is the list scanned.
     * The position is the one a scan finds, so the lists are the same.
     *
     * @return {@code slot} itself when the list named it already; else the list took {@code slot}
     *     in, and this is the evicted neighbour's slot when it took the weakest one's place, -1 when
     *     the list grew
     */
    static int addSlot(ItemFactor f, int slot, float weight, int capacity) {
        byte[] list = f.replicaNeighbours;
        int at = ReplicaNeighbours.indexOf(list, slot);
        int givenBack = slot;
        if (at < 0) {
            int count = ReplicaNeighbours.count(list);
            if (count < capacity) {
                list = ReplicaNeighbours.append(list, slot);
                f.replicaNeighbours = list;
                f.weakestNeighbour = -1;
                at = count;
                givenBack = -1;
            } else {
                if (f.weakestNeighbour < 0) {
                    f.weakestNeighbour = ReplicaNeighbours.weakest(list);
                }
                at = f.weakestNeighbour;
                givenBack = ReplicaNeighbours.slot(list, at);
                ReplicaNeighbours.setSlot(list, at, slot);
            }
        }
        int count = ReplicaNeighbours.count(list);
        int code = ReplicaNeighbours.code(list, count, at);
        ReplicaNeighbours.setWeight(list, count, at, ReplicaNeighbours.weight(list, count, at) + weight);
        if (at == f.weakestNeighbour && ReplicaNeighbours.code(list, count, at) != code) {
            f.weakestNeighbour = ReplicaNeighbours.nextWithCode(list, at + 1, code);
        }
        return givenBack;
    }

    /**
     * Where a new neighbour goes in a list of {@code length}: a new position with weight 0 at the
     * end while the list has room, else the weakest one's (whose weight it inherits).
     */
    private static int placeFor(ItemFactor f, int length, int capacity) {
        if (length < capacity) {
            f.neighbourWeights = Arrays.copyOf(f.neighbourWeights, length + 1);
            return length;
        }
        return weakest(f.neighbourWeights);
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

    /**
     * The first position of the smallest weight: searched only when a full list takes a new
     * neighbour, as most co-occurrences of a hot item do on the owner's side (a tenth to a fifth of
     * the item-learner's samples). The smallest so far is kept in a local instead of read back
     * from the array at every step: about 5 % less time on a list of 100 (docs/BENCHMARKS.md, "The
     * learning path, third pass"); the comparisons' branches are the rest. The position is the same.
     */
    static int weakest(float[] weights) {
        int weakest = 0;
        float smallest = weights[0];
        for (int n = 1; n < weights.length; n++) {
            float w = weights[n];
            if (w < smallest) {
                smallest = w;
                weakest = n;
            }
        }
        return weakest;
    }
}
