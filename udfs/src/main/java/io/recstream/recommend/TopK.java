package io.recstream.recommend;

import java.util.Arrays;

/**
 * The K best (item, score) pairs seen so far, items by numeric id: higher score first, ties
 * broken by the smaller id so the same scores always give the same list. K is small (10 to a
 * few hundred candidates), so an insertion into a sorted array beats a heap and allocates
 * nothing per offer; {@link #clear} makes it reusable across calls.
 */
public final class TopK {
    private final long[] items;
    private final float[] scores;
    private int size;

    public TopK(int k) {
        this.items = new long[k];
        this.scores = new float[k];
    }

    public void offer(long item, float score) {
        if (!(score == score) || items.length == 0) { // NaN never ranks
            return;
        }
        if (size == items.length && !before(item, score, items[size - 1], scores[size - 1])) {
            return;
        }
        int pos = size == items.length ? size - 1 : size;
        while (pos > 0 && before(item, score, items[pos - 1], scores[pos - 1])) {
            items[pos] = items[pos - 1];
            scores[pos] = scores[pos - 1];
            pos--;
        }
        items[pos] = item;
        scores[pos] = score;
        if (size < items.length) {
            size++;
        }
    }

    /** Position of {@code item} in the list (0 = best), or -1. */
    public int rankOf(long item) {
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
        return items[rank];
    }

    /** The score at {@code rank}. */
    public float score(int rank) {
        return scores[rank];
    }

    /** The first {@code n} items (fewer when it holds fewer), best first, as a new array. */
    public long[] items(int n) {
        return Arrays.copyOf(items, Math.min(n, size));
    }

    public void clear() {
        size = 0;
    }

    private static boolean before(long item, float score, long otherItem, float otherScore) {
        return score > otherScore || (score == otherScore && item < otherItem);
    }
}
