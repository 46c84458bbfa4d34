package io.recstream.learn;

/**
 * Keeps factor vectors finite and bounded. Online SGD on a live stream meets bursts, bots and
 * extreme ratings; one non-finite number in a vector would spread through every dot product it
 * touches, so a non-finite result is never stored and norms are clipped.
 */
public final class VectorGuard {
    private VectorGuard() {}

    public static boolean isFinite(float[] v) {
        for (float x : v) {
            if (!Float.isFinite(x)) {
                return false;
            }
        }
        return true;
    }

    /**
     * How far below {@code maxNorm²} a reordered sum of squares must be for the norm to be under
     * {@code maxNorm} whatever the order: summing n non-negative doubles in any order is within a
     * relative {@code (n - 1) * 2^-53} (about 1.1e-16 per term) of the exact sum, so two orders
     * differ by far less than this margin for any vector of fewer than millions of elements.
     */
    private static final double ORDER_MARGIN = 1 - 1e-9;

    /**
     * Scales {@code v} in place so that its L2 norm is at most {@code maxNorm}, when every element
     * is finite; returns whether they are (if not, {@code v} is left as it is). The squares are
     * summed in double, where a float's square is exact and a sum of them never overflows, so the
     * sum is finite exactly when every element is, in any order.
     *
     * <p>This runs after every factor step (about 20 per event), and a sum in index order is a chain
     * of dependent additions. So the squares are first summed in four interleaved partial sums;
     * when that sum is clearly under {@code maxNorm²} (as in nearly every step: vectors sit far
     * inside the bound) the index-order sum is too, and nothing is scaled. Otherwise the index-order
     * sum decides and gives the scale, as it always did: the result is the same to the bit.
     */
    public static boolean clipNorm(float[] v, float maxNorm) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        for (; i + 3 < v.length; i += 4) {
            s0 += (double) v[i] * v[i];
            s1 += (double) v[i + 1] * v[i + 1];
            s2 += (double) v[i + 2] * v[i + 2];
            s3 += (double) v[i + 3] * v[i + 3];
        }
        for (; i < v.length; i++) {
            s0 += (double) v[i] * v[i];
        }
        double reordered = (s0 + s1) + (s2 + s3);
        if (!Double.isFinite(reordered)) {
            return false;
        }
        if (reordered < (double) maxNorm * maxNorm * ORDER_MARGIN) {
            return true;
        }
        return clipNormInOrder(v, maxNorm);
    }

    /** {@link #clipNorm} with the squares summed in index order only: near or over the bound, this sum decides. */
    static boolean clipNormInOrder(float[] v, float maxNorm) {
        double sq = 0;
        for (float x : v) {
            sq += (double) x * x;
        }
        if (!Double.isFinite(sq)) {
            return false;
        }
        if (sq > (double) maxNorm * maxNorm) {
            float scale = (float) (maxNorm / Math.sqrt(sq));
            for (int n = 0; n < v.length; n++) {
                v[n] *= scale;
            }
        }
        return true;
    }

    /** Clamps a scalar such as a bias into [-limit, limit]; a non-finite value becomes 0. */
    public static float clamp(float x, float limit) {
        if (!Float.isFinite(x)) {
            return 0f;
        }
        return Math.max(-limit, Math.min(limit, x));
    }
}
