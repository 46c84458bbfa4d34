package io.recstream.recommend;

import java.util.Arrays;

/**
 * The K best (item, score) pairs seen so far: higher score first, ties broken by item id so the
 * same scores always give the same list. K is small (10), so an insertion into a sorted array
 * beats a heap and allocates nothing per offer.
 */
public final class TopK {
    private final String[] items;
    private final float[] scores;
    private int size;

    public TopK(int k) {
        this.items = new String[k];
        this.scores = new float[k];
    }

    public void offer(String item, float score) {
        if (!(score == score)) { // NaN never ranks
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
    public int rankOf(String item) {
        for (int n = 0; n < size; n++) {
            if (items[n].equals(item)) {
                return n;
            }
        }
        return -1;
    }

    public int size() {
        return size;
    }

    public String[] items() {
        return Arrays.copyOf(items, size);
    }

    public float[] scores() {
        return Arrays.copyOf(scores, size);
    }

    public void clear() {
        Arrays.fill(items, null);
        size = 0;
    }

    private static boolean before(String item, float score, String otherItem, float otherScore) {
        return score > otherScore || (score == otherScore && item.compareTo(otherItem) < 0);
    }
}
