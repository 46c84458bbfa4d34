package io.recstream.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import io.recstream.event.EventType;

import com.carrotsearch.hppc.LongHashSet;

import org.junit.jupiter.api.Test;

class UserProfileTest {
    private static LongHashSet seen(UserProfile p) {
        LongHashSet set = new LongHashSet();
        p.seenInto(set);
        return set;
    }

    @Test
    void seenIsBoundedForgettingTheOldestFirst() {
        UserProfile p = new UserProfile(new float[2]);
        LongHashSet seen = seen(p);
        for (long item : new long[] {1, 2, 3, 2, 4}) {
            p.remember(item, EventType.VIEW, 0L, seen, 3, 10);
        }
        assertThat(p.seen).containsExactly(2, 3, 4);
        assertThat(seen.toArray()).containsExactlyInAnyOrder(2, 3, 4);
        assertThat(seen(p)).isEqualTo(seen);
    }

    @Test
    void seenIntoClearsTheSetFirst() {
        UserProfile p = new UserProfile(new float[2]);
        p.seen = new long[] {7};
        LongHashSet scratch = LongHashSet.from(1, 2);
        p.seenInto(scratch);
        assertThat(scratch.toArray()).containsExactly(7);
    }

    @Test
    void recentIsDistinctMostRecentFirstAndBounded() {
        UserProfile p = new UserProfile(new float[2]);
        LongHashSet seen = seen(p);
        for (long item : new long[] {1, 2, 3, 1, 4}) {
            p.remember(item, EventType.VIEW, 0L, seen, 100, 3);
        }
        assertThat(p.recent).containsExactly(4, 1, 3);
        p.remember(3, EventType.VIEW, 0L, seen, 100, 3);
        assertThat(p.recent).containsExactly(3, 4, 1);
    }

    @Test
    void zeroRecentCapacityKeepsNoContext() {
        UserProfile p = new UserProfile(new float[2]);
        p.remember(1, EventType.VIEW, 0L, seen(p), 10, 0);
        assertThat(p.recent).isEmpty();
        assertThat(p.seen).containsExactly(1);
    }

    @Test
    void purchaseTimesMoveWithTheirItemsAndDecideWhatMayComeBack() {
        UserProfile p = new UserProfile(new float[2]);
        LongHashSet seen = new LongHashSet();
        p.remember(1, EventType.PURCHASE, 100, seen, 10, 3);
        p.remember(2, EventType.VIEW, 110, seen, 10, 3);
        p.remember(3, EventType.RATING, 120, seen, 10, 3);
        p.remember(1, EventType.VIEW, 130, seen, 10, 3); // viewing again keeps the purchase time
        assertThat(p.recent).containsExactly(1, 3, 2);
        assertThat(p.recentBoughtTs).containsExactly(100, UserProfile.CONSUMED, 0);
        assertThat(p.refindable(0, 149, 50)).isFalse(); // bought 49 ms ago, pause 50
        assertThat(p.refindable(0, 150, 50)).isTrue();
        assertThat(p.refindable(1, Long.MAX_VALUE - 1, 50)).isFalse(); // rated: never
        assertThat(p.refindable(2, 111, 50)).isTrue(); // viewed only
        p.remember(4, EventType.CART, 140, seen, 10, 3); // the oldest leaves with its time
        assertThat(p.recent).containsExactly(4, 1, 3);
        assertThat(p.recentBoughtTs).containsExactly(0, 100, UserProfile.CONSUMED);
    }
}
