package io.recstream.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

class Weight16Test {
    @Test
    void aWeightComesBackWithinOnePartIn2048() {
        SplittableRandom random = new SplittableRandom(5);
        for (int n = 0; n < 100_000; n++) {
            float weight = (float) Math.exp(random.nextDouble(Math.log(1e-6), Math.log(1e11)));
            float back = Weight16.decode(Weight16.encode(weight));
            assertThat(Math.abs(back - weight) / weight).as("%s", weight).isLessThanOrEqualTo(1f / 2048);
        }
    }

    @Test
    void integersTo2048AndHalvesTo1024AreExact() {
        for (int n = 1; n <= 2048; n++) {
            assertThat(Weight16.decode(Weight16.encode(n))).isEqualTo(n);
        }
        for (int n = 0; n < 1024; n++) {
            assertThat(Weight16.decode(Weight16.encode(n + 0.5f))).isEqualTo(n + 0.5f);
        }
        assertThat(Weight16.decode(Weight16.encode(2.71f))).isEqualTo(2.71f, org.assertj.core.api.Assertions.within(2.71f / 2048));
    }

    @Test
    void everyCodeSurvivesTheRoundTripThroughAFloat() {
        for (int code = 0; code <= 0xFFFF; code++) {
            assertThat(Weight16.encode(Weight16.decode(code))).isEqualTo(code);
        }
    }

    @Test
    void codesOrderAsTheirWeights() {
        for (int code = 1; code <= 0xFFFF; code++) {
            assertThat(Weight16.decode(code)).isGreaterThan(Weight16.decode(code - 1));
        }
        assertThat(Weight16.encode(1.0001f)).isGreaterThanOrEqualTo(Weight16.encode(1f));
    }

    @Test
    void nothingPositiveIsZeroAndNothingElseIsAnything() {
        assertThat(Weight16.encode(0f)).isZero();
        assertThat(Weight16.encode(-1f)).isZero();
        assertThat(Weight16.encode(Float.NaN)).isZero();
        assertThat(Weight16.decode(0)).isZero();
        assertThat(Weight16.encode(Float.MIN_VALUE)).isEqualTo(1); // clamped to the smallest, never 0
        assertThat(Weight16.encode(Float.POSITIVE_INFINITY)).isEqualTo(0xFFFF);
        assertThat(Weight16.decode(0xFFFF)).isGreaterThan(1e12f);
        assertThat(Weight16.decode(1)).isLessThan(1e-7f);
    }
}
