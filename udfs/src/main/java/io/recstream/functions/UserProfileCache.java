package io.recstream.functions;

import io.recstream.recommend.UserProfile;

import com.carrotsearch.hppc.LongArrayDeque;
import com.carrotsearch.hppc.LongObjectHashMap;
import com.carrotsearch.hppc.cursors.LongObjectCursor;

import java.util.function.LongSupplier;

/**
 * The user-learner's profiles of recently active users, so an event of a user in session neither
 * reads nor writes the state backend: on RocksDB the profile's read and write (a memtable search
 * and a deserialization, a serialization and a memtable insert) were a third of the thread. Up to
 * {@code capacity} users, by id; when a new user finds it full, every change goes back and the
 * cache starts empty.
 *
 * <p>Write-back: a changed profile goes to the backend ({@link WriteBack}) once it has been
 * changed for {@code writeBehindMillis} (checked at every {@link #put}), when the cache empties,
 * and at {@link #writeBack}, which the operator calls before every checkpoint barrier and at the
 * end of input, so every snapshot holds the latest profiles. Writing behind by a short delay
 * rather than all at the barrier is for the lists: the barrier's write-back and RocksDB's flush of
 * what it wrote run on the task thread while events wait, so the profiles changed over a whole
 * checkpoint interval made every list of that moment late; written behind, they reach RocksDB
 * steadily, its memtables flush in the background, and the barrier finds only the profiles of the
 * last {@code writeBehindMillis}. A user in session is still read once per session; a profile
 * changed again after its write is written again, at most once per {@code writeBehindMillis}.
 *
 * <p>A profile no event used since the previous {@link #writeBack} is dropped then: one that sits
 * untouched in the cache would outlive its time-to-live, which runs from its last write. For this
 * the cached objects must be the operator's own: a backend that hands out fresh copies
 * ({@code KeyedStateBackend#isSafeToReuseKVState}, RocksDB).
 */
final class UserProfileCache {
    /** Writes a user's profile to the backend. */
    interface WriteBack {
        void write(long user, UserProfile profile) throws Exception;
    }

    /** One user's cached profile. */
    private static final class Entry {
        UserProfile profile;
        /** Used since the last {@link #writeBack}. */
        boolean used;
        /** Changed since it was last written; then it is in {@link #changed}. */
        boolean changed;
    }

    private final int capacity;
    private final long writeBehindMillis;
    private final LongSupplier clock;
    private final WriteBack backend;
    private final LongObjectHashMap<Entry> entries;
    /** The changed profiles' users, oldest change first: each changed entry once, unchanged ones never. */
    private final LongArrayDeque changed = new LongArrayDeque();
    /** When each user in {@link #changed} changed, in the same order. */
    private final LongArrayDeque changedAt = new LongArrayDeque();
    private long hits;
    private long misses;

    /**
     * @param writeBehindMillis how long a changed profile stays unwritten (0: written at its change)
     * @param clock             milliseconds, for the write-behind delay
     */
    UserProfileCache(int capacity, long writeBehindMillis, LongSupplier clock, WriteBack backend) {
        if (capacity < 1) {
            throw new IllegalArgumentException("the profile cache's capacity must be at least 1: " + capacity);
        }
        if (writeBehindMillis < 0) {
            throw new IllegalArgumentException("the profile cache's write-behind delay must not be negative: " + writeBehindMillis);
        }
        this.capacity = capacity;
        this.writeBehindMillis = writeBehindMillis;
        this.clock = clock;
        this.backend = backend;
        this.entries = new LongObjectHashMap<>(capacity);
    }

    /** The cached profile of {@code user}, null when not cached (then read it and {@link #put} it). */
    UserProfile get(long user) {
        Entry e = entries.get(user);
        if (e == null) {
            misses++;
            return null;
        }
        hits++;
        return e.profile;
    }

    /**
     * Caches {@code profile} of {@code user} as changed, then writes back the profiles changed
     * longer than the write-behind delay ago. A new user who finds the cache full empties it first.
     */
    void put(long user, UserProfile profile) throws Exception {
        Entry e = entries.get(user);
        if (e == null) {
            if (entries.size() >= capacity) {
                writeBack();
                entries.clear();
            }
            e = new Entry();
            entries.put(user, e);
        }
        e.profile = profile;
        e.used = true;
        long now = clock.getAsLong();
        if (!e.changed) {
            e.changed = true;
            changed.addLast(user);
            changedAt.addLast(now);
        }
        writeBehind(now);
    }

    private void writeBehind(long now) throws Exception {
        while (!changed.isEmpty() && now - changedAt.getFirst() >= writeBehindMillis) {
            long user = changed.removeFirst();
            changedAt.removeFirst();
            Entry e = entries.get(user);
            backend.write(user, e.profile);
            e.changed = false;
        }
    }

    /** Writes every changed profile back and forgets the ones unused since the previous write-back. */
    void writeBack() throws Exception {
        entries.removeAll((user, e) -> !e.used);
        for (LongObjectCursor<Entry> c : entries) {
            Entry e = c.value;
            if (e.changed) {
                backend.write(c.key, e.profile);
                e.changed = false;
            }
            e.used = false;
        }
        changed.clear();
        changedAt.clear();
    }

    /** How many profiles are cached. */
    int size() {
        return entries.size();
    }

    /** Lookups that found their user cached, since creation. */
    long hits() {
        return hits;
    }

    /** Lookups that did not, since creation. */
    long misses() {
        return misses;
    }
}
