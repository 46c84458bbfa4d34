package io.recstream.experiment;

import io.recstream.learn.LearningConfig;

import java.io.Serializable;

/**
 * One arm of an experiment: its name (on every list its users get), its share of the users, and
 * how its lists are scored: the job's learning settings with the bucket's overrides of the
 * scoring options (blend weights, re-find policy, list length), and whether the ranking model
 * orders its lists. Learning itself is the same for every bucket: all users train one model.
 */
public final class Bucket implements Serializable {
    private static final long serialVersionUID = 1L;

    public final String name;
    /** Relative share of the users: a bucket gets share / (sum of shares) of them. */
    public final int share;
    public final LearningConfig scoring;
    /** Whether the ranking model orders this bucket's lists (false: they keep the blend order). */
    public final boolean ranked;

    public Bucket(String name, int share, LearningConfig scoring, boolean ranked) {
        if (name == null || name.isBlank() || share < 1) {
            throw new IllegalArgumentException("a bucket needs a name and a share of at least 1: " + name + ":" + share);
        }
        this.name = name;
        this.share = share;
        this.scoring = scoring;
        this.ranked = ranked;
    }

    /**
     * How many candidates a live list of this bucket carries out of the user-learner: the ranking
     * model's candidates when it orders the list, else only the list itself, since the rest would
     * be scored, described and then cut before publishing.
     */
    public int liveCandidates() {
        return ranked ? scoring.rankingCandidates : scoring.topK;
    }
}
