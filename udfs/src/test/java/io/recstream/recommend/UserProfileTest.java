package io.recstream.recommend;

import static org.assertj.core.api.Assertions.assertThat;

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
            p.remember(item, seen, 3, 10);
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
            p.remember(item, seen, 100, 3);
        }
        assertThat(p.recent).containsExactly(4, 1, 3);
        p.remember(3, seen, 100, 3);
        assertThat(p.recent).containsExactly(3, 4, 1);
    }

    @Test
    void zeroRecentCapacityKeepsNoContext() {
        UserProfile p = new UserProfile(new float[2]);
        p.remember(1, seen(p), 10, 0);
        assertThat(p.recent).isEmpty();
        assertThat(p.seen).containsExactly(1);
    }
}
