package io.recstream.recommend;

/**
 * The test half of test-then-train for one interaction: was the item the user went on to touch
 * among what the model recommended (and among what popularity alone would have)? Emitted before
 * the learner learns from the interaction. Only interactions of known users with items new to
 * them are evaluated (recommendations exclude seen items by design).
 */
public class QualityOutcome {
    public String user;
    public String item;
    public long ts;
    public boolean evaluated;
    /** Position of the item in the model's list (0 = first), -1 when it was not in it. */
    public int rank = -1;
    public boolean popularityHit;

    public QualityOutcome() {}

    public static QualityOutcome notEvaluated(String user, String item, long ts) {
        QualityOutcome q = new QualityOutcome();
        q.user = user;
        q.item = item;
        q.ts = ts;
        return q;
    }

    public static QualityOutcome evaluated(String user, String item, long ts, int rank, boolean popularityHit) {
        QualityOutcome q = notEvaluated(user, item, ts);
        q.evaluated = true;
        q.rank = rank;
        q.popularityHit = popularityHit;
        return q;
    }

    public boolean hit() {
        return rank >= 0;
    }
}
