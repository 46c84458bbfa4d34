package io.recstream.recommend;

/** A user's freshly computed top-K, on its way from the learner to the publisher. A Flink POJO. */
public class UserRecommendations {
    public String user;
    public String[] items;
    public float[] scores;
    /** Event time of the event that caused this list. */
    public long ts;
    public String channel;

    public UserRecommendations() {}

    public UserRecommendations(String user, String[] items, float[] scores, long ts, String channel) {
        this.user = user;
        this.items = items;
        this.scores = scores;
        this.ts = ts;
        this.channel = channel;
    }
}
