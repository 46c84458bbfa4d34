package io.recstream.learn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The update maths of {@link IsgdStep}, checked against numbers worked out by hand. */
class IsgdStepTest {
    private static final float EPS = 1e-6f;

    private final IsgdStep step = new IsgdStep(0.05f, 0.01f, 10f, false);

    @Test
    void positiveStepMatchesHandComputation() {
        float[] u = {0.1f, 0.2f};
        float[] v = {0.3f, -0.1f};
        float[] uBefore = u.clone();

        // u.v = 0.1*0.3 + 0.2*(-0.1) = 0.03 - 0.02 = 0.01;  err = 1 - 0.01 = 0.99
        float err = step.error(u, v, 0f, 1f);
        assertThat(err).isCloseTo(0.99f, within(EPS));

        // lr*w = 0.05
        // u0' = 0.1 + 0.05*(0.99*0.3    - 0.01*0.1) = 0.1 + 0.05*0.296   = 0.1148
        // u1' = 0.2 + 0.05*(0.99*(-0.1) - 0.01*0.2) = 0.2 + 0.05*(-0.101) = 0.19495
        assertThat(step.updateUser(u, v, err, 1f)).isTrue();
        assertThat(u).containsExactly(new float[] {0.1148f, 0.19495f}, within(EPS));

        // The item side reads the user vector from before its step:
        // v0' =  0.3 + 0.05*(0.99*0.1 - 0.01*0.3)    =  0.3 + 0.05*0.096 =  0.3048
        // v1' = -0.1 + 0.05*(0.99*0.2 - 0.01*(-0.1)) = -0.1 + 0.05*0.199 = -0.09005
        assertThat(step.updateItem(v, uBefore, err, 1f)).isTrue();
        assertThat(v).containsExactly(new float[] {0.3048f, -0.09005f}, within(EPS));
    }

    @Test
    void weightScalesTheStep() {
        float[] u = {0.1f, 0.2f};
        float[] v = {0.3f, -0.1f};
        float err = step.error(u, v, 0f, 1f); // 0.99 as above

        // lr*w = 0.05*2 = 0.1
        // u0' = 0.1 + 0.1*0.296    = 0.1296
        // u1' = 0.2 + 0.1*(-0.101) = 0.1899
        step.updateUser(u, v, err, 2f);
        assertThat(u).containsExactly(new float[] {0.1296f, 0.1899f}, within(EPS));
    }

    @Test
    void zeroWeightOnlyLeavesTheVectorAsItWas() {
        float[] u = {0.1f, 0.2f};
        step.updateUser(u, new float[] {0.3f, -0.1f}, 0.99f, 0f);
        assertThat(u).containsExactly(0.1f, 0.2f);
    }

    @Test
    void negativeTargetPushesThePairApart() {
        float[] u = {0.1f, 0.2f};
        float[] v = {0.3f, -0.1f};
        float[] uBefore = u.clone();

        // err = 0 - 0.01 = -0.01
        float err = step.error(u, v, 0f, 0f);
        assertThat(err).isCloseTo(-0.01f, within(EPS));

        // u0' = 0.1 + 0.05*(-0.01*0.3    - 0.01*0.1) = 0.1 + 0.05*(-0.004) = 0.0998
        // u1' = 0.2 + 0.05*(-0.01*(-0.1) - 0.01*0.2) = 0.2 + 0.05*(-0.001) = 0.19995
        step.updateUser(u, v, err, 1f);
        assertThat(u).containsExactly(new float[] {0.0998f, 0.19995f}, within(EPS));

        // v0' =  0.3 + 0.05*(-0.01*0.1 - 0.01*0.3)    =  0.3 + 0.05*(-0.004) =  0.2998
        // v1' = -0.1 + 0.05*(-0.01*0.2 - 0.01*(-0.1)) = -0.1 + 0.05*(-0.001) = -0.10005
        step.updateItem(v, uBefore, err, 1f);
        assertThat(v).containsExactly(new float[] {0.2998f, -0.10005f}, within(EPS));
    }

    @Test
    void biasEntersTheErrorAndIsUpdatedOnlyWhenBiasesAreOn() {
        IsgdStep withBiases = new IsgdStep(0.05f, 0.01f, 10f, true);
        float[] u = {0.1f, 0.2f};
        float[] v = {0.3f, -0.1f};

        // err = 1 - 0.01 - 0.5 = 0.49
        float err = withBiases.error(u, v, 0.5f, 1f);
        assertThat(err).isCloseTo(0.49f, within(EPS));
        // b' = 0.5 + 0.05*(0.49 - 0.01*0.5) = 0.5 + 0.05*0.485 = 0.52425
        assertThat(withBiases.updatedBias(0.5f, err, 1f)).isCloseTo(0.52425f, within(EPS));

        assertThat(step.error(u, v, 0.5f, 1f)).isCloseTo(0.99f, within(EPS));
        assertThat(step.updatedBias(0.5f, 0.49f, 1f)).isEqualTo(0.5f);
    }

    @Test
    void anUpdateThatWouldOverflowIsRejectedAndTheVectorKept() {
        IsgdStep bigStep = new IsgdStep(1f, 0.01f, 10f, false);
        float[] u = {1f, 1f};
        float[] v = {10f, 10f};
        // err = 1 - 20 = -19; lr*w = Float.MAX_VALUE, times -190 overflows to -Infinity
        float err = bigStep.error(u, v, 0f, 1f);
        assertThat(bigStep.updateUser(u, v, err, Float.MAX_VALUE)).isFalse();
        assertThat(u).containsExactly(1f, 1f);
        assertThat(bigStep.updateItem(v, u, err, Float.MAX_VALUE)).isFalse();
        assertThat(v).containsExactly(10f, 10f);
    }

    @Test
    void aVectorHoldingMaxValueCannotPoisonThePartner() {
        float[] u = {0.1f, 0.2f};
        float[] v = {Float.MAX_VALUE, 0f};
        // u.v = 3.4e37, err = -3.4e37, err*v0 overflows
        float err = step.error(u, v, 0f, 1f);
        assertThat(step.updateUser(u, v, err, 1f)).isFalse();
        assertThat(u).containsExactly(0.1f, 0.2f);
        assertThat(VectorGuard.isFinite(u)).isTrue();
    }

    @Test
    void nanInputIsRejected() {
        float[] u = {0.1f, 0.2f};
        float[] v = {Float.NaN, 0f};
        float err = step.error(u, v, 0f, 1f);
        assertThat(step.updateUser(u, v, err, 1f)).isFalse();
        assertThat(u).containsExactly(0.1f, 0.2f);

        float[] w = {0.3f, -0.1f};
        assertThat(step.updateItem(w, u, Float.NaN, 1f)).isFalse();
        assertThat(w).containsExactly(0.3f, -0.1f);
        assertThat(new IsgdStep(0.05f, 0.01f, 10f, true).updatedBias(0.5f, Float.NaN, 1f)).isEqualTo(0.5f);
    }

    @Test
    void resultIsClippedToMaxNorm() {
        IsgdStep clipping = new IsgdStep(1f, 0f, 1f, true);
        float[] u = {0.6f, 0.8f};
        float[] v = {3f, 4f};
        // err = 1 - (1.8 + 3.2) = -4; u' = u + (-4)*v = [-11.4, -15.2], norm 19 -> clipped to 1
        float err = clipping.error(u, v, 0f, 1f);
        assertThat(clipping.updateUser(u, v, err, 1f)).isTrue();
        assertThat(u).containsExactly(new float[] {-0.6f, -0.8f}, within(EPS));
        // a bias beyond the limit is clamped to it
        assertThat(clipping.updatedBias(0f, 5f, 1f)).isEqualTo(1f);
    }

    @Test
    void stepsOfDifferentDimensionsDoNotShareStaleScratch() {
        float[] small = {0.1f, 0.2f};
        step.updateUser(small, new float[] {0.3f, -0.1f}, 0.99f, 1f);
        float[] large = {0.1f, 0.2f, 0.3f};
        assertThat(step.updateUser(large, new float[] {0f, 0f, 0f}, 1f, 1f)).isTrue();
        // only regularisation: x' = x - 0.05*0.01*x = 0.9995x
        assertThat(large).containsExactly(new float[] {0.09995f, 0.1999f, 0.29985f}, within(EPS));
    }
}
