package io.recstream.recommend;

import io.recstream.learn.Dot;
import io.recstream.learn.LearningConfig;
import io.recstream.model.ItemFactor;
import io.recstream.model.ItemReplica;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Scores items for a user as a blend of three signals, with weights from {@link LearningConfig}:
 *
 * <ul>
 *   <li>factor: {@code u.v + b}, the online matrix factorisation;
 *   <li>co-occurrence: how often each candidate followed the user's recent items, the i-th most
 *       recent weighted by {@code recencyDecay^i}, each neighbour list normalised to sum 1;
 *   <li>popularity: log of the item's decayed popularity relative to the most popular item.
 * </ul>
 *
 * Live recommendations score only candidates (neighbours of recent items plus trending items):
 * a scan of the catalogue per event is a thousand times slower (DESIGN.md). The evaluation
 * protocol ranks every known item with the same score.
 */
public final class Recommender {
    /** Popularity score of an item nobody interacted with: far below any real one. */
    private static final float NO_POPULARITY = -50f;

    private final LearningConfig config;
    /** Reused per call: co-occurrence score by candidate item. */
    private final Map<String, Float> cooccurrence = new HashMap<>();

    public Recommender(LearningConfig config) {
        this.config = config;
    }

    /** The live top-K from candidates; popularity alone for a user with no interactions yet. */
    public TopK recommend(UserProfile profile, Set<String> seen, ItemReplica replica) {
        TopK top = new TopK(config.topK);
        if (profile.interactions == 0) {
            return mostPopularUnseen(replica, seen, config.topK);
        }
        collectCooccurrence(profile.recent, replica);
        double topKey = replica.topTrendKey();
        for (Map.Entry<String, Float> candidate : cooccurrence.entrySet()) {
            ItemFactor f = replica.get(candidate.getKey());
            if (f != null && !seen.contains(f.item)) {
                top.offer(f.item, score(profile.vector, f, candidate.getValue(), topKey));
            }
        }
        for (ItemFactor f : replica.mostPopular(config.trendingCandidates)) {
            if (!seen.contains(f.item) && !cooccurrence.containsKey(f.item)) {
                top.offer(f.item, score(profile.vector, f, 0f, topKey));
            }
        }
        return top;
    }

    /** The evaluation protocol's ranking: every known item the user has not seen. */
    public TopK rankAll(UserProfile profile, Set<String> seen, ItemReplica replica) {
        TopK top = new TopK(config.topK);
        collectCooccurrence(profile.recent, replica);
        double topKey = replica.topTrendKey();
        for (ItemFactor f : replica.all()) {
            if (!seen.contains(f.item)) {
                Float cooc = cooccurrence.get(f.item);
                top.offer(f.item, score(profile.vector, f, cooc == null ? 0f : cooc, topKey));
            }
        }
        return top;
    }

    /** The popularity baseline: the most popular items the user has not seen. */
    public static TopK mostPopularUnseen(ItemReplica replica, Set<String> seen, int k) {
        TopK top = new TopK(k);
        Iterator<ItemFactor> it = replica.popularityOrder();
        float rank = 0f;
        while (it.hasNext() && top.size() < k) {
            ItemFactor f = it.next();
            if (!seen.contains(f.item)) {
                top.offer(f.item, -rank); // the index order is already the ranking
            }
            rank++;
        }
        return top;
    }

    float score(float[] user, ItemFactor f, float cooc, double topKey) {
        float s = 0f;
        if (config.factorWeight != 0f) {
            s += config.factorWeight * (Dot.of(user, f.vector) + (config.itemBiases ? f.bias : 0f));
        }
        if (config.cooccurrenceWeight != 0f) {
            s += config.cooccurrenceWeight * (config.popularityDamping == 0f || !(f.popularity > 1)
                    ? cooc : cooc / (float) Math.pow(f.popularity, config.popularityDamping));
        }
        if (config.popularityWeight != 0f) {
            double relative = f.trendKey() - topKey;
            s += config.popularityWeight * (Double.isFinite(relative) ? (float) relative : NO_POPULARITY);
        }
        return s;
    }

    private void collectCooccurrence(String[] recent, ItemReplica replica) {
        cooccurrence.clear();
        float recency = 1f;
        for (String r : recent) {
            ItemFactor f = replica.get(r);
            if (f != null && f.neighbours.length > 0) {
                float norm = recency / (f.neighbourMass() + config.cooccurrenceSmoothing);
                for (int n = 0; n < f.neighbours.length; n++) {
                    cooccurrence.merge(f.neighbours[n], f.neighbourWeights[n] * norm, Float::sum);
                }
            }
            recency *= config.recencyDecay;
        }
    }
}
