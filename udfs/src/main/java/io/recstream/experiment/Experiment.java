package io.recstream.experiment;

import io.recstream.learn.LearningConfig;
import io.recstream.learn.StableHash;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Comparator;

/**
 * The buckets users are split into, and which bucket a user is in: a salted, stable 64-bit hash
 * of the user's numeric id (itself a stable hash of the canonical user id, see
 * {@code NumericId}) mapped onto the buckets' shares. Stable: the same user is in the same bucket
 * in every subtask, restart and rescale, with no state; salted: another salt splits the users
 * afresh, independently of the last experiment.
 *
 * <p>Buckets are ordered by name, so the assignment does not depend on the order they were
 * written in. The bucket is recomputed from the id wherever it is needed: a few multiplications,
 * no allocation and no string, cheaper than reading it from state.
 */
public final class Experiment implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The name of the only bucket when no experiment is configured. */
    public static final String DEFAULT_BUCKET = "default";

    private final Bucket[] buckets;
    private final long salt;
    /** upperBound[b]: the hash points below it (and at or above upperBound[b - 1]) fall into bucket b. */
    private final long[] upperBound;

    public Experiment(String salt, Bucket... buckets) {
        if (buckets.length == 0) {
            throw new IllegalArgumentException("an experiment needs at least one bucket");
        }
        this.buckets = buckets.clone();
        Arrays.sort(this.buckets, Comparator.comparing((Bucket b) -> b.name));
        for (int b = 1; b < this.buckets.length; b++) {
            if (this.buckets[b].name.equals(this.buckets[b - 1].name)) {
                throw new IllegalArgumentException("bucket " + this.buckets[b].name + " is defined twice");
            }
        }
        this.salt = StableHash.of(salt);
        this.upperBound = new long[this.buckets.length];
        long sum = 0;
        for (int b = 0; b < this.buckets.length; b++) {
            sum += this.buckets[b].share;
            upperBound[b] = sum;
        }
    }

    /** No experiment: every user in the one bucket {@value #DEFAULT_BUCKET}, scored by the job's settings. */
    public static Experiment single(LearningConfig config, boolean ranked) {
        return new Experiment("", new Bucket(DEFAULT_BUCKET, 1, config, ranked));
    }

    /** The index of the user's bucket (into {@link #bucket}). */
    public int bucketOf(long userId) {
        if (buckets.length == 1) {
            return 0;
        }
        long point = Long.remainderUnsigned(StableHash.mix(userId ^ salt), upperBound[upperBound.length - 1]);
        int b = 0;
        while (point >= upperBound[b]) {
            b++;
        }
        return b;
    }

    public int size() {
        return buckets.length;
    }

    public Bucket bucket(int index) {
        return buckets[index];
    }

    /** The bucket names by index. */
    public String[] names() {
        String[] names = new String[buckets.length];
        for (int b = 0; b < names.length; b++) {
            names[b] = buckets[b].name;
        }
        return names;
    }

    /** The longest list any bucket publishes. */
    public int maxTopK() {
        int k = 0;
        for (Bucket b : buckets) {
            k = Math.max(k, b.scoring.topK);
        }
        return k;
    }

    /** Whether any bucket's lists go through the ranking model. */
    public boolean anyRanked() {
        for (Bucket b : buckets) {
            if (b.ranked) {
                return true;
            }
        }
        return false;
    }
}
