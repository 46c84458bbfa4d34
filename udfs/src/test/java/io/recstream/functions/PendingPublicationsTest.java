package io.recstream.functions;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PendingPublicationsTest {
    private final PendingPublications pending = new PendingPublications(100, 1000);

    @Test
    void eachTierAsksForOneTimerAtTheNextPointOfItsGrid() {
        assertThat(pending.add(1, false, 30)).isEqualTo(100);
        assertThat(pending.add(2, false, 99)).isEqualTo(PendingPublications.NONE);
        assertThat(pending.add(3, true, 120)).isEqualTo(1000);
        assertThat(pending.add(4, true, 999)).isEqualTo(PendingPublications.NONE);
        assertThat(pending.size()).isEqualTo(4);

        assertThat(pending.drainSoon()).containsExactly(1, 2);
        assertThat(pending.add(5, false, 100)).isEqualTo(200); // the tier's timer fired: a new one
        assertThat(pending.drainLater()).containsExactlyInAnyOrder(3, 4);
        assertThat(pending.add(6, true, 1000)).isEqualTo(2000);
    }

    @Test
    void anItemWaitsInOneTierTheShortOneWhenAnyChangeAskedForIt() {
        pending.add(1, true, 0);
        pending.add(1, false, 10); // moves to the short tier
        pending.add(1, true, 20);  // stays there
        pending.add(2, false, 30);
        pending.add(2, true, 40);

        assertThat(pending.drainLater()).isEmpty();
        assertThat(pending.drainSoon()).containsExactlyInAnyOrder(1, 2);
        assertThat(pending.contains(1)).isFalse();
    }

    @Test
    void itemsComeOutInTheOrderOfTheirIds() {
        long[] ids = {42, -7, 3, Long.MAX_VALUE, Long.MIN_VALUE, 0, 99, -1};
        for (long id : ids) {
            pending.add(id, id % 2 == 0, 0);
        }
        assertThat(pending.drainAll()).containsExactly(Long.MIN_VALUE, -7, -1, 0, 3, 42, 99, Long.MAX_VALUE);
        for (long id : ids) {
            pending.add(id, false, 0);
        }
        assertThat(pending.drainSoon()).containsExactly(Long.MIN_VALUE, -7, -1, 0, 3, 42, 99, Long.MAX_VALUE);
    }

    @Test
    void drainingAllEmptiesBothTiersAndTheirPendingTimersFindNothing() {
        pending.add(1, false, 0);
        pending.add(2, true, 0);
        assertThat(pending.drainAll()).containsExactlyInAnyOrder(1, 2);
        assertThat(pending.size()).isZero();

        assertThat(pending.add(3, false, 50)).isEqualTo(PendingPublications.NONE); // the timer at 100 is still set
        assertThat(pending.drainSoon()).containsExactly(3);
        assertThat(pending.drainLater()).isEmpty();
    }
}
