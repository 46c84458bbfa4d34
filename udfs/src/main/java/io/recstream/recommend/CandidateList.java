package io.recstream.recommend;

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
    /** Evaluation only: whether popularity alone would have recommended the target. */
    public boolean popularityHit;
    /** Which model ordered the list: "blend" until a ranking model has scored it. */
    public String rankedBy = "blend";

    public CandidateList() {}

    public int size() {
        return items.length;
    }
}
