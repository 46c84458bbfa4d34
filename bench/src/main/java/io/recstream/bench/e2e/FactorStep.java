package io.recstream.bench.e2e;

/**
 * The maths of the bare references (skeleton and tight loop): one SGD step of a factor vector
 * against another, {@code target += rate * ((1 - target.other) * other - regularization * target)},
 * i.e. one dot product and one axpy of k floats, as in an ISGD step.
 */
final class FactorStep {
    static final float RATE = 0.05f;
    static final float REGULARIZATION = 0.01f;

    private FactorStep() {}

    static float[] initial(int dim) {
        float[] v = new float[dim];
        java.util.Arrays.fill(v, 0.1f);
        return v;
    }

    static void apply(float[] target, float[] other) {
        float dot = 0f;
        for (int i = 0; i < target.length; i++) {
            dot += target[i] * other[i];
        }
        float err = 1f - dot;
        for (int i = 0; i < target.length; i++) {
            target[i] += RATE * (err * other[i] - REGULARIZATION * target[i]);
        }
    }
}
