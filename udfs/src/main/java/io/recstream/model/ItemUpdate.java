package io.recstream.model;

import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * A change to one item, sent by a {@code UserLearner} subtask to the {@code ItemLearner} that owns
 * the item (keyed by {@link #item}, the item's numeric id). It is a sum of {@link #steps} learning
 * steps: the sender applies each step to its own replica at once, as it learns, and sends their
 * sum ({@code ItemUpdateAccumulator} adds up a few milliseconds of them per item).
 *
 * <p>What is summed: the change of the item's factor vector and bias (computed by the sender
 * against its replica's copy, see {@link ItemModel#factorStep}), the popularity added (decayed to
 * {@link #ts}), and co-occurrence weights per neighbour. The owner adds them to its copy; a replica
 * predicts the owner's {@link ItemFactor#version} by counting steps the same way.
 *
 * <p>Flink serialises it with {@link ItemUpdateSerializer}.
 */
@TypeInfo(ItemUpdateSerializer.TypeInfo.class)
public class ItemUpdate {
    private static final long[] NO_ITEMS = new long[0];
    private static final float[] NO_WEIGHTS = new float[0];

    public long item;
    /**
     * The item's name, where the owner may not know it yet: on an interaction (the update that
     * brings an item into the job) and on updates of search-intent pseudo-items (which have no
     * interactions); null on the rest, which name items the owner has met.
     */
    public String name;
    /** Event time of the latest step in the sum. */
    public long ts;
    /** Learning steps summed in this update: each counts one version of the item. */
    public int steps = 1;
    /** Change of the item vector; null when no step moved it. */
    public float[] factorDelta;
    public float biasDelta;
    /** Added to the item's decayed popularity, as of {@link #ts} (an observed interaction's weight, else 0). */
    public float popularityIncrement;
    /** Ids of the items seen near this one, and the weights added to each. */
    public long[] coItems = NO_ITEMS;
    public float[] coWeights = NO_WEIGHTS;

    public ItemUpdate() {}

    /** A factor step of the observed item, with the weight it adds to the item's popularity and its co-occurring items. */
    public static ItemUpdate interaction(long item, String name, long ts, float popularityIncrement,
                                         long[] coItems, float[] coWeights) {
        ItemUpdate u = factorStep(item, name, ts);
        u.popularityIncrement = popularityIncrement;
        u.coItems = coItems;
        u.coWeights = coWeights;
        return u;
    }

    /** A factor step alone (a sampled negative); {@link ItemModel#factorStep} fills in the change. */
    public static ItemUpdate factorStep(long item, String name, long ts) {
        ItemUpdate u = new ItemUpdate();
        u.item = item;
        u.name = name;
        u.ts = ts;
        return u;
    }

    public static ItemUpdate cooccurrence(long item, String name, long ts, long coItem, float coWeight) {
        ItemUpdate u = factorStep(item, name, ts);
        u.coItems = new long[] {coItem};
        u.coWeights = new float[] {coWeight};
        return u;
    }

    /**
     * Factor steps alone (sampled negatives): they change neither the item's popularity nor its
     * neighbours, so they cannot change which items become candidates.
     */
    public boolean isFactorOnly() {
        return popularityIncrement == 0f && coItems.length == 0;
    }

    public ItemUpdate copy() {
        ItemUpdate c = factorStep(item, name, ts);
        c.steps = steps;
        c.factorDelta = factorDelta == null ? null : factorDelta.clone();
        c.biasDelta = biasDelta;
        c.popularityIncrement = popularityIncrement;
        c.coItems = coItems.clone();
        c.coWeights = coWeights.clone();
        return c;
    }
}
