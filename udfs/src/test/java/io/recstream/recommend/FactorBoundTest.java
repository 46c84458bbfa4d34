package io.recstream.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import io.recstream.learn.Dot;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

class FactorBoundTest {
    /** The factor term as {@link Recommender} computes it. */
    private static float term(float weight, float[] u, float[] v, float bias) {
        return weight * (Dot.of(u, v) + bias);
    }

    private static float[] random(SplittableRandom random, int dim, float scale) {
        float[] v = new float[dim];
        for (int n = 0; n < dim; n++) {
            v[n] = (float) (random.nextGaussian() * scale);
        }
        return v;
    }

    /** Parallel and anti-parallel vectors, where Cauchy-Schwarz is tight and only the rounding margin can hold the bound. */
    @Test
    void boundsTheTermOfParallelVectorsDespiteRounding() {
        SplittableRandom random = new SplittableRandom(3);
        for (int trial = 0; trial < 200_000; trial++) {
            int dim = 1 + random.nextInt(300);
            float[] u = random(random, dim, (float) Math.pow(10, random.nextInt(7) - 3));
            float c = (float) ((random.nextBoolean() ? 1 : -1) * Math.pow(10, random.nextDouble() * 4 - 2));
            float[] v = new float[dim];
            for (int n = 0; n < dim; n++) {
                v[n] = c * u[n];
            }
            float weight = random.nextBoolean() ? 1f : -0.0025f;
            float bias = random.nextBoolean() ? 0f : (float) random.nextGaussian();
            float bound = FactorBound.of(weight, Dot.norm(u), Dot.norm(v), bias, dim);
            assertThat(bound).as("dim %d, trial %d", dim, trial).isGreaterThanOrEqualTo(term(weight, u, v, bias));
        }
    }

    @Test
    void boundsTheTermOfRandomVectors() {
        SplittableRandom random = new SplittableRandom(5);
        for (int trial = 0; trial < 100_000; trial++) {
            int dim = 1 + random.nextInt(64);
            float[] u = random(random, dim, (float) Math.pow(10, random.nextInt(9) - 4));
            float[] v = random(random, dim, (float) Math.pow(10, random.nextInt(9) - 4));
            float bias = (float) random.nextGaussian();
            float bound = FactorBound.of(0.0025f, Dot.norm(u), Dot.norm(v), bias, dim);
            assertThat(bound).isGreaterThanOrEqualTo(term(0.0025f, u, v, bias));
        }
    }

    @Test
    void isNotANumberWhenANormIsNotKnown() {
        assertThat(FactorBound.of(0.0025f, 1f, Float.NaN, 0f, 32)).isNaN();
    }
}
