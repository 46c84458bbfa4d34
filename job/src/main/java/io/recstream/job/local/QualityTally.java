package io.recstream.job.local;

import io.recstream.recommend.QualityOutcome;

/**
 * Running test-then-train figures of a live run, shared between the thread that collects quality
 * outcomes and the one that reports: the whole run so far, and the latest window, so a reader
 * sees the model improving. The figures are over every event of a known user (see
 * {@link HitCounts}).
 */
public final class QualityTally {
    private final HitCounts total = new HitCounts();
    private HitCounts window = new HitCounts();

    public synchronized void add(QualityOutcome q) {
        total.add(q);
        window.add(q);
    }

    public synchronized Snapshot snapshotAndResetWindow() {
        HitCounts.Figure all = total.everyEvent();
        HitCounts.Figure latest = window.everyEvent();
        Snapshot s = new Snapshot(total.events(), all.evaluated(), all.recall(), all.popularityRecall(), all.mrr(),
                latest.recall(), latest.popularityRecall());
        window = new HitCounts();
        return s;
    }

    public synchronized long events() {
        return total.events();
    }

    /** Figures at one moment. */
    public record Snapshot(long events, long evaluated, double hitRate, double popularityHitRate, double mrr,
                           double windowHitRate, double windowPopularityHitRate) {}
}
