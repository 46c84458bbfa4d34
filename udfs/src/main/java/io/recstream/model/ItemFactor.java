package io.recstream.model;

import io.recstream.learn.Dot;
import io.recstream.recommend.IntentItem;

import com.fasterxml.jackson.annotation.JsonIgnore;

import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * What the job knows about one item: its factor vector and bias, its time-decayed popularity,
 * and its strongest co-occurring neighbours. The {@code ItemLearner} holds the authoritative copy
 * in keyed state and publishes it to the compacted topic {@code item-factors} (key = item), from
 * which every {@code UserLearner} subtask keeps a replica.
 *
 * <p>{@code id} is the item's {@link io.recstream.event.NumericId}, and neighbours are ids too;
 * {@code item} is its name, the string the lists show. The name travels with the item's first
 * interaction (see {@link ItemUpdate#name}), so a copy made from an update alone may not know it
 * yet (null); the owner publishes an item only once it knows its name.
 *
 * <p>{@code version} counts the updates applied to the item. A replica applies its own updates
 * at once, predicting the version the authoritative copy will reach, and ignores any published
 * version that is not newer than what it holds, so it never steps back to a stale vector.
 *
 * <p>An item that expired (see {@code ItemLearner}) travels as a <em>tombstone</em>: the item id
 * and no vector; on {@code item-factors} it is a record with the item key and a null value.
 *
 * <p>A Jackson bean; Flink serialises it with {@link ItemFactorSerializer}, the project's own
 * versioned format.
 */
@TypeInfo(ItemFactorSerializer.TypeInfo.class)
public class ItemFactor {
    public long id;
    public String item;
    public long version;
    public float[] vector;
    public float bias;
    /** Sum of interaction weights, decayed to {@code popularityTs} (no decay when the half-life is 0). */
    public double popularity;
    public long popularityTs;
    /**
     * Ids of co-occurring items and their weights, unordered, at most the configured number. A
     * replica holds both in one list of slots and 16-bit weights instead ({@link #replicaNeighbours()}):
     * in its copies these are empty.
     */
    public long[] neighbours = NO_IDS;
    public float[] neighbourWeights = NO_WEIGHTS;
    /**
     * Event time of the latest update that was not a factor step alone (an interaction with the
     * item or a co-occurrence): how long the item has gone unused decides when it expires.
     */
    public long touchedTs;
    /**
     * The item-learner's pending expiry timer, in event time (0: none). Bookkeeping of the owner,
     * kept inside the item's state so an update costs no extra state access; not published.
     */
    @JsonIgnore
    public long expiryTimer;

    /** Cached ordering key of the replica's popularity index; not part of the record. */
    transient double trendKey = Double.NEGATIVE_INFINITY;
    /** Position in the replica holding this copy (see {@link ItemSlots}); not part of the record. */
    transient int slot = -1;
    /**
     * In a replica, the neighbours by slot with their weights (see {@link ReplicaNeighbours}); not
     * part of the record, whose neighbours are ids.
     */
    transient byte[] replicaNeighbours = ReplicaNeighbours.EMPTY;
    /**
     * The position of the weakest neighbour of a full {@link #replicaNeighbours} list, kept by
     * {@link Neighbours#addSlot} so a full list need not be scanned for it on every new neighbour;
     * -1: not known. Whatever else changes the list must set it to -1. Not part of the record.
     */
    transient int weakestNeighbour = -1;
    /**
     * The Euclidean norm of {@code vector} as it is now: it bounds the item's factor score, so the
     * recommender can tell that a candidate cannot make a list without reading its vector. Measured
     * ({@link #measureNorm}) wherever a replica takes a vector in and wherever an update changes
     * one; whatever else changes a replica's vector must measure it too. NaN: not measured (a copy
     * no replica took in), which bounds nothing. Not part of the record.
     */
    transient float norm = Float.NaN;

    static final long[] NO_IDS = new long[0];
    static final float[] NO_WEIGHTS = new float[0];

    public ItemFactor() {}

    public ItemFactor(long id, String item, float[] vector) {
        this.id = id;
        this.item = item;
        this.vector = vector;
    }

    /** The record that says item {@code id} (named {@code item}) is gone. */
    public static ItemFactor tombstone(long id, String item) {
        ItemFactor t = new ItemFactor();
        t.id = id;
        t.item = item;
        return t;
    }

    /** Whether this record says the item is gone (it has no vector). */
    @JsonIgnore
    public boolean isTombstone() {
        return vector == null;
    }

    public ItemFactor copy() {
        ItemFactor c = new ItemFactor(id, item, vector == null ? null : vector.clone());
        c.version = version;
        c.bias = bias;
        c.popularity = popularity;
        c.popularityTs = popularityTs;
        c.neighbours = neighbours.clone();
        c.neighbourWeights = neighbourWeights.clone();
        c.touchedTs = touchedTs;
        c.expiryTimer = expiryTimer;
        c.trendKey = trendKey;
        c.slot = slot;
        c.replicaNeighbours = replicaNeighbours.clone();
        c.weakestNeighbour = weakestNeighbour;
        c.norm = norm;
        return c;
    }

    /** Whether this is a search-intent pseudo-item, which is never recommended nor sampled. */
    public boolean searchIntent() {
        return item != null && IntentItem.isIntent(item);
    }

    /** The popularity ordering key the replica last computed (see {@link DecayedPopularity#trendKey}). */
    public double trendKey() {
        return trendKey;
    }

    /** This copy's position in its replica, -1 when it is in none. */
    public int slot() {
        return slot;
    }

    /** The norm of the vector (see {@link #norm}); NaN when not measured. */
    public float norm() {
        return norm;
    }

    /** Measures {@link #norm} of the vector as it is now. */
    void measureNorm() {
        norm = vector == null ? Float.NaN : Dot.norm(vector);
    }

    /**
     * In a replica, the neighbours: their slots (see {@link ItemReplica#inSlot}) and weights, read
     * with {@link ReplicaNeighbours}; empty outside a replica. Read only.
     */
    public byte[] replicaNeighbours() {
        return replicaNeighbours;
    }
}
