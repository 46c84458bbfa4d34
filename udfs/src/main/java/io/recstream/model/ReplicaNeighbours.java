package io.recstream.model;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.function.IntToLongFunction;

/**
 * A replica's neighbour list of one item, in one {@code byte[]}, little-endian: the sum of the
 * weights (a {@code float}, kept as weights change: every list scored reads it), the {@code n}
 * neighbours' slots ({@link ItemSlots}) in 3 bytes each, then their weights as {@link Weight16}
 * codes in 2 bytes each. A list of 100 neighbours is 520 bytes on the heap, where an {@code int[]}
 * of slots and a {@code float[]} of weights were 832: neighbour lists are most of a replica's heap.
 * Three bytes hold {@link #MAX_SLOTS} slots; {@link ItemSlots} hands out no more.
 *
 * <p>The length of the array gives {@code n} ({@code length = 4 + 5 n}; no neighbours: empty).
 * Positions follow the owner's list of ids position for position ({@link Neighbours}).
 */
public final class ReplicaNeighbours {
    /** The list of no neighbours. */
    public static final byte[] EMPTY = new byte[0];
    /** Slots a list can name: 2^24. */
    static final int MAX_SLOTS = 1 << 24;

    private static final int SLOT_BYTES = 3;
    private static final int BYTES = SLOT_BYTES + 2;
    /** The mass comes first, then the slots. */
    private static final int SLOTS_AT = 4;
    /** Reads 4 bytes where a slot starts: its 3 and the next one (a slot's, or the first weight's), masked off. */
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle FLOAT = MethodHandles.byteArrayViewVarHandle(float[].class, ByteOrder.LITTLE_ENDIAN);

    private ReplicaNeighbours() {}

    /** A list of {@code count} neighbours, every slot 0 and every weight 0. */
    static byte[] ofCount(int count) {
        return count == 0 ? EMPTY : new byte[SLOTS_AT + count * BYTES];
    }

    /** How many neighbours {@code list} holds. */
    public static int count(byte[] list) {
        return list.length == 0 ? 0 : (list.length - SLOTS_AT) / BYTES;
    }

    /** The slot of neighbour {@code n}. */
    public static int slot(byte[] list, int n) {
        return (int) INT.get(list, SLOTS_AT + n * SLOT_BYTES) & (MAX_SLOTS - 1);
    }

    /** The weight of neighbour {@code n} of the {@code count} in {@code list}. */
    public static float weight(byte[] list, int count, int n) {
        return Weight16.decode(code(list, count, n));
    }

    /** The sum of the weights: normalises co-occurrence into "how often c follows this item". */
    public static float mass(byte[] list) {
        return list.length == 0 ? 0f : (float) FLOAT.get(list, 0);
    }

    /** The weights, position for position with the slots. */
    static float[] weights(byte[] list) {
        int count = count(list);
        float[] weights = new float[count];
        for (int n = 0; n < count; n++) {
            weights[n] = weight(list, count, n);
        }
        return weights;
    }

    /** The ids of the neighbours, by {@code idOfSlot}. */
    static long[] ids(byte[] list, IntToLongFunction idOfSlot) {
        int count = count(list);
        long[] ids = new long[count];
        for (int n = 0; n < count; n++) {
            ids[n] = idOfSlot.applyAsLong(slot(list, n));
        }
        return ids;
    }

    /** Sets the slot of neighbour {@code n} (below {@link #MAX_SLOTS}). */
    static void setSlot(byte[] list, int n, int slot) {
        int at = SLOTS_AT + n * SLOT_BYTES;
        list[at] = (byte) slot;
        list[at + 1] = (byte) (slot >>> 8);
        list[at + 2] = (byte) (slot >>> 16);
    }

    /**
     * Sets the weight of neighbour {@code n} (rounded to its 16-bit code), and the mass with it: a
     * list whose weights are set in order from 0 holds their sum as {@link #weights} adds them up.
     */
    static void setWeight(byte[] list, int count, int n, float weight) {
        int code = Weight16.encode(weight);
        float mass = mass(list) - weight(list, count, n) + Weight16.decode(code);
        SHORT.set(list, weightAt(count, n), (short) code);
        FLOAT.set(list, 0, mass);
    }

    /**
     * The position of {@code slot}, -1 when the list does not name it. Compares the slots' low
     * bytes first and reads a whole slot only where that one matches (about one in 256): a replica
     * looks up a neighbour for every co-occurrence it learns, ~40 per interaction.
     */
    static int indexOf(byte[] list, int slot) {
        int count = count(list);
        byte low = (byte) slot;
        for (int n = 0, at = SLOTS_AT; n < count; n++, at += SLOT_BYTES) {
            if (list[at] == low && slot(list, n) == slot) {
                return n;
            }
        }
        return -1;
    }

    /**
     * The first position of the smallest weight (codes order as weights do). Reads the codes as
     * plain bytes, which the compiler turns into a tight loop: a full list scans all of them
     * whenever it takes a new neighbour.
     */
    static int weakest(byte[] list) {
        int count = count(list);
        int first = weightAt(count, 0);
        int weakest = 0;
        int weakestCode = code(list, count, 0);
        for (int n = 1, at = first + 2; n < count; n++, at += 2) {
            int code = (list[at] & 0xFF) | (list[at + 1] & 0xFF) << 8;
            if (code < weakestCode) {
                weakest = n;
                weakestCode = code;
            }
        }
        return weakest;
    }

    /** {@code list} with one more neighbour at the end: {@code slot}, weight 0. */
    static byte[] append(byte[] list, int slot) {
        int count = count(list);
        byte[] grown = ofCount(count + 1);
        if (count > 0) {
            System.arraycopy(list, 0, grown, 0, SLOTS_AT + count * SLOT_BYTES);
            System.arraycopy(list, weightAt(count, 0), grown, weightAt(count + 1, 0), 2 * count);
        }
        setSlot(grown, count, slot);
        return grown;
    }

    private static int code(byte[] list, int count, int n) {
        return (short) SHORT.get(list, weightAt(count, n)) & 0xFFFF;
    }

    private static int weightAt(int count, int n) {
        return SLOTS_AT + count * SLOT_BYTES + 2 * n;
    }
}
