package io.recstream.model;

import io.recstream.recommend.SeenItems;
import io.recstream.learn.IsgdStep;
import io.recstream.learn.LearningConfig;
import io.recstream.recommend.UserProfile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * What one interaction teaches: the step of the user's vector (in place) and the item updates it
 * implies, each already applied to the sender's replica. An item update carries the change the
 * step made to the replica's copy of the item (see {@link ItemModel#factorStep}); the item owners
 * add the same changes, summed per item over a few milliseconds, and reach the same item vectors.
 *
 * <ul>
 *   <li>ISGD (pointwise): the pair (u, i) is pulled towards 1; sampled negatives towards 0.
 *   <li>BPR (pairwise): for each sampled negative j, u moves to score i above j by
 *       {@code g = sigmoid(-(u.v_i + b_i - u.v_j - b_j))}; i moves by {@code +g u}, j by {@code -g u}.
 *   <li>Negatives: the user steps against every one; only the first
 *       {@link LearningConfig#negativeItemSteps} step their item too (an item update each).
 *   <li>Co-occurrence: i becomes a neighbour of each recent item j with weight
 *       {@code w * decay^position(j)}, and j of i with {@code backwardCooccurrence} of that.
 * </ul>
 *
 * Negatives are drawn uniformly from the replica, seeded by user and interaction count, so the
 * same input gives the same updates.
 */
public final class InteractionLearner {
    private final LearningConfig config;
    private final ItemReplica replica;
    private final ItemModel model;
    private final IsgdStep step;
    private long rejectedSteps;

    public InteractionLearner(LearningConfig config, ItemReplica replica) {
        this.config = config;
        this.replica = replica;
        this.model = new ItemModel(config);
        this.step = config.isgdStep();
    }

    /**
     * Learns (user, item) with {@code weight}, {@code name} being the item's name; returns the item
     * updates, already applied to the replica. Users and items are numeric ids.
     */
    public List<ItemUpdate> learn(long user, long item, String name, long ts, float weight, UserProfile profile, SeenItems seen) {
        List<ItemUpdate> updates = new ArrayList<>(2 + profile.recent.length + config.negatives);
        List<ItemFactor> negatives = sampleNegatives(user, item, profile, seen);
        long[] coItems = coItems(profile.recent, item);
        float[] coWeights = coWeights(profile.recent, item, weight * config.backwardCooccurrence);
        if (config.loss == LearningConfig.Loss.BPR && !negatives.isEmpty()) {
            learnPairwise(item, name, ts, weight, profile.vector, negatives, coItems, coWeights, updates);
        } else {
            learnPointwise(item, name, ts, weight, profile.vector, negatives, coItems, coWeights, updates);
        }
        float recency = weight;
        for (long other : profile.recent) {
            if (other != item) {
                ItemFactor f = replica.get(other);
                // only a search-intent pseudo-item's update carries its name (see ItemUpdate#name); its flag is one bit by slot
                String intentName = f != null && replica.isIntent(f.slot) ? f.item : null;
                ItemUpdate update = ItemUpdate.cooccurrence(other, intentName, ts, item, recency);
                updates.add(apply(f != null ? f : replica.getOrCreate(other, null), update));
            }
            recency *= config.recencyDecay;
        }
        return updates;
    }

    /** Learning steps dropped because their result was not finite, since creation. */
    public long rejectedSteps() {
        return rejectedSteps;
    }

    private void learnPointwise(long item, String name, long ts, float weight, float[] user, List<ItemFactor> negatives,
                                long[] coItems, float[] coWeights, List<ItemUpdate> updates) {
        ItemFactor positive = replica.getOrCreate(item, name);
        float[] userBefore = user.clone();
        float err = step.error(user, positive.vector, positive.bias, 1f);
        stepUser(user, positive.vector, err, weight);
        ItemUpdate update = ItemUpdate.interaction(item, name, ts, weight, coItems, coWeights);
        model.factorStep(positive, userBefore, err, weight, update);
        updates.add(apply(positive, update));
        for (int n = 0; n < negatives.size(); n++) {
            ItemFactor negative = negatives.get(n);
            System.arraycopy(user, 0, userBefore, 0, user.length);
            float negativeErr = step.error(user, negative.vector, negative.bias, 0f);
            stepUser(user, negative.vector, negativeErr, weight);
            if (n < config.negativeItemSteps) {
                updates.add(apply(negative, negativeStep(negative, ts, userBefore, negativeErr, weight)));
            }
        }
    }

    private void learnPairwise(long item, String name, long ts, float weight, float[] user, List<ItemFactor> negatives,
                               long[] coItems, float[] coWeights, List<ItemUpdate> updates) {
        ItemFactor positive = replica.getOrCreate(item, name);
        float[] userBefore = user.clone();
        float[] before = new float[user.length];
        float[] difference = new float[user.length];
        float positiveGradient = 0f;
        for (int n = 0; n < negatives.size(); n++) {
            ItemFactor negative = negatives.get(n);
            float margin = step.error(user, negative.vector, negative.bias, 0f) - step.error(user, positive.vector, positive.bias, 0f);
            float g = (float) (1.0 / (1.0 + Math.exp(margin)));
            for (int f = 0; f < difference.length; f++) {
                difference[f] = positive.vector[f] - negative.vector[f];
            }
            System.arraycopy(user, 0, before, 0, user.length);
            stepUser(user, difference, g, weight);
            if (n < config.negativeItemSteps) {
                updates.add(apply(negative, negativeStep(negative, ts, before, -g, weight)));
            }
            positiveGradient += g;
        }
        ItemUpdate update = ItemUpdate.interaction(item, name, ts, weight, coItems, coWeights);
        model.factorStep(positive, userBefore, positiveGradient, weight, update);
        updates.add(apply(positive, update));
    }

    /** The item side of a step against a sampled negative: it moves the item's factors only. */
    private ItemUpdate negativeStep(ItemFactor negative, long ts, float[] userBefore, float err, float weight) {
        ItemUpdate update = ItemUpdate.factorStep(negative.id, null, ts);
        model.factorStep(negative, userBefore, err, weight, update);
        return update;
    }

    private void stepUser(float[] user, float[] direction, float err, float weight) {
        if (!step.updateUser(user, direction, err, weight)) {
            rejectedSteps++;
        }
    }

    /** Applies {@code update} of {@code f} (held by the replica) to the replica at once. */
    private ItemUpdate apply(ItemFactor f, ItemUpdate update) {
        replica.applyLocal(f, update);
        return update;
    }

    private List<ItemFactor> sampleNegatives(long user, long item, UserProfile profile, SeenItems seen) {
        if (config.negatives == 0) {
            return List.of();
        }
        SplittableRandom random = new SplittableRandom(config.seed ^ user ^ profile.interactions);
        List<ItemFactor> negatives = new ArrayList<>(config.negatives);
        for (int n = 0; n < config.negatives; n++) {
            ItemFactor candidate = replica.randomItem(random);
            if (candidate != null && candidate.id != item && !seen.contains(candidate.id) && !replica.isIntent(candidate.slot)) {
                negatives.add(candidate);
            }
        }
        return negatives;
    }

    private static long[] coItems(long[] recent, long item) {
        int n = 0;
        long[] out = new long[recent.length];
        for (long r : recent) {
            if (r != item) {
                out[n++] = r;
            }
        }
        return Arrays.copyOf(out, n);
    }

    private float[] coWeights(long[] recent, long item, float weight) {
        int n = 0;
        float[] out = new float[recent.length];
        float recency = weight;
        for (long r : recent) {
            if (r != item) {
                out[n++] = recency;
            }
            recency *= config.recencyDecay;
        }
        return Arrays.copyOf(out, n);
    }
}
