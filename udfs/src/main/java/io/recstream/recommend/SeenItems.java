package io.recstream.recommend;

import com.carrotsearch.hppc.IntHashSet;

/**
 * The items a user interacted with, as a set of 32-bit fingerprints of their numeric ids: what
 * keeps a seen item out of the user's lists at a hash probe per check. The profile stores the
 * fingerprints ({@link UserProfile#seen}), 4 bytes per item instead of the id's 8, which halves
 * the longest part of a grown profile (docs/ARCHITECTURE.md, on the profile's format).
 *
 * <p>A fingerprint is a filter, not an identity: an item the user never saw is taken for seen
 * when its fingerprint equals one of their {@code n} seen items', a chance of {@code n / 2^32}
 * per check (at the default 1,000 seen items, 2.3e-7: one wrongly hidden candidate in four
 * million). It never errs the other way: a seen item is always found. The exact ids of the
 * user's latest items stay in {@link UserProfile#recent}.
 */
public final class SeenItems {
    private final IntHashSet fingerprints = new IntHashSet();

    /**
     * The fingerprint of {@code item}: both halves of the id folded. Ids are 64-bit hashes
     * ({@link io.recstream.event.NumericId}), so every bit is as good as any other.
     */
    public static int fingerprint(long item) {
        return (int) (item ^ (item >>> 32));
    }

    /** Makes this set hold exactly {@code seen}, fingerprints as {@link UserProfile#seen} stores them. */
    public void fill(int[] seen) {
        fingerprints.clear();
        for (int fingerprint : seen) {
            fingerprints.add(fingerprint);
        }
    }

    public boolean contains(long item) {
        return fingerprints.contains(fingerprint(item));
    }

    /** Adds {@code item}; false when it (or an item of the same fingerprint) was in already. */
    boolean add(long item) {
        return fingerprints.add(fingerprint(item));
    }

    void removeFingerprint(int fingerprint) {
        fingerprints.remove(fingerprint);
    }

    public int size() {
        return fingerprints.size();
    }
}
