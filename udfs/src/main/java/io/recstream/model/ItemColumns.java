package io.recstream.model;

import java.util.Arrays;

/**
 * What a live list reads of every candidate, for the items a replica holds, in arrays by replica
 * slot ({@link ItemSlots}): whether the item may be listed, its vector's norm, its bias, its
 * popularity and popularity ordering key, and its vector, all vectors in one slab
 * ({@link #offset}).
 *
 * <p>A list offers ~260 candidates and computes ~190 dot products: reading these arrays costs an
 * index each, where the items themselves cost a reference to follow per candidate, then a field
 * or an array of their own. The values are copies: the replica writes an item's values here
 * ({@link #hold}) whenever it takes the item in or changes it, and clears its slot when it leaves.
 * Nothing here is checkpointed.
 */
public final class ItemColumns {
    private final int dim;
    private boolean[] listable = new boolean[16];
    private float[] norms = new float[16];
    private float[] biases = new float[16];
    private double[] trendKeys = new double[16];
    private double[] popularity = new double[16];
    private float[] vectors;

    /** @param dim the length of every item vector */
    ItemColumns(int dim) {
        this.dim = dim;
        this.vectors = new float[16 * dim];
    }

    /** Whether the item in {@code slot} may be listed: held, named, and not a search intent. */
    public boolean listable(int slot) {
        return slot < listable.length && listable[slot]; // a placeholder's slot may be past every held one
    }

    /** The norm of the vector of the item in {@code slot} ({@link ItemFactor#norm()}). */
    public float norm(int slot) {
        return norms[slot];
    }

    /** The bias of the item in {@code slot}. */
    public float bias(int slot) {
        return biases[slot];
    }

    /** The popularity ordering key of the item in {@code slot} ({@link ItemFactor#trendKey()}). */
    public double trendKey(int slot) {
        return trendKeys[slot];
    }

    /** The decayed popularity of the item in {@code slot} ({@link ItemFactor#popularity}). */
    public double popularity(int slot) {
        return popularity[slot];
    }

    /** Every held item's vector: the one in {@code slot} from {@link #offset offset(slot)}, {@code dim} long. */
    public float[] vectors() {
        return vectors;
    }

    /** Where the vector of the item in {@code slot} starts in {@link #vectors}. */
    public int offset(int slot) {
        return slot * dim;
    }

    /** The item's values as they are now, into its slot; {@code listable} says whether it may be listed. */
    void hold(ItemFactor f, boolean listable) {
        int slot = f.slot;
        if (slot >= norms.length) {
            grow(slot + 1);
        }
        this.listable[slot] = listable;
        norms[slot] = f.norm;
        biases[slot] = f.bias;
        trendKeys[slot] = f.trendKey;
        popularity[slot] = f.popularity;
        int length = Math.min(dim, f.vector.length);
        System.arraycopy(f.vector, 0, vectors, slot * dim, length);
        Arrays.fill(vectors, slot * dim + length, (slot + 1) * dim, 0f); // a dot product reads dim floats
    }

    /** The item in {@code slot} left: nothing there may be listed. */
    void vacate(int slot) {
        listable[slot] = false;
    }

    private void grow(int slots) {
        int capacity = Math.max(slots, 2 * norms.length);
        listable = Arrays.copyOf(listable, capacity);
        norms = Arrays.copyOf(norms, capacity);
        biases = Arrays.copyOf(biases, capacity);
        trendKeys = Arrays.copyOf(trendKeys, capacity);
        popularity = Arrays.copyOf(popularity, capacity);
        vectors = Arrays.copyOf(vectors, capacity * dim);
    }
}
