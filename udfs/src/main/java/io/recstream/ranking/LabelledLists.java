package io.recstream.ranking;

/**
 * Ranking lists in time order, each with the time its label became known: the event time of the
 * interaction that named its positive. A model may learn from a list only once its label is in
 * the past too ({@link TrainingWindow}).
 *
 * @param lists the lists, in time order
 * @param labelTimes per list, when its label was known (at or after the list's own time)
 */
public record LabelledLists(RankingLists lists, long[] labelTimes) {

    /**
     * Lists whose label is their own event (the evaluation's test-then-train lists, written by
     * {@code evaluate --log-examples}: ranked just before the interaction they are tested on).
     */
    public static LabelledLists atListTime(RankingLists lists) {
        long[] times = new long[lists.lists()];
        for (int l = 0; l < times.length; l++) {
            times[l] = lists.time(l);
        }
        return new LabelledLists(lists, times);
    }
}
