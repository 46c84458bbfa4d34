package io.recstream.learn;

import java.util.SplittableRandom;

/**
 * The starting vector of a user or an item: small Gaussian noise seeded by the id, so every
 * subtask (and every restart) that meets an id for the first time starts it identically.
 */
public final class FactorInit {
    private FactorInit() {}

    /** @param id the user's or item's numeric id (its {@link StableHash}) */
    public static float[] vector(long id, int dim, float stdDev, long seed) {
        SplittableRandom random = new SplittableRandom(seed ^ id);
        float[] v = new float[dim];
        for (int i = 0; i < dim; i++) {
            v[i] = (float) (gaussian(random) * stdDev);
        }
        return v;
    }

    private static double gaussian(SplittableRandom random) {
        // Box-Muller: SplittableRandom has no nextGaussian before Java 17's RandomGenerator default.
        double u1 = 1.0 - random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
    }
}
