package io.recstream.functions;

import com.carrotsearch.hppc.LongHashSet;
import com.carrotsearch.hppc.cursors.LongCursor;

import java.util.Arrays;

/**
 * The item-learner's items waiting to be published, in two tiers: an item whose neighbours or
 * popularity changed waits for the next point of the short interval's grid, one changed only by
 * factor steps for the next point of the long interval's. An item waits in one tier at a time:
 * a change for the short one moves it there (its publication carries the factor steps too), and
 * one for the long tier leaves an item waiting in the short one where it is.
 *
 * <p>Each tier needs one timer of the operator, not one per item: {@link #add} returns the grid
 * point to set a timer for when the tier had none pending, and a tier's timer publishes every
 * item waiting in it ({@link #drainSoon}, {@link #drainLater}), in the order of their ids: HPPC
 * iterates each set in an order of its own, and the same input should publish in the same order.
 */
final class PendingPublications {
    /** No timer needed: the tier has one pending. */
    static final long NONE = -1;

    private final long shortMs;
    private final long longMs;
    private final LongHashSet soon = new LongHashSet();
    private final LongHashSet later = new LongHashSet();
    private boolean soonTimer;
    private boolean laterTimer;

    /** @param shortMs the short interval, at least 1; {@code longMs} shorter than it counts as it */
    PendingPublications(long shortMs, long longMs) {
        if (shortMs < 1) {
            throw new IllegalArgumentException("the publish interval must be at least 1 ms: " + shortMs);
        }
        this.shortMs = shortMs;
        this.longMs = Math.max(shortMs, longMs);
    }

    /**
     * Item {@code item} changed at processing time {@code now}, by factor steps alone or not.
     *
     * @return the time of the timer to set for its tier, {@link #NONE} when that tier has one
     */
    long add(long item, boolean factorOnly, long now) {
        if (factorOnly) {
            if (soon.contains(item)) {
                return NONE;
            }
            later.add(item);
            if (laterTimer) {
                return NONE;
            }
            laterTimer = true;
            return next(now, longMs);
        }
        later.remove(item);
        soon.add(item);
        if (soonTimer) {
            return NONE;
        }
        soonTimer = true;
        return next(now, shortMs);
    }

    /** Whether {@code item} waits in a tier. */
    boolean contains(long item) {
        return soon.contains(item) || later.contains(item);
    }

    /** How many items wait. */
    int size() {
        return soon.size() + later.size();
    }

    /** The short tier's timer fired: its items, which wait no more (the caller publishes them). */
    long[] drainSoon() {
        soonTimer = false;
        return drain(soon);
    }

    /** The long tier's timer fired: its items, which wait no more. */
    long[] drainLater() {
        laterTimer = false;
        return drain(later);
    }

    /** Every waiting item, from both tiers (their timers stay set and will find nothing). */
    long[] drainAll() {
        long[] all = new long[size()];
        int n = 0;
        for (LongCursor c : soon) {
            all[n++] = c.value;
        }
        for (LongCursor c : later) {
            all[n++] = c.value;
        }
        soon.clear();
        later.clear();
        Arrays.sort(all);
        return all;
    }

    private static long[] drain(LongHashSet tier) {
        long[] items = tier.toArray();
        tier.clear();
        Arrays.sort(items);
        return items;
    }

    /** The first point of the interval's grid after {@code now}. */
    private static long next(long now, long intervalMs) {
        return (now / intervalMs + 1) * intervalMs;
    }
}
