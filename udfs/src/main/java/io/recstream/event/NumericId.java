package io.recstream.event;

import io.recstream.learn.StableHash;

/**
 * The numeric id of a user or item: a 64-bit hash of its canonical string ({@link StableHash}).
 * Inside the job users and items are these ids (keys, state, the item loop); the strings exist
 * at parse and at output only. A hash needs no coordination, so every subtask and every restart
 * derives the same id from the same string; a dictionary would need one shared, checkpointed
 * assignment. The price is a collision chance of about {@code n^2 / 2^65} among {@code n} ids
 * (a million items: 3e-8; a hundred million: 3e-4), see docs/ARCHITECTURE.md.
 */
public final class NumericId {
    private NumericId() {}

    public static long of(String canonical) {
        return StableHash.of(canonical);
    }
}
