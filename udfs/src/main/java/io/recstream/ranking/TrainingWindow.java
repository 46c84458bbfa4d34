package io.recstream.ranking;

import com.carrotsearch.hppc.IntArrayList;

/**
 * The lists a model is trained and judged on, from labelled lists in time order: those of the
 * past (listed and labelled before {@code until}), the most recent of them (a number of lists,
 * or a span of time before {@code until}), of which the most recent share is held back. With
 * {@code T} the time of the first held-back list, every list at or after {@code T} is held back,
 * and a model learns only from lists listed <em>and labelled</em> before {@code T}: a list shown
 * before {@code T} whose user interacted only after it would teach the model an interaction it is
 * then judged on, so it is left out of both.
 *
 * <p>{@link #lists} holds the training lists first ({@code [0, training)}) and the held-back ones
 * after them, each in time order.
 */
public final class TrainingWindow {
    /** Training lists, then the held-back ones. */
    public final RankingLists lists;
    /** How many of {@link #lists} (the first) are trained on. */
    public final int training;
    /** The held-back slice's time {@code T}: no training list is listed or labelled at or after it. */
    public final long heldBackFrom;
    /** Lists of the window listed before {@code T} but labelled at or after it, in neither part. */
    public final int labelledLate;

    private TrainingWindow(RankingLists lists, int training, long heldBackFrom, int labelledLate) {
        this.lists = lists;
        this.training = training;
        this.heldBackFrom = heldBackFrom;
        this.labelledLate = labelledLate;
    }

    /** How much of the past a window takes: the most recent lists, or the lists of a span of time. */
    public record Span(int lists, long millis) {
        public static Span ofLists(int lists) {
            return new Span(lists, Long.MAX_VALUE);
        }

        public static Span ofMillis(long millis) {
            return new Span(Integer.MAX_VALUE, millis);
        }

        public static Span all() {
            return new Span(Integer.MAX_VALUE, Long.MAX_VALUE);
        }
    }

    /**
     * @param until the window's end, exclusive: lists listed or labelled at or after it are the future
     * @param holdBack the share of the window's lists, the most recent, held back (0 to 1)
     * @return the window, or null when it holds no list to train on or none to hold back
     */
    public static TrainingWindow of(LabelledLists labelled, long until, Span span, double holdBack) {
        RankingLists all = labelled.lists();
        long[] labelTimes = labelled.labelTimes();
        IntArrayList past = new IntArrayList();
        long from = span.millis() == Long.MAX_VALUE ? Long.MIN_VALUE : until - span.millis();
        for (int l = 0; l < all.lists(); l++) {
            if (all.time(l) >= from && all.time(l) < until && labelTimes[l] < until) {
                past.add(l);
            }
        }
        int start = Math.max(0, past.size() - span.lists());
        int n = past.size() - start;
        int test = start + n - (int) Math.round(n * holdBack);
        if (test <= start || test >= past.size()) {
            return null;
        }
        long heldBackFrom = all.time(past.get(test));
        RankingLists window = new RankingLists();
        int late = 0;
        for (int i = start; i < past.size(); i++) {
            int l = past.get(i);
            if (all.time(l) < heldBackFrom) {
                if (labelTimes[l] < heldBackFrom) {
                    copy(all, l, window);
                } else {
                    late++;
                }
            }
        }
        int training = window.lists();
        for (int i = start; i < past.size(); i++) {
            int l = past.get(i);
            if (all.time(l) >= heldBackFrom) {
                copy(all, l, window);
            }
        }
        if (training == 0) {
            return null;
        }
        return new TrainingWindow(window, training, heldBackFrom, late);
    }

    private static void copy(RankingLists from, int list, RankingLists to) {
        int start = from.start(list);
        to.add(from.time(list), from.features(), start, from.size(list), from.positive(list) - start);
    }
}
