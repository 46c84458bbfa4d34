package io.recstream.job.evaluate;

import io.recstream.job.local.HitCounts;
import io.recstream.recommend.QualityOutcome;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The figures of one prequential run: recall@10 (hits / evaluated), MRR@10, the popularity
 * baseline on the same events, and the same per window of consecutive events in time order.
 */
public final class EvaluationResult {
    public final long events;
    public final long evaluated;
    public final long hits;
    public final double recall;
    public final double mrr;
    public final double popularityRecall;
    public final List<Window> windows;

    private EvaluationResult(long events, long evaluated, long hits, double recall, double mrr,
                             double popularityRecall, List<Window> windows) {
        this.events = events;
        this.evaluated = evaluated;
        this.hits = hits;
        this.recall = recall;
        this.mrr = mrr;
        this.popularityRecall = popularityRecall;
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
                windows.add(new Window(windowStart, n + 1L, window.evaluated(), window.recall(), window.mrr(),
                        window.popularityRecall(), ordered.get(n).ts));
                windowStart = n + 1L;
                window = new HitCounts();
            }
        }
        return new EvaluationResult(total.events(), total.evaluated(), total.hits(), total.recall(), total.mrr(),
                total.popularityRecall(), windows);
    }

    /** The one-line summary, exactly {@code recall@10=0.1234 mrr@10=0.0456 evaluated=99057 events=100000}. */
    public String summaryLine() {
        return String.format(Locale.ROOT, "recall@10=%.4f mrr@10=%.4f evaluated=%d events=%d", recall, mrr, evaluated, events);
    }

    /** Events [fromEvent, toEvent) of the run in time order. */
    public record Window(long fromEvent, long toEvent, long evaluated, double recall, double mrr,
                         double popularityRecall, long lastTs) {}
}
