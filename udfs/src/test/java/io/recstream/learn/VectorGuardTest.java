package io.recstream.learn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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
