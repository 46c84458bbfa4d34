package io.recstream.recommend;

import com.carrotsearch.hppc.sorting.IndirectSort;

/**
 * The order a ranking model gives a list: its candidates by the model's score, highest first,
 * ties by a fixed rule. A model whose training held no re-find candidate ({@link RankingFeatures#REFIND})
 * cannot score one: MovieLens, for one, has no repeats, so its features never showed a seen item
 * the user came back to. Such a model leaves the re-find candidates at the places the blend gave
 * them and fills the other places in its own order.
 */
public final class ListOrder {
    private ListOrder() {}

    /**
     * The list's candidate indices in their new order: {@code order[place]} is the candidate at
     * {@code place}.
     *
     * @param features the rows of the list, {@link RankingFeatures#COUNT} per candidate, in blend order
     * @param tieIds breaks ties of score, smaller first; null: the earlier candidate (blend order) first
     * @param refindKeepsPlace whether re-find candidates keep their places (a model not trained on them)
     */
    public static int[] of(float[] scores, float[] features, long[] tieIds, int rows, boolean refindKeepsPlace) {
        int[] byScore = IndirectSort.mergesort(0, rows, (a, b) -> {
            int c = Float.compare(scores[b], scores[a]);
            if (c != 0) {
                return c;
            }
            return tieIds == null ? Integer.compare(a, b) : Long.compare(tieIds[a], tieIds[b]);
        });
        if (!refindKeepsPlace) {
            return byScore;
        }
        int[] order = new int[rows];
        int next = 0;
        for (int place = 0; place < rows; place++) {
            if (isRefind(features, place)) {
                order[place] = place;
                continue;
            }
            while (isRefind(features, byScore[next])) {
                next++;
            }
            order[place] = byScore[next++];
        }
        return order;
    }

    private static boolean isRefind(float[] features, int row) {
        return features[row * RankingFeatures.COUNT + RankingFeatures.REFIND] != 0f;
    }
}
