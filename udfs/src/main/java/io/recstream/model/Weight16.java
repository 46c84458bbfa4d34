package io.recstream.model;

/**
 * A co-occurrence weight in 16 bits, as a replica holds its neighbour lists
 * ({@link ReplicaNeighbours}): half the bytes of a {@code float}, with a relative error of at most
 * 2<sup>-11</sup>.
 *
 * <p>The code is a {@code float} cut short: its exponent limited to the 64 binades from
 * 2<sup>-24</sup> up to 2<sup>40</sup>, and its mantissa rounded to the 10 leading bits; code 0 is
 * exact zero. Weights are sums of positive co-weights (about 10<sup>-3</sup> to 10<sup>5</sup> in
 * practice), so the range clamps none; the ten bits are what keeps near-equal weights apart.
 * Codes order as their weights do, and {@code encode(decode(c)) == c}: a list written to a
 * checkpoint as floats and read back holds the same codes.
 */
public final class Weight16 {
    /** The biased {@code float} exponent of the smallest binade (2^-24). */
    private static final int LOWEST_EXPONENT = 127 - 24;
    /** Dropped from a float's 23 mantissa bits. */
    private static final int DROPPED_BITS = 13;
    private static final int MAX_CODE = 0xFFFF;

    private Weight16() {}

    /** The code of {@code weight}, rounded to nearest; not positive (or NaN): 0. */
    public static int encode(float weight) {
        if (!(weight > 0f)) {
            return 0;
        }
        int rounded = (Float.floatToRawIntBits(weight) + (1 << (DROPPED_BITS - 1))) >>> DROPPED_BITS;
        int code = rounded - (LOWEST_EXPONENT << 10) + 1;
        return Math.max(1, Math.min(MAX_CODE, code));
    }

    /** The weight of {@code code} (0 to 65535). */
    public static float decode(int code) {
        return code == 0 ? 0f : Float.intBitsToFloat((code - 1 + (LOWEST_EXPONENT << 10)) << DROPPED_BITS);
    }
}
