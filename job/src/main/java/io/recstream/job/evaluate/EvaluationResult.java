package io.recstream.job.evaluate;

import io.recstream.job.local.HitCounts;
import io.recstream.job.local.HitCounts.Figure;
import io.recstream.recommend.QualityOutcome;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The figures of one prequential run, each over every event of a known user (the reference
 * protocol) and over new items only (see {@link HitCounts}): recall@10, MRR@10, the popularity
 * baseline on the same events; the share of repeats; and the same per window of consecutive
 * events in time order.
 */
public final class EvaluationResult {
    public final long events;
    /** Over every event of a known user: the reference protocol's figure. */
    public final Figure everyEvent;
    /** Over events whose item is new to the user. */
    public final Figure newItems;
    public final double repeatShare;
    public final List<Window> windows;

    private EvaluationResult(long events, Figure everyEvent, Figure newItems, double repeatShare, List<Window> windows) {
        this.events = events;
        this.everyEvent = everyEvent;
        this.newItems = newItems;
        this.repeatShare = repeatShare;
        this.windows = windows;
    }

    /** Figures of {@code outcomes}, windows of {@code windowSize} events in event-time order. */
    public static EvaluationResult of(List<QualityOutcome> outcomes, int windowSize) {
        List<QualityOutcome> ordered = new ArrayList<>(outcomes);
        ordered.sort(Comparator.comparingLong(q -> q.ts)); // stable: ties keep arrival order
        HitCounts total = new HitCounts();
        HitCounts window = new HitCounts();
        List<Window> windows = new ArrayList<>();
        long windowStart = 0;
        for (int n = 0; n < ordered.size(); n++) {
            QualityOutcome q = ordered.get(n);
            total.add(q);
            window.add(q);
            if (window.events() == windowSize || n == ordered.size() - 1) {
                windows.add(new Window(windowStart, n + 1L, window.everyEvent(), window.newItems(), window.repeatShare(),
                        ordered.get(n).ts));
                windowStart = n + 1L;
                window = new HitCounts();
            }
        }
        return new EvaluationResult(total.events(), total.everyEvent(), total.newItems(), total.repeatShare(), windows);
    }

    /**
     * The one-line summary, each figure labelled, e.g. {@code every event of a known user:
     * recall@10=0.1234 mrr@10=0.0456 evaluated=99057 | new items only: recall@10=0.1301
     * mrr@10=0.0480 evaluated=93950 | repeat-share=0.0516 events=100000}.
     */
    public String summaryLine() {
        return String.format(Locale.ROOT, "every event of a known user: %s | new items only: %s | repeat-share=%.4f events=%d",
                summary(everyEvent), summary(newItems), repeatShare, events);
    }

    private static String summary(Figure f) {
        return String.format(Locale.ROOT, "recall@10=%.4f mrr@10=%.4f evaluated=%d", f.recall(), f.mrr(), f.evaluated());
    }

    /** Events [fromEvent, toEvent) of the run in time order. */
    public record Window(long fromEvent, long toEvent, Figure everyEvent, Figure newItems, double repeatShare, long lastTs) {}
}
