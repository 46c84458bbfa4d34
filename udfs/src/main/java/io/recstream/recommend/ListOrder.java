package io.recstream.recommend;

import java.util.Arrays;

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
        int[] byScore = byScore(scores, tieIds, rows);
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

    /**
     * The first {@code k} places of {@link #of} (every place of a shorter list), the same candidates
     * in the same order: a live list publishes only its first K of the ranking candidates, so the
     * ranker selects the best K rather than sorting all of them. Each candidate that may move (all,
     * or all but the re-find candidates) is kept while it is among the best so far, by insertion
     * into a short array held in order, compared as {@link #byScore} orders them.
     */
    public static int[] first(float[] scores, float[] features, long[] tieIds, int rows, int k, boolean refindKeepsPlace) {
        int places = Math.min(k, rows);
        int moved = places; // how many of the first places the model fills
        if (refindKeepsPlace) {
            for (int place = 0; place < places; place++) {
                if (isRefind(features, place)) {
                    moved--;
                }
            }
        }
        long[] best = new long[moved];
        int kept = 0;
        for (int i = 0; i < rows && moved > 0; i++) {
            if (refindKeepsPlace && isRefind(features, i)) {
                continue;
            }
            long key = key(scores[i], i);
            int pos;
            if (kept < moved) {
                pos = kept++;
            } else if (before(key, best[moved - 1], tieIds)) {
                pos = moved - 1;
            } else {
                continue;
            }
            while (pos > 0 && before(key, best[pos - 1], tieIds)) {
                best[pos] = best[pos - 1];
                pos--;
            }
            best[pos] = key;
        }
        int[] order = new int[places];
        int next = 0;
        for (int place = 0; place < places; place++) {
            order[place] = refindKeepsPlace && isRefind(features, place) ? place : (int) best[next++];
        }
        return order;
    }

    /** Candidate {@code index}'s sort key: the score's bits made to order as scores do (reversed), then the index. */
    private static long key(float score, int index) {
        return ((long) ~orderedBits(score) << 32) | index;
    }

    /** Whether the candidate of {@code key} comes before the one of {@code other}: {@link #byScore}'s order. */
    private static boolean before(long key, long other, long[] tieIds) {
        if (tieIds == null || (key ^ other) >>> 32 != 0) {
            return key < other; // another score, or no ids: by score, then by index
        }
        long id = tieIds[(int) key];
        long otherId = tieIds[(int) other];
        return id < otherId || (id == otherId && key < other);
    }

    /**
     * The candidates by score, highest first (as {@link Float#compare} orders them), ties by
     * {@code tieIds}, smaller first, then by index; null {@code tieIds}: by index. The ranker
     * orders every list, so this sorts primitives rather than calling a comparator per pair: one
     * {@code long} per candidate, the score's bits made to order as the score does (reversed) in
     * the high half and the index in the low half; runs of equal scores are then put in id order.
     */
    static int[] byScore(float[] scores, long[] tieIds, int rows) {
        long[] keys = new long[rows];
        for (int i = 0; i < rows; i++) {
            keys[i] = key(scores[i], i);
        }
        Arrays.sort(keys);
        int[] order = new int[rows];
        for (int i = 0; i < rows; i++) {
            order[i] = (int) keys[i];
        }
        if (tieIds != null) {
            for (int from = 0, to; from < rows; from = to) {
                to = from + 1;
                while (to < rows && keys[to] >>> 32 == keys[from] >>> 32) {
                    to++;
                }
                if (to - from > 1) {
                    byId(order, from, to, tieIds);
                }
            }
        }
        return order;
    }

    /** The float's bits as an int that orders as {@link Float#compare} orders the floats. */
    static int orderedBits(float f) {
        int bits = Float.floatToIntBits(f);
        return bits ^ ((bits >> 31) & 0x7fffffff);
    }

    /** Insertion sort of {@code order[from, to)} by id, stable: a run of tied scores is short. */
    private static void byId(int[] order, int from, int to, long[] ids) {
        for (int i = from + 1; i < to; i++) {
            int candidate = order[i];
            int j = i - 1;
            while (j >= from && ids[order[j]] > ids[candidate]) {
                order[j + 1] = order[j];
                j--;
            }
            order[j + 1] = candidate;
        }
    }

    private static boolean isRefind(float[] features, int row) {
        return features[row * RankingFeatures.COUNT + RankingFeatures.REFIND] != 0f;
    }
}
