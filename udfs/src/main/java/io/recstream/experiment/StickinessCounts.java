package io.recstream.experiment;

import com.carrotsearch.hppc.LongHashSet;
import com.carrotsearch.hppc.cursors.LongCursor;

import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * The stickiness of one bucket's lists in one event-time window, as counts that add up: a
 * subtask's share of the window ({@link StickinessCombiner}) or, summed by {@link #merge}, the
 * whole window. Flink serialises it with {@link StickinessCountsSerializer} (it is the window's state).
 * What each count means is in docs/EXPERIMENTS.md.
 */
@TypeInfo(StickinessCountsSerializer.TypeInfo.class)
public class StickinessCounts {
    /** A user's event this long after their previous one opens a new session. */
    public static final long SESSION_GAP_MS = 30L * 60_000L;
    /** A new session at most this long after the user's previous event is a return. */
    public static final long RETURN_WITHIN_MS = 7L * 24 * 3_600_000L;

    public int bucket;
    public long windowStart;
    public long windowEnd;
    /** Users with an event in the window (counted at their first one: previous event before the window). */
    public long users;
    /** Of those, users whose first event in the window opened a new session within 7 days of their previous event. */
    public long returningUsers;
    /** Interactions of users who had a published list at the time. */
    public long interactions;
    /** Of those, interactions with an item of the user's current list. */
    public long clickThroughs;
    /** Purchases of users who had a published list at the time. */
    public long purchases;
    /** Of those, purchases of an item of the user's current list. */
    public long purchasesFromLists;
    public long listsPublished;
    /** The distinct items of the lists published in the window. */
    public LongHashSet shownItems = new LongHashSet();

    public StickinessCounts() {}

    public StickinessCounts(int bucket, long windowStart, long windowEnd) {
        this.bucket = bucket;
        this.windowStart = windowStart;
        this.windowEnd = windowEnd;
    }

    /** Counts one event of the window. */
    public void add(StickinessEvent e) {
        if (e.previousTs < windowStart) {
            users++;
            long away = e.ts - e.previousTs;
            if (e.previousTs > 0 && away >= SESSION_GAP_MS && away <= RETURN_WITHIN_MS) {
                returningUsers++;
            }
        }
        if (e.interaction && e.hadList) {
            interactions++;
            if (e.fromList) {
                clickThroughs++;
            }
            if (e.purchase) {
                purchases++;
                if (e.fromList) {
                    purchasesFromLists++;
                }
            }
        }
        if (e.shown != null) {
            listsPublished++;
            for (long item : e.shown) {
                shownItems.add(item);
            }
        }
    }

    /** Adds {@code other}'s counts (of the same bucket and window) to these; returns these. */
    public StickinessCounts merge(StickinessCounts other) {
        users += other.users;
        returningUsers += other.returningUsers;
        interactions += other.interactions;
        clickThroughs += other.clickThroughs;
        purchases += other.purchases;
        purchasesFromLists += other.purchasesFromLists;
        listsPublished += other.listsPublished;
        for (LongCursor item : other.shownItems) {
            shownItems.add(item.value);
        }
        return this;
    }

    public StickinessCounts copy() {
        StickinessCounts c = new StickinessCounts(bucket, windowStart, windowEnd);
        c.merge(this);
        return c;
    }
}
