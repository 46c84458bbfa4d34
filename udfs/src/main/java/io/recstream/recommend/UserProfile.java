package io.recstream.recommend;

import io.recstream.event.EventType;

import org.apache.flink.api.common.typeinfo.TypeInfo;

import java.util.Arrays;

/**
 * What the {@code UserLearner} keeps per user, in one keyed ValueState so that an event costs
 * one state read and one write (RocksDB round trips are the main per-event cost).
 * Bounded: {@code seen} and {@code recent} have fixed capacities. Items are their numeric ids
 * ({@link io.recstream.event.NumericId}). Serialised by {@link UserProfileSerializer}, the
 * project's own versioned state format.
 */
@TypeInfo(UserProfileSerializer.TypeInfo.class)
public class UserProfile {
    /** {@link #recentBoughtTs} of an item the user rated: consumed for good, never listed again. */
    public static final long CONSUMED = Long.MAX_VALUE;

    public float[] vector;
    /**
     * Items the user interacted with, oldest first, as their {@link SeenItems#fingerprint}s;
     * listed again only as re-find candidates (see {@link #refindable}).
     */
    public int[] seen = new int[0];
    /** The latest distinct items, most recent first: co-occurrence context and candidates. */
    public long[] recent = new long[0];
    /**
     * Per item of {@code recent}: event time of the user's latest purchase of it, 0 if none,
     * {@link #CONSUMED} if they rated it; what decides whether it may come back in a list.
     */
    public long[] recentBoughtTs = new long[0];
    /**
     * How many of the leading items of {@code recent} the user touched in their current session
     * (see {@link #startSessionIfIdle}): the session the session-neighbour candidates match on.
     */
    public int sessionItems;
    public long interactions;
    public long searches;
    public long lastTs;
    /** The list the job last recommended, to score the user's next interaction against it. */
    public long[] lastRecommended = new long[0];

    public UserProfile() {}

    public UserProfile(float[] vector) {
        this.vector = vector;
    }

    /** Fills {@code set}, cleared first, with the seen items: a lookup per check instead of a scan. */
    public void seenInto(SeenItems set) {
        set.fill(seen);
    }

    /**
     * Records an interaction of {@code type} at {@code ts} with {@code item}; {@code seenSet}
     * (see {@link #seenInto}) is kept in step.
     */
    public void remember(long item, EventType type, long ts, SeenItems seenSet, int maxSeen, int maxRecent) {
        if (seenSet.add(item)) {
            if (seen.length < maxSeen) {
                seen = Arrays.copyOf(seen, seen.length + 1);
            } else {
                seenSet.removeFingerprint(seen[0]);
                System.arraycopy(seen, 1, seen, 0, seen.length - 1);
            }
            seen[seen.length - 1] = SeenItems.fingerprint(item);
        }
        touchRecent(item, type == EventType.PURCHASE ? ts : type == EventType.RATING ? CONSUMED : 0L, maxRecent);
    }

    /**
     * Moves {@code item} (or adds it) to the front of {@code recent}, at most {@code capacity}
     * long; its bought time becomes {@code boughtTs} unless that is 0 (not a purchase), which keeps
     * what it was.
     */
    public void touchRecent(long item, long boughtTs, int capacity) {
        if (capacity <= 0) {
            return;
        }
        int existing = -1;
        for (int n = 0; n < recent.length; n++) {
            if (recent[n] == item) {
                existing = n;
                break;
            }
        }
        long bought = boughtTs != 0L ? boughtTs : existing >= 0 ? recentBoughtTs[existing] : 0L;
        long[] ids = recent;
        long[] times = recentBoughtTs;
        int shifted = existing;
        if (existing < 0) {
            int length = Math.min(recent.length + 1, capacity);
            ids = new long[length];
            times = new long[length];
            shifted = length - 1;
        }
        if (existing < 0 || existing >= sessionItems) {
            sessionItems = Math.min(sessionItems + 1, ids.length);
        }
        System.arraycopy(recent, 0, ids, 1, shifted);
        System.arraycopy(recentBoughtTs, 0, times, 1, shifted);
        ids[0] = item;
        times[0] = bought;
        recent = ids;
        recentBoughtTs = times;
    }

    /**
     * Starts a new session, with no items yet, when the event at {@code ts} comes more than
     * {@code gapMs} after the user's previous one.
     */
    public void startSessionIfIdle(long ts, long gapMs) {
        if (ts - lastTs > gapMs) {
            sessionItems = 0;
        }
    }

    /**
     * Whether the {@code k}-th most recent item may come back in a list at {@code now}: never
     * bought, or bought at least {@code purchasePauseMs} ago; a rated item never comes back.
     */
    public boolean refindable(int k, long now, long purchasePauseMs) {
        long bought = recentBoughtTs[k];
        return bought == 0L || (bought != CONSUMED && now - bought >= purchasePauseMs);
    }
}
