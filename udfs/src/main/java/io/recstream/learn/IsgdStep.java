package io.recstream.learn;

/**
 * One step of incremental SGD for positive-only feedback (ISGD, Vinagre, Jorge and Gama 2014):
 * the error of the pair (u, i) against its target (1 for an observed interaction, 0 for a sampled
 * negative) moves both vectors towards each other, scaled by the interaction's weight.
 *
 * <pre>
 *   err = target - u.v - b
 *   u' = u + lr * w * (err * v - reg * u)
 *   v' = v + lr * w * (err * u - reg * v)
 *   b' = b + lr * w * (err - reg * b)        (only when biases are on)
 * </pre>
 *
 * Both updates read the vectors as they were before the step. The step is computed into scratch
 * arrays and only committed when every number is finite; norms are then clipped.
 */
public final class IsgdStep {
    private final float learningRate;
    private final float regularization;
    private final float maxNorm;
    private final boolean biases;
    /** Reused for every step: the learners call this once per event, so no per-event garbage. */
    private float[] scratch = new float[0];

    public IsgdStep(float learningRate, float regularization, float maxNorm, boolean biases) {
        this.learningRate = learningRate;
        this.regularization = regularization;
        this.maxNorm = maxNorm;
        this.biases = biases;
    }

    /** The error the step would correct: target minus the current prediction. */
    public float error(float[] user, float[] item, float itemBias, float target) {
        return target - Dot.of(user, item) - (biases ? itemBias : 0f);
    }

    /**
     * The user side of the step, in place on {@code user}. Returns false (and leaves {@code user}
     * untouched) when the result would not be finite.
     */
    public boolean updateUser(float[] user, float[] item, float err, float weight) {
        float step = learningRate * weight;
        float[] next = scratch(user.length);
        for (int f = 0; f < user.length; f++) {
            next[f] = user[f] + step * (err * item[f] - regularization * user[f]);
        }
        return commit(next, user);
    }

    /** The item side of the step, in place on {@code item}, from the user vector before its step. */
    public boolean updateItem(float[] item, float[] userBefore, float err, float weight) {
        float step = learningRate * weight;
        float[] next = scratch(item.length);
        for (int f = 0; f < item.length; f++) {
            next[f] = item[f] + step * (err * userBefore[f] - regularization * item[f]);
        }
        return commit(next, item);
    }

    /** The new item bias, or the old one when biases are off or the result is not finite. */
    public float updatedBias(float bias, float err, float weight) {
        if (!biases) {
            return bias;
        }
        float next = bias + learningRate * weight * (err - regularization * bias);
        return Float.isFinite(next) ? VectorGuard.clamp(next, maxNorm) : bias;
    }

    private float[] scratch(int length) {
        if (scratch.length != length) {
            scratch = new float[length];
        }
        return scratch;
    }

    private boolean commit(float[] next, float[] target) {
        if (!VectorGuard.clipNorm(next, maxNorm)) {
            return false;
        }
        System.arraycopy(next, 0, target, 0, target.length);
        return true;
    }
}
