package io.recstream.learn;

/**
 * A 64-bit hash of a string that is the same in every JVM and every run (String.hashCode is
 * too weak to seed from, and must never change for savepoint compatibility of seeded state).
 */
public final class StableHash {
    private StableHash() {}

    /** FNV-1a over the UTF-16 chars, then a splitmix64 finaliser to spread the bits. */
    public static long of(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        return mix(h);
    }

    /** The splitmix64 finaliser: every bit of {@code h} moves every bit of the result. */
    public static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
