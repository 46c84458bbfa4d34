package io.recstream.recommend;

/**
 * An upper bound of the factor term of a blend score, {@code weight * (u.v + b)} as
 * {@link Recommender} computes it in floats, from the norms of the two vectors (Cauchy-Schwarz:
 * {@code |u.v| <= |u| |v|}) instead of their dot product: the recommender skips the dot product,
 * and the item vector's memory, of a candidate whose score cannot make the list even with this
 * bound in place of its factor term.
 *
 * <p>The bound is computed in floats too, so it carries a margin for rounding: a dot product of
 * {@code k} terms in floats is off by at most {@code k} units of roundoff ({@code 2^-24}) times
 * {@code |u| |v|}, and each norm, sum and product here by about as much again; the margin is 16
 * times the sum of those, plus an absolute {@link #FLOOR} for values near the bottom of the float
 * range, where relative bounds do not hold. Added to the other terms of the score in the same order
 * as the exact term, it gives a sum at least the computed score (rounding to nearest is monotonic).
 */
final class FactorBound {
    /** An absolute margin far below any factor term that could matter, far above float underflow. */
    static final float FLOOR = 0x1p-100f;

    private FactorBound() {}

    /**
     * At least {@code weight * (Dot.of(u, v) + bias)} as computed in floats, where {@code dim} is the
     * vectors' length, {@code userNorm} and {@code itemNorm} their norms ({@code Dot.norm}), and
     * {@code bias} 0 when scores have no item biases. NaN when a norm is NaN (not known).
     */
    static float of(float weight, float userNorm, float itemNorm, float bias, int dim) {
        float margin = 1f + 16f * (2 * dim + 8) * 0x1p-24f;
        return Math.abs(weight) * (userNorm * itemNorm + Math.abs(bias)) * margin + FLOOR;
    }
}
