package io.recstream.job.local;

import io.recstream.recommend.QualityOutcome;

/**
 * Test-then-train counts over quality outcomes: events, evaluated ones, hits of the model and of
 * popularity alone, and reciprocal ranks; the figures recall@10, MRR@10 and popularity recall@10.
 * Not thread-safe: callers that share one synchronise.
 */
public final class HitCounts {
    private long events;
    private long evaluated;
    private long hits;
    private long popularityHits;
    private double reciprocalRanks;

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

    public long events() {
        return events;
    }

    public long evaluated() {
        return evaluated;
    }

    public long hits() {
        return hits;
    }

    public double recall() {
        return evaluated == 0 ? 0 : (double) hits / evaluated;
    }

    public double mrr() {
        return evaluated == 0 ? 0 : reciprocalRanks / evaluated;
    }

    public double popularityRecall() {
        return evaluated == 0 ? 0 : (double) popularityHits / evaluated;
    }
}
