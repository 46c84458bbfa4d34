package io.recstream.job.local;

import io.recstream.recommend.QualityOutcome;

/**
 * Running test-then-train figures over the quality outcomes of a run: hit rate@K of the model and
 * of popularity alone on the same events, mean reciprocal rank, and the same over the latest
 * window so a reader sees the model improving.
 */
public final class QualityTally {
    private long events;
    private long evaluated;
    private long hits;
    private long popularityHits;
    private double reciprocalRanks;
    private long windowEvaluated;
    private long windowHits;
    private long windowPopularityHits;

    public synchronized void add(QualityOutcome q) {
        events++;
        if (!q.evaluated) {
            return;
        }
        evaluated++;
        windowEvaluated++;
        if (q.hit()) {
            hits++;
            windowHits++;
            reciprocalRanks += 1.0 / (q.rank + 1);
        }
        if (q.popularityHit) {
            popularityHits++;
            windowPopularityHits++;
        }
    }

    public synchronized Snapshot snapshotAndResetWindow() {
        Snapshot s = new Snapshot(events, evaluated, ratio(hits, evaluated), ratio(popularityHits, evaluated),
                evaluated == 0 ? 0 : reciprocalRanks / evaluated,
                ratio(windowHits, windowEvaluated), ratio(windowPopularityHits, windowEvaluated));
        windowEvaluated = 0;
        windowHits = 0;
        windowPopularityHits = 0;
        return s;
    }

    public synchronized long events() {
        return events;
    }

    private static double ratio(long a, long b) {
        return b == 0 ? 0.0 : (double) a / b;
    }

    /** Figures at one moment. */
    public record Snapshot(long events, long evaluated, double hitRate, double popularityHitRate, double mrr,
                           double windowHitRate, double windowPopularityHitRate) {}
}
