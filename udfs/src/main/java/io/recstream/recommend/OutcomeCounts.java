package io.recstream.recommend;

/**
 * Test-then-train counts summed over {@link QualityOutcome}s: events, evaluated events, hits of
 * the model's list and of popularity, and the sum of reciprocal ranks, so figures over any span
 * are the sums of their parts. A POJO, so a subtask's counts cross the job as one small record
 * instead of one outcome per event.
 */
public class OutcomeCounts {
    public long events;
    public long evaluated;
    public long hits;
    public long popularityHits;
    public double reciprocalRanks;

    public OutcomeCounts() {}

    public void add(QualityOutcome q) {
        events++;
        if (!q.evaluated) {
            return;
        }
        evaluated++;
        if (q.hit()) {
            hits++;
            reciprocalRanks += 1.0 / (q.rank + 1);
        }
        if (q.popularityHit) {
            popularityHits++;
        }
    }

    public void add(OutcomeCounts other) {
        events += other.events;
        evaluated += other.evaluated;
        hits += other.hits;
        popularityHits += other.popularityHits;
        reciprocalRanks += other.reciprocalRanks;
    }

    /** recall@10: hits / evaluated, 0 when nothing was evaluated. */
    public double recall() {
        return evaluated == 0 ? 0 : (double) hits / evaluated;
    }

    /** The same for the ten most popular items the user had not touched. */
    public double popularityRecall() {
        return evaluated == 0 ? 0 : (double) popularityHits / evaluated;
    }

    /** MRR@10: the mean of 1/rank over evaluated events, 0 for a miss. */
    public double mrr() {
        return evaluated == 0 ? 0 : reciprocalRanks / evaluated;
    }
}
