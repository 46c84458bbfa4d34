package io.recstream.functions;

import io.recstream.model.ItemFactor;
import io.recstream.model.ItemNeighbours;

import com.carrotsearch.hppc.LongObjectHashMap;
import com.carrotsearch.hppc.cursors.LongObjectCursor;

/**
 * The item-learner's latest states of recently updated items, so an update or a publication of a
 * hot item neither reads nor writes the state backend on every update: on RocksDB each read is a
 * memtable search and a deserialization, each write a serialization and a memtable insert, together
 * most of the operator's time. Up to {@code capacity} items, by id; when a new item finds it full,
 * every change goes back and the cache starts empty. (Slots by the id's low bits, an earlier
 * build, let two hot items that shared one evict each other on every update.)
 *
 * <p>Write-back: a changed state is marked dirty and goes to the backend ({@link WriteBack}) when
 * the cache empties or when the operator flushes, before every checkpoint barrier and at the end
 * of input, so every snapshot holds the latest states and a restore needs nothing from the heap.
 * For that the cached objects must be the operator's own: a backend that hands out fresh copies
 * ({@code KeyedStateBackend#isSafeToReuseKVState}, RocksDB); the heap backend's objects are shared
 * with its snapshots, which must not see them changed after they were taken.
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

    /** One item's cached states. */
    private static final class Entry {
        ItemFactor factor;
        ItemNeighbours neighbours;
        boolean neighboursKnown;
        boolean factorDirty;
        boolean neighboursDirty;
    }

    private final int capacity;
    private final WriteBack writeBack;
    private final LongObjectHashMap<Entry> entries;

    ItemStateCache(int capacity, WriteBack writeBack) {
        if (capacity < 1) {
            throw new IllegalArgumentException("the item cache's capacity must be at least 1: " + capacity);
        }
        this.capacity = capacity;
        this.writeBack = writeBack;
        this.entries = new LongObjectHashMap<>(capacity);
    }

    /** The cached factor of {@code id} (without neighbours), null when not cached. */
    ItemFactor factor(long id) {
        Entry e = entries.get(id);
        return e == null ? null : e.factor;
    }

    /** Whether the neighbours of {@code id} are cached (then {@link #neighbours} says them, null: none). */
    boolean knowsNeighbours(long id) {
        Entry e = entries.get(id);
        return e != null && e.neighboursKnown;
    }

    /** The cached neighbours of {@code id}, null when it has none; only when {@link #knowsNeighbours}. */
    ItemNeighbours neighbours(long id) {
        Entry e = entries.get(id);
        return e == null ? null : e.neighbours;
    }

    /**
     * Caches the factor of {@code f.id} as the backend holds it (a read), or changed ({@code changed}:
     * to be written back). A new item that finds the cache full empties it first.
     */
    void putFactor(ItemFactor f, boolean changed) throws Exception {
        Entry e = entries.get(f.id);
        if (e == null) {
            if (entries.size() >= capacity) {
                flush();
                entries.clear();
            }
            e = new Entry();
            entries.put(f.id, e);
        }
        e.factor = f;
        e.factorDirty |= changed;
    }

    /** Caches the neighbours of {@code id} (null: none), whose factor is cached, as read or changed. */
    void putNeighbours(long id, ItemNeighbours n, boolean changed) {
        Entry e = entries.get(id);
        if (e != null) {
            e.neighbours = n;
            e.neighboursKnown = true;
            e.neighboursDirty |= changed;
        }
    }

    /** Forgets {@code id} and its changes (its states are being cleared). */
    void remove(long id) {
        entries.remove(id);
    }

    /** How many items are cached. */
    int size() {
        return entries.size();
    }

    /** Writes every change back; the states stay cached. */
    void flush() throws Exception {
        for (LongObjectCursor<Entry> c : entries) {
            Entry e = c.value;
            if (e.factorDirty || e.neighboursDirty) {
                writeBack.write(c.key, e.factor, e.factorDirty, e.neighbours, e.neighboursDirty);
                e.factorDirty = false;
                e.neighboursDirty = false;
            }
        }
    }
}
