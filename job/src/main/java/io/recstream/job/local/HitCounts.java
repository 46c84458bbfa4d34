package io.recstream.job.local;

import io.recstream.recommend.OutcomeCounts;
import io.recstream.recommend.QualityOutcome;

/**
 * Test-then-train counts over quality outcomes, as two figures: over every event of a known user
 * (the reference protocol; an item the user already touched is never listed, so such a repeat is
 * a miss) and over new items only (events whose item the user had not touched), with the share
 * of repeats among evaluated events. Not thread-safe: callers that share one synchronise.
 */
public final class HitCounts {
    private long events;
    private final OutcomeCounts everyEvent = new OutcomeCounts();
    private final OutcomeCounts newItems = new OutcomeCounts();

    public void add(QualityOutcome q) {
        events++;
        if (!q.evaluated) {
            return;
        }
        everyEvent.add(q);
        if (!q.repeat) {
            newItems.add(q);
        }
    }

    public long events() {
        return events;
    }

    /** Over every event of a known user: the reference protocol's figure. */
    public Figure everyEvent() {
        return figure(everyEvent);
    }

    /** Over events whose item is new to the user. */
    public Figure newItems() {
        return figure(newItems);
    }

    /** Share of evaluated events whose item the user had already touched. */
    public double repeatShare() {
        return everyEvent.evaluated == 0 ? 0 : (double) (everyEvent.evaluated - newItems.evaluated) / everyEvent.evaluated;
    }

    /**
     * recall@10 = hits / evaluated; MRR@10 = mean of 1/rank, 0 for a miss; popularity recall@10
     * the same as recall for the ten most popular items the user has not touched.
     */
    public record Figure(long evaluated, long hits, double recall, double mrr, double popularityRecall) {}

    private static Figure figure(OutcomeCounts counts) {
        return new Figure(counts.evaluated, counts.hits, counts.recall(), counts.mrr(), counts.popularityRecall());
    }
}
