package io.recstream.learn;

/**
 * The inner product every factor score is made of: a plain loop, one float sum in index order.
 * C2 does not vectorise it (a float sum may not be reordered), so each term waits for the one
 * before; {@link #of4} computes four products side by side, each the same sum in the same order.
 */
public final class Dot {
    private Dot() {}

    public static float of(float[] a, float[] b) {
        float s = 0f;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /**
     * {@code of(a, b0)} to {@code of(a, b3)} into {@code out[0..3]}, each equal to it bit for bit:
     * four independent sums, so the processor overlaps them instead of waiting on one.
     */
    public static void of4(float[] a, float[] b0, float[] b1, float[] b2, float[] b3, float[] out) {
        float s0 = 0f;
        float s1 = 0f;
        float s2 = 0f;
        float s3 = 0f;
        for (int i = 0; i < a.length; i++) {
            float x = a[i];
            s0 += x * b0[i];
            s1 += x * b1[i];
            s2 += x * b2[i];
            s3 += x * b3[i];
        }
        out[0] = s0;
        out[1] = s1;
        out[2] = s2;
        out[3] = s3;
    }

    /** The Euclidean norm of {@code a}. */
    public static float norm(float[] a) {
        return (float) Math.sqrt(of(a, a));
    }
}
