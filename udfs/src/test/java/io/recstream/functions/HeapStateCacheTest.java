package io.recstream.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.recstream.recommend.UserProfile;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

class HeapStateCacheTest {
    /** The users whose profiles went back to the backend. */
    private final List<Long> written = new ArrayList<>();
    /** The cache's clock, in milliseconds. */
    private long now;

    /** A cache that writes its changes back only when it empties and at {@link HeapStateCache#writeBack}, and keeps values. */
    private HeapStateCache<UserProfile> cache(int capacity) {
        return cache(capacity, Long.MAX_VALUE);
    }

    private HeapStateCache<UserProfile> cache(int capacity, long writeBehindMillis) {
        return cache(capacity, writeBehindMillis, Long.MAX_VALUE);
    }

    private HeapStateCache<UserProfile> cache(int capacity, long writeBehindMillis, long keepMillis) {
        return new HeapStateCache<UserProfile>(capacity, writeBehindMillis, keepMillis, () -> now, (user, profile) -> written.add(user));
    }

    @Test
    void anUnusedProfileStaysAcrossBarriersUntilItsLastWriteIsTheKeepTimeOld() throws Exception {
        HeapStateCache<UserProfile> cache = cache(8, Long.MAX_VALUE, 30);
        UserProfile second = new UserProfile();
        cache.put(1L, new UserProfile());
        cache.put(2L, second);
        cache.writeBack(); // at 0: both written
        assertThat(written).containsExactlyInAnyOrder(1L, 2L);
        written.clear();
        now = 10;
        cache.put(1L, cache.get(1L)); // user 1 has another event, user 2 none
        now = 20;
        cache.writeBack(); // user 1 written at 20; user 2, unused since its write at 0, stays
        assertThat(written).containsExactly(1L);
        assertThat(cache.size()).isEqualTo(2);
        now = 29;
        cache.writeBack();
        assertThat(cache.get(2L)).isSameAs(second); // 29 ms after its write: still served, no backend read
        now = 30;
        cache.writeBack(); // 30 ms after its write: dropped (its time-to-live runs from that write)
        assertThat(cache.size()).isEqualTo(1);
        assertThat(cache.get(2L)).isNull();
        assertThat(cache.get(1L)).isNotNull();
        now = 50;
        cache.writeBack();
        assertThat(cache.size()).isZero();
        assertThat(written).containsExactly(1L); // nothing unchanged is written again
        assertThat(cache.hits()).isEqualTo(3);
        assertThat(cache.misses()).isEqualTo(1);
    }

    @Test
    void aProfileLastWrittenTheKeepTimeAgoIsNotServedEvenWithoutABarrier() throws Exception {
        HeapStateCache<UserProfile> cache = cache(8, 5, 30);
        cache.put(1L, new UserProfile());
        now = 5;
        cache.put(2L, new UserProfile()); // user 1's change is written behind at 5
        assertThat(written).containsExactly(1L);
        now = 34;
        assertThat(cache.get(1L)).isNotNull();
        now = 35; // checkpoints off or late: no barrier has dropped it
        assertThat(cache.get(1L)).isNull();
        assertThat(cache.size()).isEqualTo(1);
        cache.put(1L, new UserProfile()); // read again from the backend and cached as changed
        now = 1_000;
        assertThat(cache.get(1L)).isNotNull(); // its change is not written yet: the cache holds the newest value
    }

    @Test
    void keepingNothingServesAProfileOnlyUntilItsChangeIsWritten() throws Exception {
        HeapStateCache<UserProfile> cache = cache(8, Long.MAX_VALUE, 0);
        cache.put(1L, new UserProfile());
        assertThat(cache.get(1L)).isNotNull();
        cache.writeBack();
        assertThat(cache.get(1L)).isNull();
        assertThat(cache.size()).isZero();
    }

    @Test
    void theKeepTimeIsAtMostTheTimeToLive() {
        assertThat(HeapStateCache.keepWithin(30_000, Duration.ofSeconds(10))).isEqualTo(10_000);
        assertThat(HeapStateCache.keepWithin(30_000, Duration.ofDays(30))).isEqualTo(30_000);
        assertThat(HeapStateCache.keepWithin(30_000, Duration.ZERO)).isEqualTo(30_000);
        assertThat(HeapStateCache.keepWithin(30_000, null)).isEqualTo(30_000);
    }

    @Test
    void aNewUserWhoFindsTheCacheFullDropsTheProfilesIdleLongestAndKeepsTheRest() throws Exception {
        HeapStateCache<UserProfile> cache = cache(4, Long.MAX_VALUE, 100);
        cache.put(1L, new UserProfile());
        cache.put(2L, new UserProfile());
        cache.writeBack(); // at 0
        written.clear();
        now = 50; // half the keep time after users 1 and 2 were written
        UserProfile third = new UserProfile();
        cache.put(3L, third);
        cache.put(4L, new UserProfile());
        cache.put(5L, new UserProfile()); // full: users 1 and 2 go, 3 and 4 are written and stay
        assertThat(written).containsExactlyInAnyOrder(3L, 4L);
        assertThat(cache.size()).isEqualTo(3);
        assertThat(cache.get(1L)).isNull();
        assertThat(cache.get(3L)).isSameAs(third);
    }

    @Test
    void aNewUserWhoFindsTheCacheFullWritesEveryProfileBackAndEmptiesIt() throws Exception {
        HeapStateCache<UserProfile> cache = cache(2);
        UserProfile first = new UserProfile();
        cache.put(1L, first);
        cache.put(2L, new UserProfile());
        assertThat(cache.get(1L)).isSameAs(first);
        assertThat(written).isEmpty();
        cache.put(3L, new UserProfile());
        assertThat(written).containsExactlyInAnyOrder(1L, 2L);
        assertThat(cache.get(1L)).isNull();
        assertThat(cache.get(3L)).isNotNull();
        assertThat(cache.hits()).isEqualTo(2);
        assertThat(cache.misses()).isEqualTo(1);
    }

    @Test
    void aChangedProfileIsWrittenBehindItsChangeOnceTheDelayHasPassed() throws Exception {
        HeapStateCache<UserProfile> cache = cache(8, 10);
        cache.put(1L, new UserProfile());
        now = 4;
        cache.put(2L, new UserProfile());
        cache.put(1L, cache.get(1L)); // a second change before its write: still written once, 10 ms after the first
        now = 9;
        cache.put(3L, new UserProfile());
        assertThat(written).isEmpty();
        now = 10;
        cache.put(3L, cache.get(3L));
        assertThat(written).containsExactly(1L);
        now = 14;
        cache.put(4L, new UserProfile());
        assertThat(written).containsExactly(1L, 2L);
        assertThat(cache.get(1L)).isNotNull(); // written, still cached

        now = 15;
        cache.put(1L, cache.get(1L)); // changed again after its write: written again
        written.clear();
        cache.writeBack(); // the barrier writes what changed since its write, nothing twice
        assertThat(written).containsExactlyInAnyOrder(1L, 3L, 4L);
        written.clear();
        now = 100;
        cache.put(5L, new UserProfile());
        assertThat(written).isEmpty(); // the barrier's writes left nothing to write behind
    }

    @Test
    void withoutDelayEveryChangeIsWrittenAtOnce() throws Exception {
        HeapStateCache<UserProfile> cache = cache(8, 0);
        cache.put(1L, new UserProfile());
        cache.put(1L, cache.get(1L));
        cache.put(2L, new UserProfile());
        assertThat(written).containsExactly(1L, 1L, 2L);
        cache.writeBack();
        assertThat(written).containsExactly(1L, 1L, 2L);
    }
}
