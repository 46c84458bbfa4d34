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
     * Scales {@code v} in place so that its L2 norm is at most {@code maxNorm}, when every element
     * is finite; returns whether they are (if not, {@code v} is left as it is). One pass decides
     * both: the squares are summed in double, where a float's square never overflows, so the sum is
     * finite exactly when every element is.
     */
    public static boolean clipNorm(float[] v, float maxNorm) {
        double sq = 0;
        for (float x : v) {
            sq += (double) x * x;
        }
        if (!Double.isFinite(sq)) {
            return false;
        }
        if (sq > (double) maxNorm * maxNorm) {
            float scale = (float) (maxNorm / Math.sqrt(sq));
            for (int i = 0; i < v.length; i++) {
                v[i] *= scale;
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
