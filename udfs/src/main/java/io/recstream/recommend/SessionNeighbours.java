package io.recstream.recommend;

import io.recstream.model.ItemFactor;
import io.recstream.model.ItemReplica;

import java.util.Arrays;

/**
 * Session-based neighbourhood candidates, of the V-SKNN / STAN family (Ludewig and Jannach 2018;
 * Garg et al. 2019): other users' recent sessions ({@link RecentSessions}) that share items with
 * the user's current session vote for their items.
 *
 * <ul>
 *   <li>A shared item counts by its position in the current session: the latest of {@code n}
 *       items 1, the k-th latest {@code (n - k) / n} (V-SKNN's linear decay).
 *   <li>A neighbour session's similarity is the sum over shared items, divided by the square root
 *       of its length (a cosine: a long session shares items by chance), times its recency: the
 *       newest session of the ring 1, falling linearly to 0 for the oldest (STAN's recency of the
 *       neighbour session, by rank).
 *   <li>An item's score is the similarity of the neighbour sessions holding it, summed and divided
 *       by the sum over all neighbour sessions: a share in [0, 1], on the scale of the
 *       co-occurrence score.
 * </ul>
 *
 * Scratch of one call in dense primitive rows found by replica slot, like the co-occurrence
 * signals: nothing is allocated per call once the arrays have grown, and clearing costs what the
 * call used.
 */
final class SessionNeighbours {
    /** Per session slot of the ring: the similarity gathered in this call (0: not a neighbour). */
    private float[] similarityBySlot = new float[0];
    private int[] neighbourSlots = new int[64];
    private int neighbourCount;

    /** The candidate of each row, its score, and the replica slot it was made for. */
    private ItemFactor[] items = new ItemFactor[256];
    private float[] scores = new float[256];
    private int[] slotOfRow = new int[256];
    /** Row + 1 by replica slot; 0: no row. */
    private int[] rowBySlot = new int[0];
    private int size;

    int size() {
        return size;
    }

    ItemFactor item(int row) {
        return items[row];
    }

    /** The row of {@code f} in this call, or -1 when no neighbour session holds it. */
    int rowOf(ItemFactor f) {
        return f.slot() < rowBySlot.length ? rowBySlot[f.slot()] - 1 : -1;
    }

    /** The session score of {@code f} in this call: 0 when no neighbour session holds it. */
    float score(ItemFactor f) {
        int row = rowOf(f);
        return row >= 0 ? scores[row] : 0f;
    }

    /**
     * Scores the items of the sessions that neighbour the current session of {@code user}: the
     * latest {@code sessionItems} of {@code recent} (most recent first), at most {@code maxItems}.
     */
    void collect(long user, long[] recent, int sessionItems, int maxItems, RecentSessions sessions, ItemReplica replica) {
        clear(replica);
        int n = Math.min(Math.min(sessionItems, recent.length), maxItems);
        if (n == 0 || sessions == null) {
            return;
        }
        if (similarityBySlot.length < sessions.capacity()) {
            similarityBySlot = new float[sessions.capacity()];
        }
        for (int k = 0; k < n; k++) {
            long[] ring = sessions.postingsOf(recent[k]);
            if (ring != null) {
                vote(user, ring, (float) (n - k) / n, sessions);
            }
        }
        long newest = sessions.newest();
        float total = 0f;
        for (int s = 0; s < neighbourCount; s++) {
            int slot = neighbourSlots[s];
            long age = newest - sessions.seqOfSlot(slot);
            float recency = 1f - (float) age / sessions.capacity();
            float similarity = similarityBySlot[slot] * recency / (float) Math.sqrt(sessions.lengthOfSlot(slot));
            similarityBySlot[slot] = 0f;
            total += similarity;
            for (int i = 0; i < sessions.lengthOfSlot(slot); i++) {
                ItemFactor f = replica.get(sessions.item(slot, i));
                if (f != null && f.item != null && !replica.isIntent(f.slot())) {
                    int row = rowBySlot[f.slot()] - 1;
                    if (row < 0) {
                        row = add(f);
                    }
                    scores[row] += similarity;
                }
            }
        }
        neighbourCount = 0;
        if (total > 0f) {
            for (int row = 0; row < size; row++) {
                scores[row] /= total;
            }
        }
    }

    /** Adds {@code weight} to every other user's kept session in {@code ring}. */
    private void vote(long user, long[] ring, float weight, RecentSessions sessions) {
        int per = sessions.postingsPerItem();
        int written = (int) Math.min(ring[0], per);
        for (int n = 1; n <= written; n++) {
            long seq = ring[n];
            if (!sessions.holds(seq)) {
                continue;
            }
            int slot = sessions.slotOf(seq);
            if (sessions.userOfSlot(slot) == user) {
                continue; // the user's own sessions: their items are the user's history, not a neighbour's
            }
            if (similarityBySlot[slot] == 0f) {
                if (neighbourCount == neighbourSlots.length) {
                    neighbourSlots = Arrays.copyOf(neighbourSlots, neighbourCount * 2);
                }
                neighbourSlots[neighbourCount++] = slot;
            }
            similarityBySlot[slot] += weight;
        }
    }

    private void clear(ItemReplica replica) {
        for (int row = 0; row < size; row++) {
            rowBySlot[slotOfRow[row]] = 0;
            items[row] = null;
        }
        size = 0;
        if (rowBySlot.length < replica.slotBound()) {
            rowBySlot = new int[replica.slotBound() * 2];
        }
    }

    private int add(ItemFactor f) {
        if (size == items.length) {
            int capacity = size * 2;
            items = Arrays.copyOf(items, capacity);
            scores = Arrays.copyOf(scores, capacity);
            slotOfRow = Arrays.copyOf(slotOfRow, capacity);
        }
        int row = size++;
        items[row] = f;
        scores[row] = 0f;
        slotOfRow[row] = f.slot();
        rowBySlot[f.slot()] = row + 1;
        return row;
    }
}
