package io.recstream.recommend;

/**
 * Re-orders a candidate list by the ranking model's scores ({@link ListOrder}: highest first, ties by
 * numeric item id, so the same scores always give the same list; re-find candidates at their blend
 * places for a model not trained on them). Items, scores, feature rows and reasons move together.
 */
public final class RankedCandidates {
    private RankedCandidates() {}

    /**
     * A new list with {@code input}'s candidates ordered by {@code scores} (one per candidate),
     * which become its scores, and {@code rankedBy} naming the model. {@code input} is left as it
     * was: it is the fallback when the model does not answer.
     *
     * @param refindKeepsPlace whether re-find candidates keep the places the blend gave them
     *     (a model whose training held none)
     * @param withFeatures whether the new list carries the feature rows (in its order): an
     *     evaluation list's go on to the feature logs; a live list's are read by nothing after
     *     the ranking model, so it has none (null)
     */
    public static CandidateList byScore(CandidateList input, float[] scores, String rankedBy, boolean refindKeepsPlace,
            boolean withFeatures) {
        int n = checkedSize(input, scores);
        return inOrder(input, ListOrder.of(scores, input.features, input.itemIds, n, refindKeepsPlace), scores, rankedBy,
                withFeatures);
    }

    /**
     * The first {@code k} candidates of {@link #byScore}'s list, without features: a live list as
     * the publisher reads it ({@link CandidateList#topWithoutFeatures}), made in one step. The
     * ranker selects the first K ({@link ListOrder#first}) instead of ordering every candidate, and
     * copies K instead of all; {@code input} is left as it was.
     */
    public static CandidateList firstByScore(CandidateList input, float[] scores, String rankedBy, boolean refindKeepsPlace,
            int k) {
        int n = checkedSize(input, scores);
        return inOrder(input, ListOrder.first(scores, input.features, input.itemIds, n, k, refindKeepsPlace), scores,
                rankedBy, false);
    }

    private static int checkedSize(CandidateList input, float[] scores) {
        int n = input.size();
        if (scores.length != n) {
            throw new IllegalArgumentException(scores.length + " scores for " + n + " candidates");
        }
        return n;
    }

    /** A new list of {@code input}'s candidates {@code order[0]}, {@code order[1]}, ... with their {@code scores}. */
    private static CandidateList inOrder(CandidateList input, int[] order, float[] scores, String rankedBy,
            boolean withFeatures) {
        int n = order.length;
        int width = RankingFeatures.COUNT;
        CandidateList ranked = new CandidateList();
        ranked.user = input.user;
        ranked.userId = input.userId;
        ranked.ts = input.ts;
        ranked.channel = input.channel;
        ranked.afterPurchase = input.afterPurchase;
        ranked.target = input.target;
        ranked.targetSeen = input.targetSeen;
        ranked.popularityHit = input.popularityHit;
        ranked.rankedBy = rankedBy;
        ranked.bucket = input.bucket;
        ranked.eventItemId = input.eventItemId;
        ranked.eventType = input.eventType;
        ranked.previousTs = input.previousTs;
        ranked.itemIds = new long[n];
        ranked.items = new String[n];
        ranked.scores = new float[n];
        ranked.features = withFeatures ? new float[n * width] : null;
        boolean explained = input.reasons != null; // see CandidateList#reasons
        ranked.reasons = explained ? new byte[n] : null;
        ranked.reasonItems = explained ? new String[n] : null;
        for (int rank = 0; rank < n; rank++) {
            int from = order[rank];
            ranked.itemIds[rank] = input.itemIds[from];
            ranked.items[rank] = input.items[from];
            ranked.scores[rank] = scores[from];
            if (withFeatures) {
                System.arraycopy(input.features, from * width, ranked.features, rank * width, width);
            }
            if (explained) {
                ranked.reasons[rank] = input.reasons[from];
                ranked.reasonItems[rank] = input.reasonItems[from];
            }
        }
        return ranked;
    }
}
