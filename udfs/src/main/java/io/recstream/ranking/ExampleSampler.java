package io.recstream.ranking;

import io.recstream.learn.StableHash;

import java.io.Serializable;

/**
 * Which users' lists go to the ranking-examples topic: a fixed share of users, decided by their
 * numeric id alone, so a sampled user's lists are all there (each list's label is the user's
 * next interaction, the event of the user's next list) and every subtask and restart agrees.
 * The id is mixed with a salt of its own, so the sample is independent of the experiment
 * buckets, which split users by the same id.
 */
public final class ExampleSampler implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final long SALT = 0x6e0a5f3b2c91d47aL;

    /** Users whose mixed id, as an unsigned number, is below this are sampled. */
    private final long threshold;

    /** @param rate the share of users sampled, in (0, 1] */
    public ExampleSampler(double rate) {
        if (!(rate > 0 && rate <= 1)) {
            throw new IllegalArgumentException("sample rate must be in (0, 1], was " + rate);
        }
        // 2^64 * rate as an unsigned long; every user at rate 1
        threshold = rate >= 1 ? -1L : (long) (rate * 0x1p63) << 1;
    }

    public boolean sampled(long userId) {
        return threshold == -1L || Long.compareUnsigned(StableHash.mix(userId ^ SALT), threshold) < 0;
    }
}
