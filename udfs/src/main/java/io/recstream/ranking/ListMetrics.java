package io.recstream.ranking;

import io.recstream.recommend.ListOrder;
import io.recstream.recommend.RankingFeatures;

import java.util.Arrays;
import java.util.Locale;

/**
 * Recall@K and MRR@K of a {@link ListScorer} over ranking lists: for each list, the rank of its
 * positive when the list is ordered by the scorer as the job orders it ({@link ListOrder}; ties keep
 * the list's order, the blend's, as the job breaks them by a fixed rule too). Over lists that hold the positive only:
 * a list without it is a miss for every scorer alike.
 */
public record ListMetrics(int lists, int hits, double reciprocalRanks, int k) {

    /** @param refindKeepsPlace whether the scorer leaves re-find candidates at their blend places, as the job does for it */
    public static ListMetrics of(ListScorer scorer, boolean refindKeepsPlace, RankingLists data, int from, int to, int k) {
        int hits = 0;
        double reciprocal = 0;
        for (int list = from; list < to; list++) {
            int start = data.start(list);
            int size = data.size(list);
            float[] rows = Arrays.copyOfRange(data.features(), start * RankingFeatures.COUNT, (start + size) * RankingFeatures.COUNT);
            float[] scores = scorer.score(rows, size);
            int positive = data.positive(list) - start;
            int[] order = ListOrder.of(scores, rows, null, size, refindKeepsPlace);
            int rank = 0;
            while (order[rank] != positive) {
                rank++;
            }
            if (rank < k) {
                hits++;
                reciprocal += 1.0 / (rank + 1);
            }
        }
        return new ListMetrics(to - from, hits, reciprocal, k);
    }

    public double recall() {
        return lists == 0 ? 0 : hits / (double) lists;
    }

    public double mrr() {
        return lists == 0 ? 0 : reciprocalRanks / lists;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "recall@%d=%.4f mrr@%d=%.4f", k, recall(), k, mrr());
    }
}
