package io.recstream.job.evaluate;

import io.recstream.ranking.ModelSwap;
import io.recstream.recommend.CandidateList;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code evaluate --retrain-every N}: what the retraining stage did, checked from outside it. It
 * hears the stage's swaps (each model's training window) and every evaluated list (which model
 * ranked it, at what event time), so it can tell whether every model ranked only events after
 * the last one it was trained on.
 */
public final class Retraining {
    public final int every;
    private final Map<String, ModelSwap> swaps = new LinkedHashMap<>();
    /** Per model version: first and last event time it ranked, and how many lists. */
    private final Map<String, long[]> ranked = new HashMap<>();

    public Retraining(int every) {
        if (every <= 0) {
            throw new IllegalArgumentException("retrain every N > 0 lists, was " + every);
        }
        this.every = every;
    }

    synchronized void swapped(ModelSwap swap) {
        swaps.put(swap.version, swap);
        notifyAll();
    }

    synchronized void ranked(CandidateList list) {
        if (list.rankedBy.equals("blend")) {
            return;
        }
        long[] times = ranked.computeIfAbsent(list.rankedBy, v -> new long[] {Long.MAX_VALUE, Long.MIN_VALUE, 0});
        times[0] = Math.min(times[0], list.ts);
        times[1] = Math.max(times[1], list.ts);
        times[2]++;
    }

    /** Waits until the swap of every model that ranked a list has arrived (the two come on separate streams). */
    synchronized void awaitSwaps(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!swaps.keySet().containsAll(ranked.keySet())) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new IllegalStateException("models ranked lists without a swap: " + ranked.keySet() + " vs " + swaps.keySet());
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    /** One model of the run: its training window and the events it ranked. */
    public record Model(String version, long atList, int trainedLists, long trainedFrom, long trainedUpTo,
                        long firstRanked, long lastRanked, long rankedLists) {
        /** Its training window ends before the first event it ranked (or it ranked none). */
        public boolean trainedBeforeItsEvents() {
            return rankedLists == 0 || trainedUpTo < firstRanked;
        }
    }

    /** Every model, in the order of its swap. */
    public synchronized List<Model> models() {
        List<Model> models = new ArrayList<>();
        for (ModelSwap s : swaps.values()) {
            long[] times = ranked.getOrDefault(s.version, new long[] {0, 0, 0});
            models.add(new Model(s.version, s.atList, s.trainedLists, s.trainedFrom, s.trainedUpTo, times[0], times[1], times[2]));
        }
        return models;
    }

    public boolean everyWindowEndsBeforeItsEvents() {
        return models().stream().allMatch(Model::trainedBeforeItsEvents);
    }
}
