package io.recstream.learn;

/** The inner product every factor score is made of; a plain loop the JIT vectorises. */
public final class Dot {
    private Dot() {}

    public static float of(float[] a, float[] b) {
        float s = 0f;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** The Euclidean norm of {@code a}. */
    public static float norm(float[] a) {
        return (float) Math.sqrt(of(a, a));
    }
}
