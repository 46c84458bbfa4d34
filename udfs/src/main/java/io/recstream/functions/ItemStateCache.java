package io.recstream.functions;

import io.recstream.model.ItemFactor;
import io.recstream.model.ItemNeighbours;

/**
 * The item-learner's latest states of recently updated items, so an update or a publication of a
 * hot item reads nothing from the state backend: on RocksDB each read is a memtable search and a
 * deserialization, the larger part of the operator's time. Direct-mapped by the low bits of the
 * item's id (a hash already): an item takes its slot from whichever item held it.
 *
 * <p>The states are written through to the backend on every update, so the backend stays the
 * authoritative copy (checkpoints, restores) and the cache is only a shortcut to what it holds.
 * For that the cached objects must be the operator's own: a backend that hands out fresh copies
 * ({@code KeyedStateBackend#isSafeToReuseKVState}, RocksDB); the heap backend's objects are shared
 * with its snapshots, which must not see them changed after they were taken.
 *
 * <p>An item's neighbours may be unknown while its factor is cached: a factor step alone does not
 * read them.
 */
final class ItemStateCache {
    private final int mask;
    private final long[] ids;
    private final ItemFactor[] factors;
    private final ItemNeighbours[] neighbours;
    private final boolean[] neighboursKnown;

    /** @param capacity slots, a power of two */
    ItemStateCache(int capacity) {
        if (capacity < 1 || Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("the item cache's capacity must be a power of two: " + capacity);
        }
        mask = capacity - 1;
        ids = new long[capacity];
        factors = new ItemFactor[capacity];
        neighbours = new ItemNeighbours[capacity];
        neighboursKnown = new boolean[capacity];
    }

    /** The cached factor of {@code id} (without neighbours), null when not cached. */
    ItemFactor factor(long id) {
        int slot = slot(id);
        return factors[slot] != null && ids[slot] == id ? factors[slot] : null;
    }

    /** Whether the neighbours of {@code id} are cached (then {@link #neighbours} says them, null: none). */
    boolean knowsNeighbours(long id) {
        int slot = slot(id);
        return factors[slot] != null && ids[slot] == id && neighboursKnown[slot];
    }

    /** The cached neighbours of {@code id}, null when it has none; only when {@link #knowsNeighbours}. */
    ItemNeighbours neighbours(long id) {
        return neighbours[slot(id)];
    }

    /** Caches the factor of {@code f.id}, keeping its cached neighbours if it held the slot already. */
    void putFactor(ItemFactor f) {
        int slot = slot(f.id);
        if (factors[slot] == null || ids[slot] != f.id) {
            ids[slot] = f.id;
            neighbours[slot] = null;
            neighboursKnown[slot] = false;
        }
        factors[slot] = f;
    }

    /** Caches the neighbours of {@code f.id} (null: none), whose factor is cached. */
    void putNeighbours(long id, ItemNeighbours n) {
        int slot = slot(id);
        if (factors[slot] != null && ids[slot] == id) {
            neighbours[slot] = n;
            neighboursKnown[slot] = true;
        }
    }

    /** Forgets {@code id}. */
    void remove(long id) {
        int slot = slot(id);
        if (ids[slot] == id) {
            factors[slot] = null;
            neighbours[slot] = null;
            neighboursKnown[slot] = false;
        }
    }

    private int slot(long id) {
        return (int) id & mask;
    }
}
