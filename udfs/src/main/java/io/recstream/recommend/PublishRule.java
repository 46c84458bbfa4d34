package io.recstream.recommend;

import java.io.Serializable;
import java.util.Arrays;

/**
 * When a user's newly computed top-K replaces the one last published: lists that change a little
 * with every event would flicker in front of the user and flood consumers with versions. A new
 * list is published when
 *
 * <ul>
 *   <li>it is the user's first, or
 *   <li>it follows a purchase and differs from the last one at all: the bought item must leave the
 *       list at once (unless the repeat policy keeps it: it is then in the new list), or
 *   <li>at least {@code minChangedItems} of its items are new (or as many of the last list's are
 *       gone, when the lengths differ), or
 *   <li>its first {@code topItems} items are not the last list's first ones in the same order
 *       (0: this clause is off).
 * </ul>
 *
 * With {@code minChangedItems = 1} and {@code topItems} = K every change is published. Items are
 * compared by their numeric ids, which the lists carry: no name is read.
 */
public final class PublishRule implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int minChangedItems;
    private final int topItems;

    public PublishRule(int minChangedItems, int topItems) {
        if (minChangedItems < 1 || topItems < 0) {
            throw new IllegalArgumentException("min changed items must be at least 1 and top items at least 0, not "
                    + minChangedItems + " and " + topItems);
        }
        this.minChangedItems = minChangedItems;
        this.topItems = topItems;
    }

    /** Whether {@code next} replaces {@code last} (null: nothing published yet); an empty list never does. */
    public boolean publishes(long[] last, long[] next, boolean afterPurchase) {
        if (next.length == 0) {
            return false;
        }
        if (last == null) {
            return true;
        }
        if (afterPurchase) {
            return !Arrays.equals(last, next);
        }
        return topReordered(last, next) || changedItems(last, next) >= minChangedItems;
    }

    private boolean topReordered(long[] last, long[] next) {
        return !Arrays.equals(last, 0, Math.min(topItems, last.length), next, 0, Math.min(topItems, next.length));
    }

    /** How many items one list has that the other has not, the larger count of the two directions. */
    static int changedItems(long[] last, long[] next) {
        return Math.max(missingFrom(last, next), missingFrom(next, last));
    }

    /** The items of {@code from} that {@code in} does not hold (lists of K, K about 10: a scan beats hashing). */
    private static int missingFrom(long[] in, long[] from) {
        int missing = 0;
        for (long item : from) {
            if (!contains(in, item)) {
                missing++;
            }
        }
        return missing;
    }

    private static boolean contains(long[] items, long item) {
        for (long candidate : items) {
            if (candidate == item) {
                return true;
            }
        }
        return false;
    }
}
