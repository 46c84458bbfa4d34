package io.recstream.recommend;

import com.carrotsearch.hppc.LongHashSet;

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
    public float[] vector;
    /** Items the user interacted with, oldest first; never recommended again. */
    public long[] seen = new long[0];
    /** The latest distinct items, most recent first: co-occurrence context and candidates. */
    public long[] recent = new long[0];
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
    public void seenInto(LongHashSet set) {
        set.clear();
        for (long item : seen) {
            set.add(item);
        }
    }

    /** Records an interaction with {@code item}; {@code seenSet} (see {@link #seenInto}) is kept in step. */
    public void remember(long item, LongHashSet seenSet, int maxSeen, int maxRecent) {
        if (seenSet.add(item)) {
            if (seen.length < maxSeen) {
                seen = Arrays.copyOf(seen, seen.length + 1);
            } else {
                seenSet.remove(seen[0]);
                System.arraycopy(seen, 1, seen, 0, seen.length - 1);
            }
            seen[seen.length - 1] = item;
        }
        recent = moveToFront(recent, item, maxRecent);
    }

    /** {@code list} with {@code item} moved (or added) to the front, at most {@code capacity} long. */
    public static long[] moveToFront(long[] list, long item, int capacity) {
        if (capacity <= 0) {
            return list;
        }
        int existing = -1;
        for (int n = 0; n < list.length; n++) {
            if (list[n] == item) {
                existing = n;
                break;
            }
        }
        long[] next;
        if (existing >= 0) {
            next = list;
            System.arraycopy(list, 0, next, 1, existing);
        } else {
            next = new long[Math.min(list.length + 1, capacity)];
            System.arraycopy(list, 0, next, 1, next.length - 1);
        }
        next[0] = item;
        return next;
    }
}
