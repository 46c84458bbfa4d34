package io.recstream.functions;

import com.carrotsearch.hppc.LongArrayDeque;
import com.carrotsearch.hppc.LongObjectHashMap;
import com.carrotsearch.hppc.cursors.LongObjectCursor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.streaming.api.operators.KeyContext;

import java.util.function.LongSupplier;

/**
 * Recently used values of a keyed {@code ValueState} on the heap, by numeric key, for operators
 * keyed by user on RocksDB: the user-learner's profiles, the publisher's last lists. An event of a
 * user in session then neither reads nor writes the state backend: on RocksDB the read and the
 * write of a profile (a memtable search and a deserialization, a serialization and a memtable
 * insert) were a third of the user-learner's thread, the publisher's two thirds of its own. Up to
 * {@code capacity} keys; when a new key finds it full, every change goes back and the cache starts
 * empty.
 *
 * <p>Write-back: a changed value goes to the backend ({@link WriteBack}) once it has been changed
 * for {@code writeBehindMillis} (checked at every {@link #put}), when the cache empties, and at
 * {@link #writeBack}, which the operator calls before every checkpoint barrier and at the end of
 * input, so every snapshot holds the latest values. Writing behind by a short delay rather than
 * all at the barrier is for the lists: the barrier's write-back and RocksDB's flush of what it
 * wrote run on the task thread while events wait, so the values changed over a whole checkpoint
 * interval made every list of that moment late; written behind, they reach RocksDB steadily, its
 * memtables flush in the background, and the barrier finds only the changes of the last
 * {@code writeBehindMillis}. A key in session is still read once per session; a value changed
 * again after its write is written again, at most once per {@code writeBehindMillis}.
 *
 * <p>A value no event used since the previous {@link #writeBack} is dropped then: one that sits
 * untouched in the cache would outlive its time-to-live, which runs from its last write. For this
 * the cached objects must be the operator's own: a backend that hands out fresh copies
 * ({@code KeyedStateBackend#isSafeToReuseKVState}, RocksDB).
 *
 * @param <V> the state's value
 */
final class HeapStateCache<V> {
    /** Writes a key's value to the backend. */
    interface WriteBack<V> {
        void write(long key, V value) throws Exception;
    }

    /** Writes to {@code state} under each value's own key, then goes back to the operator's current key. */
    static <V> WriteBack<V> into(ValueState<V> state, KeyContext keys) {
        return (key, value) -> {
            Object current = keys.getCurrentKey();
            keys.setCurrentKey(key);
            state.update(value);
            if (current != null) {
                keys.setCurrentKey(current);
            }
        };
    }

    /** One key's cached value. */
    private static final class Entry<V> {
        V value;
        /** Used since the last {@link #writeBack}. */
        boolean used;
        /** Changed since it was last written; then it is in {@link #changed}. */
        boolean changed;
    }

    private final int capacity;
    private final long writeBehindMillis;
    private final LongSupplier clock;
    private final WriteBack<V> backend;
    private final LongObjectHashMap<Entry<V>> entries;
    /** The changed values' keys, oldest change first: each changed entry once, unchanged ones never. */
    private final LongArrayDeque changed = new LongArrayDeque();
    /** When each key in {@link #changed} changed, in the same order. */
    private final LongArrayDeque changedAt = new LongArrayDeque();
    private long hits;
    private long misses;

    /**
     * @param writeBehindMillis how long a changed value stays unwritten (0: written at its change)
     * @param clock             milliseconds, for the write-behind delay
     */
    HeapStateCache(int capacity, long writeBehindMillis, LongSupplier clock, WriteBack<V> backend) {
        if (capacity < 1) {
            throw new IllegalArgumentException("the state cache's capacity must be at least 1: " + capacity);
        }
        if (writeBehindMillis < 0) {
            throw new IllegalArgumentException("the state cache's write-behind delay must not be negative: " + writeBehindMillis);
        }
        this.capacity = capacity;
        this.writeBehindMillis = writeBehindMillis;
        this.clock = clock;
        this.backend = backend;
        this.entries = new LongObjectHashMap<>(capacity);
    }

    /** The cached value of {@code key}, null when not cached (then read it and {@link #put} it). */
    V get(long key) {
        Entry<V> e = entries.get(key);
        if (e == null) {
            misses++;
            return null;
        }
        hits++;
        return e.value;
    }

    /**
     * Caches {@code value} of {@code key} as changed, then writes back the values changed longer
     * than the write-behind delay ago. A new key that finds the cache full empties it first.
     */
    void put(long key, V value) throws Exception {
        Entry<V> e = entries.get(key);
        if (e == null) {
            if (entries.size() >= capacity) {
                writeBack();
                entries.clear();
            }
            e = new Entry<>();
            entries.put(key, e);
        }
        e.value = value;
        e.used = true;
        long now = clock.getAsLong();
        if (!e.changed) {
            e.changed = true;
            changed.addLast(key);
            changedAt.addLast(now);
        }
        writeBehind(now);
    }

    private void writeBehind(long now) throws Exception {
        while (!changed.isEmpty() && now - changedAt.getFirst() >= writeBehindMillis) {
            long key = changed.removeFirst();
            changedAt.removeFirst();
            Entry<V> e = entries.get(key);
            backend.write(key, e.value);
            e.changed = false;
        }
    }

    /** Writes every changed value back and forgets the ones unused since the previous write-back. */
    void writeBack() throws Exception {
        entries.removeAll((key, e) -> !e.used);
        for (LongObjectCursor<Entry<V>> c : entries) {
            Entry<V> e = c.value;
            if (e.changed) {
                backend.write(c.key, e.value);
                e.changed = false;
            }
            e.used = false;
        }
        changed.clear();
        changedAt.clear();
    }

    /** How many values are cached. */
    int size() {
        return entries.size();
    }

    /** Lookups that found their key cached, since creation. */
    long hits() {
        return hits;
    }

    /** Lookups that did not, since creation. */
    long misses() {
        return misses;
    }
}
