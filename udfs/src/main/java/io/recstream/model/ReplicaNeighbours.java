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
 * <p>A slot's three bytes are in two planes: the low bytes of all slots first ({@code n} bytes),
 * then their high 16 bits ({@code n} shorts). A lookup ({@link #indexOf}, ~40 per interaction)
 * compares the low bytes of eight slots at once, in one {@code long}, and reads the rest of a slot
 * only where its low byte matches (about one in 256).
 *
 * <p>The length of the array gives {@code n} ({@code length = 4 + 5 n}; no neighbours: empty).
 * Positions follow the owner's list of ids position for position ({@link Neighbours}). The layout
 * lives on the heap only: a replica's checkpoint writes ids and float weights.
 */
public final class ReplicaNeighbours {
    /** The list of no neighbours. */
    public static final byte[] EMPTY = new byte[0];
    /** Slots a list can name: 2^24. */
    static final int MAX_SLOTS = 1 << 24;

    private static final int SLOT_BYTES = 3;
    private static final int BYTES = SLOT_BYTES + 2;
    /** The mass comes first, then the slots' low bytes, then their high 16 bits. */
    private static final int SLOTS_AT = 4;
    /** A byte's value in each of a long's eight bytes. */
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
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
        return list[SLOTS_AT + n] & 0xFF | high(list, count(list), n) << 8;
    }

    /** The high 16 bits of the slot of neighbour {@code n} of the {@code count} in {@code list}. */
    private static int high(byte[] list, int count, int n) {
        return (short) SHORT.get(list, SLOTS_AT + count + 2 * n) & 0xFFFF;
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
        list[SLOTS_AT + n] = (byte) slot;
        SHORT.set(list, SLOTS_AT + count(list) + 2 * n, (short) (slot >>> 8));
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
     * bytes eight at a time (a zero byte of {@code low bytes ^ the wanted byte in every byte} marks
     * a match) and reads a whole slot only where a low byte matches (about one in 256): a replica
     * looks up a neighbour for every co-occurrence it learns, ~40 per interaction.
     */
    static int indexOf(byte[] list, int slot) {
        int count = count(list);
        int n = 0;
        long wanted = (slot & 0xFF) * ONES;
        for (; n + 8 <= count; n += 8) {
            long x = (long) LONG.get(list, SLOTS_AT + n) ^ wanted;
            // every zero byte of x sets its high bit here; a byte above a zero one may too (the
            // borrow), so each candidate is checked in full
            long zeros = (x - ONES) & ~x & HIGH_BITS;
            while (zeros != 0) {
                int at = n + (Long.numberOfTrailingZeros(zeros) >>> 3);
                if (slot(list, at) == slot) {
                    return at;
                }
                zeros &= zeros - 1;
            }
        }
        for (byte low = (byte) slot; n < count; n++) {
            if (list[SLOTS_AT + n] == low && slot(list, n) == slot) {
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

    /**
     * The first position from {@code from} on whose weight has code {@code code}, -1 when none:
     * where the weakest neighbour is after the one before it grew ({@link Neighbours}).
     */
    static int nextWithCode(byte[] list, int from, int code) {
        int count = count(list);
        for (int n = from, at = weightAt(count, from); n < count; n++, at += 2) {
            if (((list[at] & 0xFF) | (list[at + 1] & 0xFF) << 8) == code) {
                return n;
            }
        }
        return -1;
    }

    /** {@code list} with one more neighbour at the end: {@code slot}, weight 0. */
    static byte[] append(byte[] list, int slot) {
        int count = count(list);
        byte[] grown = ofCount(count + 1);
        if (count > 0) {
            System.arraycopy(list, 0, grown, 0, SLOTS_AT + count); // the mass and the low bytes
            System.arraycopy(list, SLOTS_AT + count, grown, SLOTS_AT + count + 1, 2 * count); // the high bits
            System.arraycopy(list, weightAt(count, 0), grown, weightAt(count + 1, 0), 2 * count);
        }
        setSlot(grown, count, slot);
        return grown;
    }

    /** The {@link Weight16} code of the weight of neighbour {@code n} of the {@code count} in {@code list}. */
    static int code(byte[] list, int count, int n) {
        return (short) SHORT.get(list, weightAt(count, n)) & 0xFFFF;
    }

    private static int weightAt(int count, int n) {
        return SLOTS_AT + count * SLOT_BYTES + 2 * n;
    }
}
