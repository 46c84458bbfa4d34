package io.recstream.functions;

import com.carrotsearch.hppc.LongArrayDeque;
import com.carrotsearch.hppc.LongObjectHashMap;
import com.carrotsearch.hppc.cursors.LongObjectCursor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.operators.KeyContext;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Recently used values of a keyed {@code ValueState} on the heap, by numeric key, for operators
 * keyed by user on RocksDB: the user-learner's profiles, the publisher's last lists. An event of a
 * user in session then neither reads nor writes the state backend: on RocksDB the read and the
 * write of a profile (a memtable search and a deserialization, a serialization and a memtable
 * insert) were a third of the user-learner's thread, the publisher's two thirds of its own. Up to
 * {@code capacity} keys; when a new key finds it full, the values idle longest go, every change
 * goes back, and if most were in use the cache starts empty ({@link #makeRoom}).
 *
 * <p>Write-back: a changed value goes to the backend ({@link WriteBack}) once it has been changed
 * for {@code writeBehindMillis} (checked at every {@link #put}), when a new key finds it full, and at
 * {@link #writeBack}, which the operator calls before every checkpoint barrier and at the end of
 * input, so every snapshot holds the latest values. Writing behind by a short delay rather than
 * all at the barrier is for the lists: the barrier's write-back and RocksDB's flush of what it
 * wrote run on the task thread while events wait, so the values changed over a whole checkpoint
 * interval made every list of that moment late; written behind, they reach RocksDB steadily, its
 * memtables flush in the background, and the barrier finds only the changes of the last
 * {@code writeBehindMillis}. A value changed again after its write is written again, at most once
 * per {@code writeBehindMillis}.
 *
 * <p>Keeping an unused value: a value is served from the cache while it has a change not yet
 * written, or while its last write to the backend is less than {@code keepMillis} ago, whether
 * or not an event used it since; {@link #writeBack} drops the values past that, and {@link #get}
 * treats one past it as not cached between barriers too (a late checkpoint, or none). Why the
 * write: the state's time-to-live runs from a value's last write (renewed on create and write,
 * not on read), so a value that sits unused on the heap must not be served after the backend's
 * copy would have expired: {@code keepMillis} is at most the time-to-live ({@link #keepWithin})
 * and counts from the write, by the same processing-time clock. A user in session changes their
 * value with every event, which is written {@code writeBehindMillis} later and at every barrier,
 * so it stays cached; a user back within {@code keepMillis} of their last write finds it cached
 * too, across barriers, instead of reading it from the backend (in the benchmark a user's
 * sessions come 8-13 s apart on average, irregularly, against barriers every 10 s). A value is
 * read from the backend once per absence longer than {@code keepMillis}. For this the cached
 * objects must be the operator's own: a backend that hands out fresh copies
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

    /**
     * {@code keepMillis}, or the state's time-to-live when that is shorter: a cached value must not
     * be served after the backend's copy would have expired.
     *
     * @param ttl the state's time-to-live, null or zero: none
     */
    static long keepWithin(long keepMillis, Duration ttl) {
        return ttl == null || ttl.isZero() ? keepMillis : Math.min(keepMillis, ttl.toMillis());
    }

    /** One key's cached value. */
    private static final class Entry<V> {
        V value;
        /** When it was last written to the backend (the clock's ms); meaningless while {@link #changed}. */
        long writtenAt;
        /** Changed since it was last written; then it is in {@link #changed}. */
        boolean changed;
    }

    private final int capacity;
    private final long writeBehindMillis;
    private final long keepMillis;
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
     * @param keepMillis        how long after its last write an unchanged value is still served;
     *                          at most the state's time-to-live
     * @param clock             milliseconds: the state's time-to-live's clock (processing time)
     */
    HeapStateCache(int capacity, long writeBehindMillis, long keepMillis, LongSupplier clock, WriteBack<V> backend) {
        if (capacity < 1) {
            throw new IllegalArgumentException("the state cache's capacity must be at least 1: " + capacity);
        }
        if (writeBehindMillis < 0) {
            throw new IllegalArgumentException("the state cache's write-behind delay must not be negative: " + writeBehindMillis);
        }
        if (keepMillis < 0) {
            throw new IllegalArgumentException("the state cache's keep time must not be negative: " + keepMillis);
        }
        this.capacity = capacity;
        this.writeBehindMillis = writeBehindMillis;
        this.keepMillis = keepMillis;
        this.clock = clock;
        this.backend = backend;
        this.entries = new LongObjectHashMap<>(capacity);
    }

    /**
     * The cached value of {@code key}, null when not cached or unchanged and last written
     * {@code keepMillis} or more ago (then read it from the backend and {@link #put} it).
     */
    V get(long key) {
        Entry<V> e = entries.get(key);
        if (e != null && !e.changed && clock.getAsLong() - e.writtenAt >= keepMillis) {
            entries.remove(key);
            e = null;
        }
        if (e == null) {
            misses++;
            return null;
        }
        hits++;
        return e.value;
    }

    /**
     * Caches {@code value} of {@code key} as changed, then writes back the values changed longer
     * than the write-behind delay ago. A new key that finds the cache full makes room first.
     */
    void put(long key, V value) throws Exception {
        Entry<V> e = entries.get(key);
        if (e == null) {
            if (entries.size() >= capacity) {
                makeRoom();
            }
            e = new Entry<>();
            entries.put(key, e);
        }
        e.value = value;
        long now = clock.getAsLong();
        if (!e.changed) {
            e.changed = true;
            changed.addLast(key);
            changedAt.addLast(now);
        }
        writeBehind(now);
    }

    /**
     * For a new key in a full cache: drops the unchanged values last written half the keep time
     * ago or more (the users idle longest), writes every change back, and empties the cache when
     * that leaves it over three quarters full. So a keep time longer than the users active in it
     * fit costs those users' reads, not everyone's.
     */
    private void makeRoom() throws Exception {
        long idleSince = clock.getAsLong() - keepMillis / 2;
        entries.removeAll((key, e) -> !e.changed && e.writtenAt <= idleSince);
        writeBack();
        if (4L * entries.size() > 3L * capacity) {
            entries.clear();
        }
    }

    private void writeBehind(long now) throws Exception {
        while (!changed.isEmpty() && now - changedAt.getFirst() >= writeBehindMillis) {
            long key = changed.removeFirst();
            changedAt.removeFirst();
            Entry<V> e = entries.get(key);
            backend.write(key, e.value);
            e.changed = false;
            e.writtenAt = now;
        }
    }

    /**
     * Writes every changed value back and forgets the unchanged ones last written
     * {@code keepMillis} or more ago.
     */
    void writeBack() throws Exception {
        long now = clock.getAsLong();
        entries.removeAll((key, e) -> !e.changed && now - e.writtenAt >= keepMillis);
        for (LongObjectCursor<Entry<V>> c : entries) {
            Entry<V> e = c.value;
            if (e.changed) {
                backend.write(c.key, e.value);
                e.changed = false;
                e.writtenAt = now;
            }
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

    /** Reports {@link #hits} and {@link #misses} as the gauges {@code <name>-cache-hits} and {@code <name>-cache-misses}. */
    void reportTo(MetricGroup metrics, String name) {
        metrics.gauge(name + "-cache-hits", this::hits);
        metrics.gauge(name + "-cache-misses", this::misses);
    }
}
