package io.recstream.recommend;

import com.carrotsearch.hppc.LongLongHashMap;
import com.carrotsearch.hppc.LongObjectHashMap;

import java.util.Arrays;

/**
 * The latest sessions of one user-learner subtask's users, the neighbours that
 * {@link SessionNeighbours} looks among: a ring of {@code capacity} sessions, each holding its
 * first {@code itemsPerSession} distinct items, and per item the last {@code postingsPerItem}
 * sessions that hold it (newest first when read). Bounded: a new session takes the place of the
 * oldest, and an item no kept session holds is forgotten with it.
 *
 * <p>A session is a sequence number; slot {@code seq % capacity} holds it until a newer session
 * takes the slot, so a posting whose slot now holds another sequence is stale and skipped. Every
 * structure is a primitive array or a primitive map, sized once: recording an event allocates
 * nothing except the first posting ring of a new item.
 *
 * <p>Not checkpointed: after a restore the ring fills again from the events that follow (the user
 * profiles keep each user's own session, see {@link UserProfile#sessionItems}).
 */
public final class RecentSessions {
    private final int capacity;
    private final long gapMs;
    private final int itemsPerSession;
    private final int postingsPerItem;
    /** Per slot: the session it holds (-1: none yet), its user, its latest event time and item count. */
    private final long[] seqOfSlot;
    private final long[] userOfSlot;
    private final long[] lastTsOfSlot;
    private final int[] lengthOfSlot;
    /** Slot s holds its items at [s * itemsPerSession, s * itemsPerSession + length). */
    private final long[] items;
    /** Per item: a ring of the sequences of the latest sessions holding it; [0] counts what was written. */
    private final LongObjectHashMap<long[]> postings = new LongObjectHashMap<>();
    /** Per user: the sequence of their current session. */
    private final LongLongHashMap sessionOfUser = new LongLongHashMap();
    private long nextSeq;

    /**
     * @param gapMs events of a user further apart than this (event time) belong to different sessions
     */
    public RecentSessions(int capacity, long gapMs, int itemsPerSession, int postingsPerItem) {
        if (capacity <= 0 || itemsPerSession <= 0 || postingsPerItem <= 0) {
            throw new IllegalArgumentException("session ring sizes must be positive");
        }
        this.capacity = capacity;
        this.gapMs = gapMs;
        this.itemsPerSession = itemsPerSession;
        this.postingsPerItem = postingsPerItem;
        this.seqOfSlot = new long[capacity];
        Arrays.fill(seqOfSlot, -1L);
        this.userOfSlot = new long[capacity];
        this.lastTsOfSlot = new long[capacity];
        this.lengthOfSlot = new int[capacity];
        this.items = new long[capacity * itemsPerSession];
    }

    /**
     * Adds {@code item} at {@code ts} to the current session of {@code user}, or to a new one when
     * the gap since the session's latest event exceeds the session gap, or the user's session
     * left the ring.
     */
    public void record(long user, long item, long ts) {
        long seq = sessionOf(user);
        if (seq < 0 || ts - lastTsOfSlot[slotOf(seq)] > gapMs) {
            seq = open(user);
        }
        int slot = slotOf(seq);
        lastTsOfSlot[slot] = Math.max(lastTsOfSlot[slot], ts);
        int start = slot * itemsPerSession;
        int length = lengthOfSlot[slot];
        for (int n = 0; n < length; n++) {
            if (items[start + n] == item) {
                return;
            }
        }
        if (length == itemsPerSession) {
            return; // a long session keeps its first items: enough to match on, and bounded
        }
        items[start + length] = item;
        lengthOfSlot[slot] = length + 1;
        long[] ring = postings.get(item);
        if (ring == null) {
            ring = new long[1 + postingsPerItem];
            postings.put(item, ring);
        }
        ring[1 + (int) (ring[0] % postingsPerItem)] = seq;
        ring[0]++;
    }

    private long open(long user) {
        long seq = nextSeq++;
        int slot = slotOf(seq);
        if (seqOfSlot[slot] >= 0) {
            evict(slot);
        }
        seqOfSlot[slot] = seq;
        userOfSlot[slot] = user;
        lastTsOfSlot[slot] = Long.MIN_VALUE;
        lengthOfSlot[slot] = 0;
        sessionOfUser.put(user, seq); // the user's previous session stays a neighbour of others until it is the oldest
        return seq;
    }

    /** Forgets the session in {@code slot}: its user's mapping, and items no kept session holds any more. */
    private void evict(int slot) {
        long old = seqOfSlot[slot];
        seqOfSlot[slot] = -1L;
        if (sessionOfUser.getOrDefault(userOfSlot[slot], -1L) == old) {
            sessionOfUser.remove(userOfSlot[slot]);
        }
        int start = slot * itemsPerSession;
        for (int n = 0; n < lengthOfSlot[slot]; n++) {
            long[] ring = postings.get(items[start + n]);
            if (ring != null && !anyHeld(ring)) {
                postings.remove(items[start + n]);
            }
        }
    }

    private boolean anyHeld(long[] ring) {
        int written = (int) Math.min(ring[0], postingsPerItem);
        for (int n = 1; n <= written; n++) {
            if (holds(ring[n])) {
                return true;
            }
        }
        return false;
    }

    /** Whether session {@code seq} is still in the ring. */
    boolean holds(long seq) {
        return seq >= 0 && seqOfSlot[slotOf(seq)] == seq;
    }

    int slotOf(long seq) {
        return (int) (seq % capacity);
    }

    int capacity() {
        return capacity;
    }

    /** The sequence of {@code user}'s current session, -1 when none is kept. */
    long sessionOf(long user) {
        long seq = sessionOfUser.getOrDefault(user, -1L);
        return holds(seq) ? seq : -1L;
    }

    /** The sequence of the newest session, -1 before the first. */
    long newest() {
        return nextSeq - 1;
    }

    /** The posting ring of {@code item} (see {@link #postings}), null when no kept session holds it. */
    long[] postingsOf(long item) {
        return postings.get(item);
    }

    int postingsPerItem() {
        return postingsPerItem;
    }

    long seqOfSlot(int slot) {
        return seqOfSlot[slot];
    }

    long userOfSlot(int slot) {
        return userOfSlot[slot];
    }

    long lastTsOfSlot(int slot) {
        return lastTsOfSlot[slot];
    }

    int lengthOfSlot(int slot) {
        return lengthOfSlot[slot];
    }

    long item(int slot, int n) {
        return items[slot * itemsPerSession + n];
    }
}
