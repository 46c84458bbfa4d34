package io.recstream.recommend;

/**
 * The test half of test-then-train for one interaction: was the item the user went on to touch
 * among what the model recommended (and among what popularity alone would have)? Emitted before
 * the learner learns from the interaction. Every interaction of a known user is evaluated; one
 * whose item the user already touched is a {@link #repeat}, always a miss, as lists never hold
 * items the user has seen.
 */
public class QualityOutcome {
    public String user;
    public String item;
    public long ts;
    public boolean evaluated;
    /** Position of the item in the model's list (0 = first), -1 when it was not in it. */
    public int rank = -1;
    public boolean popularityHit;
    /** The user had already touched the item. */
    public boolean repeat;
    /** Evaluation: the verdict of a ranked list (a repeat that no list could hold has none). */
    public boolean ranked;

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

    /** An evaluated event whose item the user already touched: a miss, for the model and for popularity. */
    public static QualityOutcome repeat(String user, String item, long ts) {
        QualityOutcome q = evaluated(user, item, ts, -1, false);
        q.repeat = true;
        return q;
    }

    public boolean hit() {
        return rank >= 0;
    }
}
