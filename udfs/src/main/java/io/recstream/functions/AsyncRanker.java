package io.recstream.functions;

import io.recstream.models.ModelKind;
import io.recstream.models.RankingModel;
import io.recstream.models.RankingScorer;
import io.recstream.recommend.CandidateList;
import io.recstream.recommend.RankedCandidates;
import io.recstream.recommend.RankingFeatures;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Orders each candidate list by the ONNX ranking model ({@link RankingModel}): the candidates of
 * concurrent lists are scored together in micro-batches, each list is re-ordered by its scores
 * (ties by item id) and {@code rankedBy} names the model version: the configured model's, or the
 * model-store version the list was stamped with ({@link CandidateList#rankerVersion}). When the model fails or is too
 * slow the list passes on in its blend order, counted in {@code recstream.ranker.fallbacks};
 * ranked lists count in {@code recstream.ranker.scored}. Lists of experiment buckets with the ranker
 * off pass on untouched, in their blend order. A model whose training held no re-find candidate
 * leaves them at their blend places ({@link io.recstream.recommend.ListOrder}). Given the buckets' list
 * lengths, a live list leaves cut to its bucket's, without features: the ranker selects the first K
 * instead of ordering all of the ranking candidates, and {@link LiveLists} passes it on as it is.
 */
public class AsyncRanker extends BatchedModelFunction<CandidateList, CandidateList, AsyncRanker.Scores, RankingScorer> {
    private static final long serialVersionUID = 1L;

    /** One list's scores, and whether the model that gave them may re-order its re-find candidates. */
    public record Scores(float[] scores, boolean ranksRefind) {}

    /** Whether the lists of each experiment bucket (by index) are ranked; null: all are. */
    private final boolean[] rankedBuckets;
    /**
     * The length of each experiment bucket's published list, by bucket index: a live list leaves the
     * ranker cut to it ({@link RankedCandidates#firstByScore}). Null: live lists keep every candidate.
     */
    private final int[] liveLengths;

    /** The model in the jar, one call at a time, batches of up to 256 candidates or 2 ms. */
    public AsyncRanker() {
        this(defaultSettings());
    }

    public AsyncRanker(ModelSettings settings) {
        this(settings, null);
    }

    /** @param rankedBuckets whether each experiment bucket's lists are ranked, by bucket index; null: all are */
    public AsyncRanker(ModelSettings settings, boolean[] rankedBuckets) {
        this(settings, rankedBuckets, null);
    }

    /**
     * @param rankedBuckets whether each experiment bucket's lists are ranked, by bucket index; null: all are
     * @param liveLengths each bucket's published list length (its top K), by bucket index: a ranked live
     *     list holds only those candidates, without features, as {@link LiveLists} passes it on; null:
     *     every candidate
     */
    public AsyncRanker(ModelSettings settings, boolean[] rankedBuckets, int[] liveLengths) {
        super(settings, ModelKind.RANKING, "ranker", "scored");
        this.rankedBuckets = rankedBuckets == null ? null : rankedBuckets.clone();
        this.liveLengths = liveLengths == null ? null : liveLengths.clone();
    }

    public static ModelSettings defaultSettings() {
        return ModelSettings.of(RankingModel.DEFAULT_LOCATION);
    }

    @Override
    protected RankingScorer loadModel(ModelSettings settings) {
        return RankingModel.load(settings.location, settings.poolSize, settings.intraOpThreads);
    }

    @Override
    protected CandidateList request(CandidateList input) {
        if (input.items == null || input.items.length == 0) {
            return null; // nothing to order
        }
        if (rankedBuckets != null && !rankedBuckets[input.bucket]) {
            return null; // the bucket keeps the blend order
        }
        int n = input.items.length;
        if (input.features != null && (input.features.length == n * RankingFeatures.FIRST_MODELS_COUNT
                || input.features.length == n * RankingFeatures.SECOND_MODELS_COUNT
                || input.features.length == n * RankingFeatures.THIRD_MODELS_COUNT)) {
            widen(input); // a list built before the later features, restored in flight from a savepoint
        }
        if (input.features == null || input.features.length != n * RankingFeatures.COUNT
                || input.scores == null || input.scores.length != n) {
            throw new IllegalArgumentException("candidate list of " + input.user + " has " + n
                    + " items but not " + n + " scores and " + n * RankingFeatures.COUNT + " features");
        }
        return input;
    }

    /**
     * Gives a list of an earlier feature width the later features as 0: built before re-find
     * candidates were marked none is (those lists were ordered whole), and every feature after the
     * list's width (blend rank, the context features, ...) is 0.
     */
    static void widen(CandidateList list) {
        int n = list.items.length;
        int width = list.features.length / n;
        float[] wide = new float[n * RankingFeatures.COUNT];
        for (int r = 0; r < n; r++) {
            System.arraycopy(list.features, r * width, wide, r * RankingFeatures.COUNT, width);
        }
        list.features = wide;
    }

    @Override
    protected int rows(CandidateList list) {
        return list.size();
    }

    @Override
    protected String storeVersion(CandidateList list) {
        return list.rankerVersion;
    }

    /** All candidates of the batch in one model call, split back per list. */
    @Override
    protected List<Scores> callModel(RankingScorer model, List<CandidateList> lists) {
        List<float[]> features = new ArrayList<>(lists.size());
        for (CandidateList list : lists) {
            features.add(list.features);
        }
        float[] scores = model.score(features);
        List<Scores> perList = new ArrayList<>(lists.size());
        int from = 0;
        for (CandidateList list : lists) {
            perList.add(new Scores(Arrays.copyOfRange(scores, from, from + list.size()), model.ranksRefind()));
            from += list.size();
        }
        return perList;
    }

    @Override
    protected CandidateList apply(CandidateList input, Scores answer) {
        for (float score : answer.scores()) {
            if (!Float.isFinite(score)) {
                return null; // e.g. a NaN feature: keep the blend order
            }
        }
        String rankedBy = input.rankerVersion != null ? input.rankerVersion : model.version();
        if (input.target == null && liveLengths != null) {
            return RankedCandidates.firstByScore(input, answer.scores(), rankedBy, !answer.ranksRefind(),
                    liveLengths[input.bucket]);
        }
        return RankedCandidates.byScore(input, answer.scores(), rankedBy, !answer.ranksRefind(), input.target != null);
    }
}
