package io.recstream.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class DecayedPopularityTest {
    private static final long HALF_LIFE = 1000L;

    private static ItemFactor item(String id) {
        return TestItems.item(id, new float[] {0f});
    }

    @Test
    void halvesOncePerHalfLife() {
        ItemFactor f = item("a");
        DecayedPopularity.add(f, 8f, 0L, HALF_LIFE);
        DecayedPopularity.add(f, 1f, 1000L, HALF_LIFE); // 8 * 0.5 + 1
        assertThat(f.popularity).isCloseTo(5.0, within(1e-9));
        DecayedPopularity.add(f, 0f, 3000L, HALF_LIFE); // 5 * 0.25
        assertThat(f.popularity).isCloseTo(1.25, within(1e-9));
        assertThat(f.popularityTs).isEqualTo(3000L);
    }

    @Test
    void zeroHalfLifeMeansPlainCounts() {
        ItemFactor f = item("a");
        DecayedPopularity.add(f, 8f, 0L, 0L);
        DecayedPopularity.add(f, 1f, 1_000_000L, 0L);
        DecayedPopularity.add(f, 2f, 5L, 0L);
        assertThat(f.popularity).isEqualTo(11.0);
        assertThat(DecayedPopularity.trendKey(f, 0L)).isCloseTo(Math.log(11.0), within(1e-12));
    }

    @Test
    void aLateEventCountsAsDecayedToTheItemsTime() {
        ItemFactor inOrder = item("a");
        DecayedPopularity.add(inOrder, 1f, 0L, HALF_LIFE);
        DecayedPopularity.add(inOrder, 1f, 1000L, HALF_LIFE);

        ItemFactor late = item("a");
        DecayedPopularity.add(late, 1f, 1000L, HALF_LIFE);
        DecayedPopularity.add(late, 1f, 0L, HALF_LIFE); // a half-life older than the item's time

        // 1 * 0.5 + 1 either way: the owner and the replicas agree whatever the arrival order
        assertThat(inOrder.popularity).isCloseTo(1.5, within(1e-9));
        assertThat(late.popularity).isCloseTo(1.5, within(1e-9));
        assertThat(late.popularityTs).isEqualTo(1000L);
    }

    @Test
    void trendKeyDoesNotMoveAsTimePasses() {
        ItemFactor f = item("a");
        DecayedPopularity.add(f, 3f, 0L, HALF_LIFE);
        double before = DecayedPopularity.trendKey(f, HALF_LIFE);
        DecayedPopularity.add(f, 0f, 10_000L, HALF_LIFE); // ten half-lives of decay, nothing new
        assertThat(DecayedPopularity.trendKey(f, HALF_LIFE)).isCloseTo(before, within(1e-9));
    }

    @Test
    void trendKeyOrdersLikePopularityAtACommonTime() {
        ItemFactor a = item("a");
        DecayedPopularity.add(a, 3f, 0L, HALF_LIFE);   // at t=500: 3 * 0.5^0.5 = 2.12
        ItemFactor b = item("b");
        DecayedPopularity.add(b, 2f, 500L, HALF_LIFE); // at t=500: 2
        assertThat(DecayedPopularity.trendKey(a, HALF_LIFE)).isGreaterThan(DecayedPopularity.trendKey(b, HALF_LIFE));

        ItemFactor c = item("c");
        DecayedPopularity.add(c, 3f, 1000L, HALF_LIFE); // newer, as strong: ahead of a
        assertThat(DecayedPopularity.trendKey(c, HALF_LIFE)).isGreaterThan(DecayedPopularity.trendKey(a, HALF_LIFE));
        // and stays ahead when both decay to a later time
        DecayedPopularity.add(a, 0f, 50_000L, HALF_LIFE);
        DecayedPopularity.add(c, 0f, 50_000L, HALF_LIFE);
        assertThat(a.popularity).isLessThan(c.popularity);
    }

    @Test
    void trendKeyStaysFiniteForRealTimestamps() {
        ItemFactor f = item("a");
        DecayedPopularity.add(f, 1f, 1_700_000_000_000L, 60_000L);
        assertThat(DecayedPopularity.trendKey(f, 60_000L)).isFinite();
        assertThat(DecayedPopularity.trendKey(item("none"), 60_000L)).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    /** Zero is decayed without the power, to the same double as with it: both signs, any elapsed time. */
    @Test
    void decayingZeroGivesTheBitsThePowerWould() {
        for (double zero : new double[] {0.0, -0.0}) {
            for (long elapsed : new long[] {1L, 999L, 1000L, 5_000_000_000L}) {
                double withPower = zero * Math.pow(0.5, (double) elapsed / HALF_LIFE);
                assertThat(Double.doubleToRawLongBits(DecayedPopularity.decayed(zero, elapsed, HALF_LIFE)))
                        .isEqualTo(Double.doubleToRawLongBits(withPower));
            }
        }
        assertThat(DecayedPopularity.decayed(3.0, 1000L, HALF_LIFE)).isEqualTo(1.5);
    }
}
