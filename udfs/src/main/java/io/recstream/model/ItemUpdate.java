package io.recstream.model;

/**
 * One change to one item, sent by a {@code UserLearner} to the {@code ItemLearner} that owns the
 * item (keyed by {@link #item}, the item's numeric id) and applied at once to the sender's own replica.
 *
 * <p>Two kinds share the type so the item side applies them in one order: a factor step (the
 * user vector before its own step, the interaction weight, the target: 1 observed, 0 a sampled
 * negative), and a co-occurrence increment (items seen near this one and how strongly).
 */
public class ItemUpdate {
    public long item;
    /**
     * The item's name, where the owner may not know it yet: on an interaction (the update that
     * brings an item into the job) and on updates of search-intent pseudo-items (which have no
     * interactions); null on the rest, which name items the owner has met.
     */
    public String name;
    public long ts;
    /** The user's vector before its own step; null for a pure co-occurrence update. */
    public float[] userVector;
    public float weight;
    public float target;
    /**
     * True for a pairwise (BPR) step, whose gradient factor the sender computed from both items
     * of the pair; a pointwise step's error is derived by the item side from {@link #target}.
     */
    public boolean pairwise;
    public float gradient;
    /** Added to the item's decayed popularity (an observed interaction's weight, else 0). */
    public float popularityIncrement;
    /** Ids of the items seen near this one. */
    public long[] coItems = new long[0];
    public float[] coWeights = new float[0];

    public ItemUpdate() {}

    public static ItemUpdate interaction(long item, String name, long ts, float[] userVector, float weight,
                                         long[] coItems, float[] coWeights) {
        ItemUpdate u = new ItemUpdate();
        u.item = item;
        u.name = name;
        u.ts = ts;
        u.userVector = userVector;
        u.weight = weight;
        u.target = 1f;
        u.popularityIncrement = weight;
        u.coItems = coItems;
        u.coWeights = coWeights;
        return u;
    }

    public static ItemUpdate negative(long item, long ts, float[] userVector, float weight) {
        ItemUpdate u = new ItemUpdate();
        u.item = item;
        u.ts = ts;
        u.userVector = userVector;
        u.weight = weight;
        u.target = 0f;
        return u;
    }

    /** A BPR step on one item of a (positive, negative) pair: the item moves by {@code gradient * u}. */
    public static ItemUpdate pairwise(long item, String name, long ts, float[] userVector, float weight, float gradient,
                                      float popularityIncrement, long[] coItems, float[] coWeights) {
        ItemUpdate u = new ItemUpdate();
        u.item = item;
        u.name = name;
        u.ts = ts;
        u.userVector = userVector;
        u.weight = weight;
        u.pairwise = true;
        u.gradient = gradient;
        u.popularityIncrement = popularityIncrement;
        u.coItems = coItems;
        u.coWeights = coWeights;
        return u;
    }

    /**
     * A factor step alone (a sampled negative): it changes neither the item's popularity nor its
     * neighbours, so it cannot change which items become candidates.
     */
    public boolean isFactorOnly() {
        return popularityIncrement == 0f && coItems.length == 0;
    }

    public static ItemUpdate cooccurrence(long item, String name, long ts, long coItem, float coWeight) {
        ItemUpdate u = new ItemUpdate();
        u.item = item;
        u.name = name;
        u.ts = ts;
        u.coItems = new long[] {coItem};
        u.coWeights = new float[] {coWeight};
        return u;
    }
}
