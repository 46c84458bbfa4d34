package io.recstream.model;

import io.recstream.learn.FactorInit;
import io.recstream.learn.IsgdStep;
import io.recstream.learn.LearningConfig;
import io.recstream.learn.VectorGuard;

/**
 * How {@link ItemUpdate}s are made and applied to an {@link ItemFactor} ({@link ItemUpdateSums}
 * says how they add up). The one definition used by the authoritative {@code ItemLearner} and by
 * every replica applying its own updates, so owner and replica reach the same item from the same
 * steps.
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
        if (!VectorGuard.clipNorm(scratch, config.maxNorm)) {
            return;
        }
        System.arraycopy(scratch, 0, f.vector, 0, delta.length);
        f.measureNorm();
        float bias = f.bias + biasDelta;
        if (Float.isFinite(bias)) {
            f.bias = VectorGuard.clamp(bias, config.maxNorm);
        }
    }

    /** Separates the item seed stream from the user one, so user "x" and item "x" differ. */
    private static final long ITEM_SEED = 0x5DEECE66DL;
}
