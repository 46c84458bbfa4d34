package io.recstream.recommend;

import java.util.Arrays;

/**
 * A user's candidates with their features, on the way from the user-learner through the
 * ranking model to the publisher (live) or to the quality check (evaluation). A Flink POJO.
 *
 * <p>{@code features} is row-major: candidate {@code n}'s features are
 * {@code features[n * RankingFeatures.COUNT ...]}. {@code scores} starts as the blend score and
 * is replaced by the ranking model's when it answers in time.
 */
public class CandidateList {
    public String user;
    /** The user's numeric id: the key of the publisher. */
    public long userId;
    /** The candidates' numeric ids, in the order of {@code items}. */
    public long[] itemIds;
    /** The candidates' names. */
    public String[] items;
    public float[] scores;
    public float[] features;
    /** Event time of the event that asked for the list. */
    public long ts;
    public String channel;
    /** Evaluation only: the item the user went on to interact with, null in live mode. */
    public String target;
    /** Evaluation only: whether the user had interacted with the target before (a repeat). */
    public boolean targetSeen;
    /** Evaluation only: whether popularity alone would have recommended the target. */
    public boolean popularityHit;
    /** Which model ordered the list: "blend" until a ranking model has scored it. */
    public String rankedBy = "blend";
    /** The model-store version of the ranking model to order the list with, null for the configured model. */
    public String rankerVersion;

    public CandidateList() {}

    public int size() {
        return items.length;
    }

    /** A new list of this one's first {@code k} candidates (features included), the rest as here. */
    public CandidateList top(int k) {
        int n = Math.min(k, size());
        CandidateList top = new CandidateList();
        top.user = user;
        top.userId = userId;
        top.itemIds = Arrays.copyOf(itemIds, n);
        top.items = Arrays.copyOf(items, n);
        top.scores = Arrays.copyOf(scores, n);
        top.features = Arrays.copyOf(features, n * RankingFeatures.COUNT);
        top.ts = ts;
        top.channel = channel;
        top.target = target;
        top.targetSeen = targetSeen;
        top.popularityHit = popularityHit;
        top.rankedBy = rankedBy;
        top.rankerVersion = rankerVersion;
        return top;
    }
}
