package io.recstream.recommend;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * What the {@code UserLearner} keeps per user, in one keyed ValueState so that an event costs
 * one state read and one write (RocksDB round trips are the main per-event cost).
 * A Flink POJO; bounded: {@code seen} and {@code recent} have fixed capacities.
 */
public class UserProfile {
    public float[] vector;
    /** Items the user interacted with, oldest first; never recommended again. */
    public String[] seen = new String[0];
    /** The latest distinct items, most recent first: co-occurrence context and candidates. */
    public String[] recent = new String[0];
    public long interactions;
    public long searches;
    public long lastTs;
    /** The list the job last recommended, to score the user's next interaction against it. */
    public String[] lastRecommended = new String[0];

    public UserProfile() {}

    public UserProfile(float[] vector) {
        this.vector = vector;
    }

    public Set<String> seenSet() {
        return new HashSet<>(Arrays.asList(seen));
    }

    /** Records an interaction with {@code item}; {@code seenSet} is kept in step. */
    public void remember(String item, Set<String> seenSet, int maxSeen, int maxRecent) {
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
    public static String[] moveToFront(String[] list, String item, int capacity) {
        if (capacity <= 0) {
            return list;
        }
        int existing = -1;
        for (int n = 0; n < list.length; n++) {
            if (list[n].equals(item)) {
                existing = n;
                break;
            }
        }
        String[] next;
        if (existing >= 0) {
            next = list;
            System.arraycopy(list, 0, next, 1, existing);
        } else {
            next = new String[Math.min(list.length + 1, capacity)];
            System.arraycopy(list, 0, next, 1, next.length - 1);
        }
        next[0] = item;
        return next;
    }
}
