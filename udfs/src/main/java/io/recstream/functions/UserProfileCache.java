package io.recstream.functions;

import io.recstream.recommend.UserProfile;

import com.carrotsearch.hppc.LongObjectHashMap;
import com.carrotsearch.hppc.cursors.LongObjectCursor;

/**
 * The user-learner's profiles of recently active users, so an event of a user in session neither
 * reads nor writes the state backend: on RocksDB the profile's read and write (a memtable search
 * and a deserialization, a serialization and a memtable insert) were a third of the thread. Up to
 * {@code capacity} users, by id; when a new user finds it full, every change goes back and the
 * cache starts empty.
 *
 * <p>Write-back: every event changes its user's profile, so a cached profile is dirty once used;
 * it goes to the backend ({@link WriteBack}) when the cache empties or at {@link #writeBack},
 * which the operator calls before every checkpoint barrier and at the end of input, so every
 * snapshot holds the latest profiles. A profile no event used since the previous write-back is
 * dropped then: one that sits untouched in the cache would outlive its time-to-live, which runs
 * from its last write. For this the cached objects must be the operator's own: a backend that
 * hands out fresh copies ({@code KeyedStateBackend#isSafeToReuseKVState}, RocksDB).
 */
final class UserProfileCache {
    /** Writes a user's profile to the backend. */
    interface WriteBack {
        void write(long user, UserProfile profile) throws Exception;
    }

    /** One user's cached profile. */
    private static final class Entry {
        UserProfile profile;
        /** Used since the last write-back. */
        boolean dirty;
    }

    private final int capacity;
    private final WriteBack backend;
    private final LongObjectHashMap<Entry> entries;
    private long hits;
    private long misses;

    UserProfileCache(int capacity, WriteBack backend) {
        if (capacity < 1) {
            throw new IllegalArgumentException("the profile cache's capacity must be at least 1: " + capacity);
        }
        this.capacity = capacity;
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

    /** Caches {@code profile} of {@code user} as changed. A new user who finds the cache full empties it first. */
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
        e.dirty = true;
    }

    /** Writes every changed profile back and forgets the ones unused since the previous write-back. */
    void writeBack() throws Exception {
        entries.removeAll((user, e) -> !e.dirty);
        for (LongObjectCursor<Entry> c : entries) {
            backend.write(c.key, c.value.profile);
            c.value.dirty = false;
        }
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
