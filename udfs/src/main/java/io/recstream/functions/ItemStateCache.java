package io.recstream.functions;

import io.recstream.model.ItemFactor;
import io.recstream.model.ItemNeighbours;

/**
 * The item-learner's latest states of recently updated items, so an update or a publication of a
 * hot item neither reads nor writes the state backend on every update: on RocksDB each read is a
 * memtable search and a deserialization, each write a serialization and a memtable insert, together
 * most of the operator's time. Direct-mapped by the low bits of the item's id (a hash already): an
 * item takes its slot from whichever item held it.
 *
 * <p>Write-back: a changed state is marked dirty and goes to the backend ({@link WriteBack}) when
 * its item leaves its slot or when the operator flushes, before every checkpoint barrier and at
 * the end of input, so every snapshot holds the latest states and a restore needs nothing from the
 * heap. For that the cached objects must be the operator's own: a backend that hands out fresh
 * copies ({@code KeyedStateBackend#isSafeToReuseKVState}, RocksDB); the heap backend's objects are
 * shared with its snapshots, which must not see them changed after they were taken.
 *
 * <p>An item's neighbours may be unknown while its factor is cached: a factor step alone does not
 * read them.
 */
final class ItemStateCache {
    /** Writes an item's dirty states to the backend. */
    interface WriteBack {
        /** {@code factor} and {@code neighbours} (null: none) of {@code id}, each only when its flag says it changed. */
        void write(long id, ItemFactor factor, boolean factorChanged, ItemNeighbours neighbours, boolean neighboursChanged)
                throws Exception;
    }

    private final int mask;
    private final WriteBack writeBack;
    private final long[] ids;
    private final ItemFactor[] factors;
    private final ItemNeighbours[] neighbours;
    private final boolean[] neighboursKnown;
    private final boolean[] factorDirty;
    private final boolean[] neighboursDirty;

    /** @param capacity slots, a power of two */
    ItemStateCache(int capacity, WriteBack writeBack) {
        if (capacity < 1 || Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("the item cache's capacity must be a power of two: " + capacity);
        }
        this.mask = capacity - 1;
        this.writeBack = writeBack;
        ids = new long[capacity];
        factors = new ItemFactor[capacity];
        neighbours = new ItemNeighbours[capacity];
        neighboursKnown = new boolean[capacity];
        factorDirty = new boolean[capacity];
        neighboursDirty = new boolean[capacity];
    }

    /** The cached factor of {@code id} (without neighbours), null when not cached. */
    ItemFactor factor(long id) {
        int slot = slot(id);
        return holds(slot, id) ? factors[slot] : null;
    }

    /** Whether the neighbours of {@code id} are cached (then {@link #neighbours} says them, null: none). */
    boolean knowsNeighbours(long id) {
        int slot = slot(id);
        return holds(slot, id) && neighboursKnown[slot];
    }

    /** The cached neighbours of {@code id}, null when it has none; only when {@link #knowsNeighbours}. */
    ItemNeighbours neighbours(long id) {
        return neighbours[slot(id)];
    }

    /**
     * Caches the factor of {@code f.id} as the backend holds it (a read), or changed ({@code changed}:
     * to be written back). An item it takes the slot from has its changes written back first.
     */
    void putFactor(ItemFactor f, boolean changed) throws Exception {
        int slot = slot(f.id);
        if (!holds(slot, f.id)) {
            evict(slot);
            ids[slot] = f.id;
        }
        factors[slot] = f;
        factorDirty[slot] |= changed;
    }

    /** Caches the neighbours of {@code id} (null: none), whose factor is cached, as read or changed. */
    void putNeighbours(long id, ItemNeighbours n, boolean changed) {
        int slot = slot(id);
        if (holds(slot, id)) {
            neighbours[slot] = n;
            neighboursKnown[slot] = true;
            neighboursDirty[slot] |= changed;
        }
    }

    /** Forgets {@code id} and its changes (its states are being cleared). */
    void remove(long id) {
        int slot = slot(id);
        if (holds(slot, id)) {
            clear(slot);
        }
    }

    /** Writes every change back; the states stay cached. */
    void flush() throws Exception {
        for (int slot = 0; slot <= mask; slot++) {
            if (factorDirty[slot] || neighboursDirty[slot]) {
                writeBack.write(ids[slot], factors[slot], factorDirty[slot], neighbours[slot], neighboursDirty[slot]);
                factorDirty[slot] = false;
                neighboursDirty[slot] = false;
            }
        }
    }

    private void evict(int slot) throws Exception {
        if (factorDirty[slot] || neighboursDirty[slot]) {
            writeBack.write(ids[slot], factors[slot], factorDirty[slot], neighbours[slot], neighboursDirty[slot]);
        }
        clear(slot);
    }

    private void clear(int slot) {
        factors[slot] = null;
        neighbours[slot] = null;
        neighboursKnown[slot] = false;
        factorDirty[slot] = false;
        neighboursDirty[slot] = false;
    }

    private boolean holds(int slot, long id) {
        return factors[slot] != null && ids[slot] == id;
    }

    private int slot(long id) {
        return (int) id & mask;
    }
}
