package io.recstream.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.util.Set;

class UserProfileTest {
    @Test
    void seenIsBoundedForgettingTheOldestFirst() {
        UserProfile p = new UserProfile(new float[2]);
        Set<String> seen = p.seenSet();
        for (String item : new String[] {"a", "b", "c", "b", "d"}) {
            p.remember(item, seen, 3, 10);
        }
        assertThat(p.seen).containsExactly("b", "c", "d");
        assertThat(seen).containsExactlyInAnyOrder("b", "c", "d");
        assertThat(p.seenSet()).isEqualTo(seen);
    }

    @Test
    void recentIsDistinctMostRecentFirstAndBounded() {
        UserProfile p = new UserProfile(new float[2]);
        Set<String> seen = p.seenSet();
        for (String item : new String[] {"a", "b", "c", "a", "d"}) {
            p.remember(item, seen, 100, 3);
        }
        assertThat(p.recent).containsExactly("d", "a", "c");
        p.remember("c", seen, 100, 3);
        assertThat(p.recent).containsExactly("c", "d", "a");
    }

    @Test
    void zeroRecentCapacityKeepsNoContext() {
        UserProfile p = new UserProfile(new float[2]);
        p.remember("a", p.seenSet(), 10, 0);
        assertThat(p.recent).isEmpty();
        assertThat(p.seen).containsExactly("a");
    }
}
