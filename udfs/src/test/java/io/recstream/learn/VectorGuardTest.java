package io.recstream.learn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class VectorGuardTest {
    @Test
    void detectsAnyNonFiniteComponent() {
        assertThat(VectorGuard.isFinite(new float[] {0f, -3f, Float.MAX_VALUE})).isTrue();
        assertThat(VectorGuard.isFinite(new float[] {0f, Float.NaN})).isFalse();
        assertThat(VectorGuard.isFinite(new float[] {Float.POSITIVE_INFINITY})).isFalse();
        assertThat(VectorGuard.isFinite(new float[] {Float.NEGATIVE_INFINITY, 1f})).isFalse();
    }

    @Test
    void clipsTheNormKeepingTheDirection() {
        float[] v = {3f, 4f};
        VectorGuard.clipNorm(v, 1f);
        assertThat(v).containsExactly(new float[] {0.6f, 0.8f}, within(1e-6f));
    }

    @Test
    void leavesVectorsWithinTheNormAlone() {
        float[] v = {3f, 4f};
        VectorGuard.clipNorm(v, 5f);
        assertThat(v).containsExactly(3f, 4f);
    }

    @Test
    void clipsVectorsWhoseSquaredNormOverflowsFloat() {
        float[] v = {Float.MAX_VALUE, Float.MAX_VALUE};
        VectorGuard.clipNorm(v, 10f);
        assertThat(VectorGuard.isFinite(v)).isTrue();
        assertThat(v).containsExactly(new float[] {7.0710678f, 7.0710678f}, within(1e-4f));
    }

    @Test
    void leavesNonFiniteVectorsAloneAndSaysSo() {
        for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
            float[] v = {30f, bad, 40f};
            assertThat(VectorGuard.clipNorm(v, 1f)).isFalse();
            assertThat(v).containsExactly(30f, bad, 40f);
        }
        assertThat(VectorGuard.clipNorm(new float[] {Float.MAX_VALUE, -Float.MAX_VALUE}, 1f)).isTrue();
        assertThat(VectorGuard.clipNorm(new float[] {3f, 4f}, 5f)).isTrue();
    }

    /**
     * Random vectors (0-70 elements over six orders of magnitude, some not finite) against bounds
     * on and a few float steps around their norm, and far from it: the same answer and the same
     * bits as the plain rule, squares summed in index order. Without the index-order sum near the
     * bound, the vectors over it would stay unscaled.
     */
    @Test
    void clipsExactlyAsTheSumInIndexOrder() {
        SplittableRandom random = new SplittableRandom(11);
        int scaled = 0;
        int kept = 0;
        for (int n = 0; n < 200_000; n++) {
            float[] v = new float[random.nextInt(71)];
            double magnitude = Math.pow(10, random.nextInt(-3, 3));
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) ((random.nextDouble() * 2 - 1) * magnitude * (random.nextInt(8) == 0 ? 1000 : 1));
            }
            if (v.length > 0 && random.nextInt(200) == 0) {
                v[random.nextInt(v.length)] = random.nextBoolean() ? Float.NaN : Float.NEGATIVE_INFINITY;
            }
            double sq = 0;
            for (float x : v) {
                sq += (double) x * x;
            }
            float norm = (float) Math.sqrt(sq);
            float maxNorm = switch (random.nextInt(4)) {
                case 0 -> norm;
                case 1 -> norm + random.nextInt(-4, 5) * Math.ulp(norm);
                case 2 -> (float) (norm * (0.5 + random.nextDouble()));
                default -> (float) (random.nextDouble() * 20);
            };
            float[] expected = v.clone();
            boolean expectedFinite = VectorGuard.clipNormInOrder(expected, maxNorm); // the rule before the reordered sum

            boolean finite = VectorGuard.clipNorm(v, maxNorm);

            assertThat(finite).isEqualTo(expectedFinite);
            assertThat(Arrays.equals(v, expected)).as("vector %d, bound %s", n, maxNorm).isTrue();
            if (expectedFinite && sq > (double) maxNorm * maxNorm) {
                scaled++;
            } else if (expectedFinite && sq > 0.999 * maxNorm * maxNorm) {
                kept++;
            }
        }
        assertThat(scaled).isGreaterThan(10_000);
        assertThat(kept).isGreaterThan(10_000);
    }

    @Test
    void clampsScalarsAndZeroesNonFiniteOnes() {
        assertThat(VectorGuard.clamp(Float.NaN, 10f)).isEqualTo(0f);
        assertThat(VectorGuard.clamp(Float.POSITIVE_INFINITY, 10f)).isEqualTo(0f);
        assertThat(VectorGuard.clamp(Float.NEGATIVE_INFINITY, 10f)).isEqualTo(0f);
        assertThat(VectorGuard.clamp(12f, 10f)).isEqualTo(10f);
        assertThat(VectorGuard.clamp(-12f, 10f)).isEqualTo(-10f);
        assertThat(VectorGuard.clamp(3.5f, 10f)).isEqualTo(3.5f);
    }
}
