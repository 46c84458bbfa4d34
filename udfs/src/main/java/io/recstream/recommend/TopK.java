package io.recstream.recommend;

import java.util.Arrays;

/**
 * The K best (item, score) pairs seen so far, items by numeric id: higher score first, ties
 * broken by the smaller id so the same scores always give the same list. A bounded heap with the
 * worst kept pair at its root, so an offer costs O(log K) and nothing is allocated; the pairs are
 * put in rank order once, when they are first read ({@link #item}, {@link #score},
 * {@link #rankOf}, {@link #items}). {@link #clear} makes it reusable across calls.
 *
 * <p>Each pair may carry the item's replica slot, so that the caller finds the kept items again
 * by an array index rather than a lookup of their ids.
 */
public final class TopK {
    private final long[] items;
    private final float[] scores;
    private final int[] slots;
    private int size;
    /** Scratch of {@link #rank}: the sort keys, and the pairs in heap order while they are moved into rank order. */
    private final long[] keys;
    private final long[] heapItems;
    private final float[] heapScores;
    private final int[] heapSlots;
    /**
     * Whether the arrays hold the pairs best first (after a read) rather than as a heap. A list
     * sorted best first, read backwards, is a heap again: an offer after a read reverses it.
     */
    private boolean ranked;

    public TopK(int k) {
        this.items = new long[k];
        this.scores = new float[k];
        this.slots = new int[k];
        this.keys = new long[k];
        this.heapItems = new long[k];
        this.heapScores = new float[k];
        this.heapSlots = new int[k];
    }

    /** {@link #offer(long, int, float)} with no slot (-1). */
    public void offer(long item, float score) {
        offer(item, -1, score);
    }

    /** Offers {@code item}, found in replica slot {@code slot}, with {@code score}. */
    public void offer(long item, int slot, float score) {
        if (!accepts(item, score)) {
            return;
        }
        if (ranked) {
            reverse();
            ranked = false;
        }
        if (size < items.length) {
            siftUp(size++, item, slot, score);
        } else {
            siftDown(0, item, slot, score);
        }
    }

    /**
     * Whether {@link #offer} would keep this pair now: lets a caller skip costlier checks (was the
     * item seen?) for a pair that cannot make the list anyway.
     */
    public boolean accepts(long item, float score) {
        if (!(score == score) || items.length == 0) { // NaN never ranks
            return false;
        }
        if (size < items.length) {
            return true;
        }
        int worst = ranked ? size - 1 : 0;
        return before(item, score, items[worst], scores[worst]);
    }

    /** Position of {@code item} in the list (0 = best), or -1. */
    public int rankOf(long item) {
        rank();
        for (int n = 0; n < size; n++) {
            if (items[n] == item) {
                return n;
            }
        }
        return -1;
    }

    public int capacity() {
        return items.length;
    }

    public int size() {
        return size;
    }

    /** The item at {@code rank} (0 = best). */
    public long item(int rank) {
        rank();
        return items[rank];
    }

    /** The replica slot given with the item at {@code rank} (-1: none given). */
    public int slot(int rank) {
        rank();
        return slots[rank];
    }

    /** The score at {@code rank}. */
    public float score(int rank) {
        rank();
        return scores[rank];
    }

    /** The first {@code n} items (fewer when it holds fewer), best first, as a new array. */
    public long[] items(int n) {
        rank();
        return Arrays.copyOf(items, Math.min(n, size));
    }

    public void clear() {
        size = 0;
        ranked = false;
    }

    /**
     * Puts the pairs best first. Sorts one {@code long} per pair, the score's bits made to order as
     * scores do (reversed) above the pair's position, rather than a heap sort, whose compares of
     * two pairs go either way at random (a mispredicted branch each); then each run of equal scores
     * (rare) in id order.
     */
    private void rank() {
        if (ranked) {
            return;
        }
        for (int n = 0; n < size; n++) {
            keys[n] = ((long) ~ListOrder.orderedBits(scores[n] + 0f) << 32) | n; // + 0f: -0 ties with 0, as in before()
        }
        Arrays.sort(keys, 0, size);
        System.arraycopy(items, 0, heapItems, 0, size);
        System.arraycopy(scores, 0, heapScores, 0, size);
        System.arraycopy(slots, 0, heapSlots, 0, size);
        for (int n = 0; n < size; n++) {
            int from = (int) keys[n];
            items[n] = heapItems[from];
            scores[n] = heapScores[from];
            slots[n] = heapSlots[from];
        }
        for (int from = 0, to; from < size; from = to) {
            to = from + 1;
            while (to < size && keys[to] >>> 32 == keys[from] >>> 32) {
                to++;
            }
            if (to - from > 1) {
                byId(from, to);
            }
        }
        ranked = true;
    }

    /** Insertion sort of the pairs in {@code [from, to)}, equal scores, by id. */
    private void byId(int from, int to) {
        for (int i = from + 1; i < to; i++) {
            long item = items[i];
            float score = scores[i];
            int slot = slots[i];
            int j = i - 1;
            while (j >= from && items[j] > item) {
                items[j + 1] = items[j];
                scores[j + 1] = scores[j];
                slots[j + 1] = slots[j];
                j--;
            }
            items[j + 1] = item;
            scores[j + 1] = score;
            slots[j + 1] = slot;
        }
    }

    private void reverse() {
        for (int i = 0, j = size - 1; i < j; i++, j--) {
            long item = items[i];
            items[i] = items[j];
            items[j] = item;
            float score = scores[i];
            scores[i] = scores[j];
            scores[j] = score;
            int slot = slots[i];
            slots[i] = slots[j];
            slots[j] = slot;
        }
    }

    /** Places the pair at {@code pos} or above it, moving better parents down. */
    private void siftUp(int pos, long item, int slot, float score) {
        while (pos > 0) {
            int parent = (pos - 1) >>> 1;
            if (!before(items[parent], scores[parent], item, score)) {
                break;
            }
            items[pos] = items[parent];
            scores[pos] = scores[parent];
            slots[pos] = slots[parent];
            pos = parent;
        }
        items[pos] = item;
        scores[pos] = score;
        slots[pos] = slot;
    }

    /** Places the pair at {@code pos} or below it, moving worse children up. */
    private void siftDown(int pos, long item, int slot, float score) {
        int half = size >>> 1;
        while (pos < half) {
            int child = 2 * pos + 1;
            int right = child + 1;
            if (right < size && before(items[child], scores[child], items[right], scores[right])) {
                child = right;
            }
            if (!before(item, score, items[child], scores[child])) {
                break;
            }
            items[pos] = items[child];
            scores[pos] = scores[child];
            slots[pos] = slots[child];
            pos = child;
        }
        items[pos] = item;
        scores[pos] = score;
        slots[pos] = slot;
    }

    /** Whether (item, score) ranks before (otherItem, otherScore). */
    private static boolean before(long item, float score, long otherItem, float otherScore) {
        return score > otherScore || (score == otherScore && item < otherItem);
    }
}
