package io.recstream.model;

import io.recstream.learn.FactorInit;
import io.recstream.learn.IsgdStep;
import io.recstream.learn.LearningConfig;

/**
 * How an {@link ItemUpdate} changes an {@link ItemFactor}. The one definition used by the
 * authoritative {@code ItemLearner} and by every replica applying its own updates, so both reach
 * the same vector from the same sequence of updates.
 */
public final class ItemModel {
    private final LearningConfig config;
    private final IsgdStep step;

    public ItemModel(LearningConfig config) {
        this.config = config;
        this.step = config.isgdStep();
    }

    /** A never-seen item: its seeded starting vector (the same on every subtask); {@code name} may be null. */
    public ItemFactor create(long id, String name) {
        return new ItemFactor(id, name, FactorInit.vector(id, config.dim, config.initStdDev, config.seed ^ ITEM_SEED));
    }

    public void apply(ItemFactor f, ItemUpdate u) {
        if (f.item == null) {
            f.item = u.name;
        }
        if (u.userVector != null && u.userVector.length == f.vector.length) {
            float err = u.pairwise ? u.gradient : step.error(u.userVector, f.vector, f.bias, u.target);
            step.updateItem(f.vector, u.userVector, err, u.weight);
            f.bias = step.updatedBias(f.bias, err, u.weight);
        }
        if (u.popularityIncrement > 0) {
            DecayedPopularity.add(f, u.popularityIncrement, u.ts, config.popularityHalfLifeMs);
        }
        for (int n = 0; n < u.coItems.length; n++) {
            Neighbours.add(f, u.coItems[n], u.coWeights[n], config.neighboursPerItem);
        }
        if (!u.isFactorOnly()) {
            f.touchedTs = Math.max(f.touchedTs, u.ts);
        }
        f.version++;
    }

    public double trendKey(ItemFactor f) {
        return DecayedPopularity.trendKey(f, config.popularityHalfLifeMs);
    }

    /** Separates the item seed stream from the user one, so user "x" and item "x" differ. */
    private static final long ITEM_SEED = 0x5DEECE66DL;
}
