package io.recstream.learn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The small pieces the learners are built from: Dot, StableHash, FactorInit. */
class FactorMathsTest {
    @Test
    void dotIsTheInnerProduct() {
        // 1*4 + 2*(-5) + 3*6 = 4 - 10 + 18 = 12
        assertThat(Dot.of(new float[] {1f, 2f, 3f}, new float[] {4f, -5f, 6f})).isEqualTo(12f);
        assertThat(Dot.of(new float[0], new float[0])).isEqualTo(0f);
    }

    @Test
    void fourDotsAtOnceAreEachTheSameSumBitForBit() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(5);
        float[] out = new float[4];
        for (int round = 0; round < 2_000; round++) {
            int dim = 1 + random.nextInt(64);
            float[] a = randomVector(random, dim);
            float[][] b = {randomVector(random, dim), randomVector(random, dim), randomVector(random, dim), randomVector(random, dim)};
            Dot.of4(a, b[0], b[1], b[2], b[3], out);
            for (int lane = 0; lane < 4; lane++) {
                assertThat(Float.floatToRawIntBits(out[lane])).as("round %d lane %d", round, lane)
                        .isEqualTo(Float.floatToRawIntBits(Dot.of(a, b[lane])));
            }
        }
    }

    /** Values over many binades and both signs, so that the order of the float sum shows in its bits. */
    private static float[] randomVector(java.util.SplittableRandom random, int dim) {
        float[] v = new float[dim];
        for (int i = 0; i < dim; i++) {
            v[i] = (float) (random.nextGaussian() * Math.pow(10, random.nextInt(7) - 3));
        }
        return v;
    }

    @Test
    void stableHashNeverChanges() {
        // Pinned: seeded state in savepoints depends on these values.
        assertThat(StableHash.of("")).isEqualTo(StableHash.of(""));
        assertThat(StableHash.of("user-1")).isEqualTo(StableHash.of(new String("user-1")));
        assertThat(StableHash.of("user-1")).isNotEqualTo(StableHash.of("user-2"));
        assertThat(StableHash.of("ab")).isNotEqualTo(StableHash.of("ba"));
        assertThat(StableHash.of("item-42")).isEqualTo(PINNED_ITEM_42);
    }

    @Test
    void factorInitIsSeededByIdAndSeed() {
        float[] a = FactorInit.vector(StableHash.of("user-1"), 32, 0.1f, 7L);
        assertThat(FactorInit.vector(StableHash.of("user-1"), 32, 0.1f, 7L)).containsExactly(a);
        assertThat(FactorInit.vector(StableHash.of("user-2"), 32, 0.1f, 7L)).isNotEqualTo(a);
        assertThat(FactorInit.vector(StableHash.of("user-1"), 32, 0.1f, 8L)).isNotEqualTo(a);
        assertThat(VectorGuard.isFinite(a)).isTrue();
    }

    @Test
    void factorInitHasTheRequestedSpread() {
        double sum = 0;
        double sq = 0;
        int n = 0;
        for (int id = 0; id < 200; id++) {
            for (float x : FactorInit.vector(StableHash.of("id-" + id), 32, 0.1f, 7L)) {
                sum += x;
                sq += x * x;
                n++;
            }
        }
        double mean = sum / n;
        assertThat(mean).isCloseTo(0.0, within(0.01));
        assertThat(Math.sqrt(sq / n - mean * mean)).isCloseTo(0.1, within(0.01));
    }

    /** FNV-1a + splitmix64 finaliser of "item-42", as first released. */
    private static final long PINNED_ITEM_42 = 0x223c1e45fca2c418L;
}
