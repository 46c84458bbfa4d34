package io.recstream.model;

import java.util.function.IntToLongFunction;

/**
 * A replica's neighbour list of one item, in one {@code int[]}: the {@code n} neighbours' slots
 * ({@link ItemSlots}), then their weights as {@link Weight16} codes, two to an {@code int} (the
 * even position in the low half). A list of 100 neighbours is 616 bytes, where an {@code int[]} of
 * slots and a {@code float[]} of weights were 832: neighbour lists are most of a replica's heap.
 *
 * <p>The length of the array gives {@code n}: {@code length = n + ceil(n / 2)}, so
 * {@code n = 2 * length / 3}. Positions follow the owner's list of ids position for position
 * ({@link Neighbours}).
 */
public final class ReplicaNeighbours {
    /** The list of no neighbours. */
    public static final int[] EMPTY = new int[0];

    private ReplicaNeighbours() {}

    /** A list of {@code count} neighbours, every slot 0 and every weight 0. */
    static int[] ofCount(int count) {
        return count == 0 ? EMPTY : new int[count + (count + 1) / 2];
    }

    /** How many neighbours {@code list} holds. */
    public static int count(int[] list) {
        return 2 * list.length / 3;
    }

    /** The slot of neighbour {@code n}. */
    public static int slot(int[] list, int n) {
        return list[n];
    }

    /** The weight of neighbour {@code n} of the {@code count} in {@code list}. */
    public static float weight(int[] list, int count, int n) {
        return Weight16.decode(code(list, count, n));
    }

    /** The sum of the weights: normalises co-occurrence into "how often c follows this item". */
    public static float mass(int[] list) {
        int count = count(list);
        float sum = 0f;
        for (int n = 0; n < count; n++) {
            sum += weight(list, count, n);
        }
        return sum;
    }

    /** The weights, position for position with the slots. */
    static float[] weights(int[] list) {
        int count = count(list);
        float[] weights = new float[count];
        for (int n = 0; n < count; n++) {
            weights[n] = weight(list, count, n);
        }
        return weights;
    }

    /** The ids of the neighbours, by {@code idOfSlot}. */
    static long[] ids(int[] list, IntToLongFunction idOfSlot) {
        int count = count(list);
        long[] ids = new long[count];
        for (int n = 0; n < count; n++) {
            ids[n] = idOfSlot.applyAsLong(list[n]);
        }
        return ids;
    }

    /** Sets the weight of neighbour {@code n} (rounded to its 16-bit code). */
    static void setWeight(int[] list, int count, int n, float weight) {
        int at = count + (n >> 1);
        int shift = (n & 1) << 4;
        list[at] = (list[at] & ~(0xFFFF << shift)) | (Weight16.encode(weight) << shift);
    }

    /** The position of {@code slot}, -1 when the list does not name it. */
    static int indexOf(int[] list, int slot) {
        int count = count(list);
        for (int n = 0; n < count; n++) {
            if (list[n] == slot) {
                return n;
            }
        }
        return -1;
    }

    /** The first position of the smallest weight (codes order as weights do). */
    static int weakest(int[] list) {
        int count = count(list);
        int weakest = 0;
        int weakestCode = code(list, count, 0);
        for (int n = 1; n < count; n++) {
            int code = code(list, count, n);
            if (code < weakestCode) {
                weakest = n;
                weakestCode = code;
            }
        }
        return weakest;
    }

    /** {@code list} with one more neighbour at the end: {@code slot}, weight 0. */
    static int[] append(int[] list, int slot) {
        int count = count(list);
        int[] grown = ofCount(count + 1);
        System.arraycopy(list, 0, grown, 0, count);
        System.arraycopy(list, count, grown, count + 1, list.length - count);
        grown[count] = slot; // its weight's half is 0: a new int, or the odd list's unused high half (never set)
        return grown;
    }

    private static int code(int[] list, int count, int n) {
        return (list[count + (n >> 1)] >>> ((n & 1) << 4)) & 0xFFFF;
    }
}
