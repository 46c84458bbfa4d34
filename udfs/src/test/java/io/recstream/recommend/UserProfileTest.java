package io.recstream.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import io.recstream.event.EventType;

import org.junit.jupiter.api.Test;

class UserProfileTest {
    private static int[] fingerprints(long... items) {
        int[] out = new int[items.length];
        for (int n = 0; n < items.length; n++) {
            out[n] = SeenItems.fingerprint(items[n]);
        }
        return out;
    }

    private static SeenItems seen(UserProfile p) {
        SeenItems set = new SeenItems();
        p.seenInto(set);
        return set;
    }

    @Test
    void seenIsBoundedForgettingTheOldestFirst() {
        UserProfile p = new UserProfile(new float[2]);
        SeenItems seen = seen(p);
        for (long item : new long[] {1, 2, 3, 2, 4}) {
            p.remember(item, EventType.VIEW, 0L, seen, 3, 10);
        }
        assertThat(p.seen).containsExactly(fingerprints(2, 3, 4));
        assertThat(seen.size()).isEqualTo(3);
        assertThat(seen.contains(1)).isFalse();
        assertThat(seen.contains(4)).isTrue();
    }

    /** The current session: the leading recent items touched since the last gap longer than 30 minutes. */
    @Test
    void sessionItemsCountTheRecentItemsOfTheCurrentSession() {
        long gap = 30 * 60_000L;
        UserProfile p = new UserProfile(new float[2]);
        SeenItems seen = seen(p);
        long[][] clicks = {{1, 0}, {2, 60_000}, {1, 120_000}, {3, 180_000}, // one session: 1 2 1 3
            {2, 180_000 + gap + 1}, {4, 240_000 + gap}, {2, 300_000 + gap}}; // after the gap: 2 4 2
        int[] expected = {1, 2, 2, 3, 1, 2, 2};
        for (int n = 0; n < clicks.length; n++) {
            p.startSessionIfIdle(clicks[n][1], gap);
            p.remember(clicks[n][0], EventType.VIEW, clicks[n][1], seen, 10, 10);
            p.lastTs = clicks[n][1];
            assertThat(p.sessionItems).as("after event %d", n).isEqualTo(expected[n]);
        }
        assertThat(p.recent).containsExactly(2, 4, 3, 1); // the session's 2 and 4 lead
    }

    @Test
    void sessionItemsNeverExceedTheRecentItems() {
        UserProfile p = new UserProfile(new float[2]);
        SeenItems seen = seen(p);
        for (long item = 1; item <= 5; item++) {
            p.remember(item, EventType.VIEW, item, seen, 10, 3);
        }
        assertThat(p.recent).containsExactly(5, 4, 3);
        assertThat(p.sessionItems).isEqualTo(3);
    }

    @Test
    void seenIntoClearsTheSetFirst() {
        UserProfile p = new UserProfile(new float[2]);
        p.seen = fingerprints(7);
        SeenItems scratch = seen(new UserProfile());
        scratch.add(1);
        p.seenInto(scratch);
        assertThat(scratch.size()).isEqualTo(1);
        assertThat(scratch.contains(7)).isTrue();
    }

    @Test
    void recentIsDistinctMostRecentFirstAndBounded() {
        UserProfile p = new UserProfile(new float[2]);
        SeenItems seen = seen(p);
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
        assertThat(p.seen).containsExactly(fingerprints(1));
    }

    @Test
    void purchaseTimesMoveWithTheirItemsAndDecideWhatMayComeBack() {
        UserProfile p = new UserProfile(new float[2]);
        SeenItems seen = new SeenItems();
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
