package io.recstream.model;

import io.recstream.learn.FactorInit;
import io.recstream.learn.IsgdStep;
import io.recstream.learn.LearningConfig;
import io.recstream.learn.VectorGuard;

import java.util.Arrays;

/**
 * How {@link ItemUpdate}s are made, summed and applied to an {@link ItemFactor}. The one
 * definition used by the authoritative {@code ItemLearner}, by every replica applying its own
 * updates and by the accumulator between them, so owner and replica reach the same item from the
 * same steps.
 */
public final class ItemModel {
    private final LearningConfig config;
    private final IsgdStep step;
    /** Reused for every applied factor delta: no per-update garbage. */
    private float[] scratch = new float[0];

    public ItemModel(LearningConfig config) {
        this.config = config;
        this.step = config.isgdStep();
    }

    /** A never-seen item: its seeded starting vector (the same on every subtask); {@code name} may be null. */
    public ItemFactor create(long id, String name) {
        return new ItemFactor(id, name, FactorInit.vector(id, config.dim, config.initStdDev, config.seed ^ ITEM_SEED));
    }

    /**
     * The item side of one ISGD or BPR step of {@code f} against the user vector from before the
     * user's own step, with error (or BPR gradient factor) {@code err}: written into {@code into} as
     * the change of the vector and bias, {@code f} left as it is. A step whose result would not be
     * finite, or a user vector of another dimension, changes nothing.
     */
    public void factorStep(ItemFactor f, float[] userBefore, float err, float weight, ItemUpdate into) {
        if (userBefore.length != f.vector.length) {
            return;
        }
        float[] next = f.vector.clone();
        if (step.updateItem(next, userBefore, err, weight)) {
            for (int n = 0; n < next.length; n++) {
                next[n] -= f.vector[n];
            }
            into.factorDelta = next;
        }
        into.biasDelta = step.updatedBias(f.bias, err, weight) - f.bias;
    }

    /** Adds an update (one step or a sum of them) to the item, in place. */
    public void apply(ItemFactor f, ItemUpdate u) {
        applyExceptCooccurrences(f, u);
        for (int n = 0; n < u.coItems.length; n++) {
            Neighbours.add(f, u.coItems[n], u.coWeights[n], config.neighboursPerItem);
        }
    }

    /**
     * {@link #apply} but for the co-occurrences, which a replica adds to its lists of slots itself
     * (see {@link ItemReplica#applyLocal}).
     */
    void applyExceptCooccurrences(ItemFactor f, ItemUpdate u) {
        if (f.item == null) {
            f.item = u.name;
        }
        if (u.factorDelta != null && u.factorDelta.length == f.vector.length) {
            addFactorDelta(f, u.factorDelta, u.biasDelta);
        }
        if (u.popularityIncrement > 0) {
            DecayedPopularity.add(f, u.popularityIncrement, u.ts, config.popularityHalfLifeMs);
        }
        if (!u.isFactorOnly()) {
            f.touchedTs = Math.max(f.touchedTs, u.ts);
        }
        f.version += u.steps;
    }

    /**
     * Adds {@code next} into {@code sum}, both updates of the same item, so that applying the sum
     * does what applying both did, in order: vector and bias changes and co-occurrence weights add
     * up, popularity increments are decayed to the later time and added, and the steps count.
     * The sum's time is that of its latest step that touches the item (see
     * {@link ItemFactor#touchedTs}), or of its latest step when none does. Near a full neighbour
     * list, summed weights can evict a different weakest neighbour than the steps one by one.
     * Takes arrays of {@code next} where {@code sum} has none (the caller gives up {@code next}).
     */
    public void merge(ItemUpdate sum, ItemUpdate next) {
        if (sum.name == null) {
            sum.name = next.name;
        }
        if (next.factorDelta != null) {
            if (sum.factorDelta == null) {
                sum.factorDelta = next.factorDelta;
            } else {
                for (int n = 0; n < sum.factorDelta.length; n++) {
                    sum.factorDelta[n] += next.factorDelta[n];
                }
            }
        }
        sum.biasDelta += next.biasDelta;
        // The sum's time is its latest touching step's: a replay packs hours of event time into a
        // few milliseconds, and a later sampled negative must not make the item look touched later.
        boolean sumTouches = !sum.isFactorOnly();
        long ts = sumTouches == !next.isFactorOnly() ? Math.max(sum.ts, next.ts) : sumTouches ? sum.ts : next.ts;
        if (sum.popularityIncrement > 0 || next.popularityIncrement > 0) {
            long halfLife = config.popularityHalfLifeMs;
            sum.popularityIncrement = (float) (DecayedPopularity.decayed(sum.popularityIncrement, ts - sum.ts, halfLife)
                    + DecayedPopularity.decayed(next.popularityIncrement, ts - next.ts, halfLife));
        }
        for (int n = 0; n < next.coItems.length; n++) {
            addCooccurrence(sum, next.coItems[n], next.coWeights[n]);
        }
        sum.ts = ts;
        sum.steps += next.steps;
    }

    LearningConfig config() {
        return config;
    }

    public double trendKey(ItemFactor f) {
        return DecayedPopularity.trendKey(f, config.popularityHalfLifeMs);
    }

    private void addFactorDelta(ItemFactor f, float[] delta, float biasDelta) {
        if (scratch.length != delta.length) {
            scratch = new float[delta.length];
        }
        for (int n = 0; n < delta.length; n++) {
            scratch[n] = f.vector[n] + delta[n];
        }
        if (!VectorGuard.isFinite(scratch)) {
            return;
        }
        VectorGuard.clipNorm(scratch, config.maxNorm);
        System.arraycopy(scratch, 0, f.vector, 0, delta.length);
        float bias = f.bias + biasDelta;
        if (Float.isFinite(bias)) {
            f.bias = VectorGuard.clamp(bias, config.maxNorm);
        }
    }

    private static void addCooccurrence(ItemUpdate sum, long coItem, float weight) {
        for (int n = 0; n < sum.coItems.length; n++) {
            if (sum.coItems[n] == coItem) {
                sum.coWeights[n] += weight;
                return;
            }
        }
        int size = sum.coItems.length;
        sum.coItems = Arrays.copyOf(sum.coItems, size + 1);
        sum.coWeights = Arrays.copyOf(sum.coWeights, size + 1);
        sum.coItems[size] = coItem;
        sum.coWeights[size] = weight;
    }

    /** Separates the item seed stream from the user one, so user "x" and item "x" differ. */
    private static final long ITEM_SEED = 0x5DEECE66DL;
}
