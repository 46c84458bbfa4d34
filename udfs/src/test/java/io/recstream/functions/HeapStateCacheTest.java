package io.recstream.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.recstream.recommend.UserProfile;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

class HeapStateCacheTest {
    /** The users whose profiles went back to the backend. */
    private final List<Long> written = new ArrayList<>();
    /** The cache's clock, in milliseconds. */
    private long now;

    /** A cache that writes its changes back only when it empties and at {@link HeapStateCache#writeBack}. */
    private HeapStateCache<UserProfile> cache(int capacity) {
        return cache(capacity, Long.MAX_VALUE);
    }

    private HeapStateCache<UserProfile> cache(int capacity, long writeBehindMillis) {
        return new HeapStateCache<UserProfile>(capacity, writeBehindMillis, () -> now, (user, profile) -> written.add(user));
    }

    @Test
    void aWriteBackDropsTheProfilesNoEventUsedSinceThePreviousOne() throws Exception {
        HeapStateCache<UserProfile> cache = cache(8);
        cache.put(1L, new UserProfile());
        cache.put(2L, new UserProfile());
        cache.writeBack();
        assertThat(written).containsExactlyInAnyOrder(1L, 2L);
        written.clear();
        cache.put(1L, cache.get(1L)); // user 1 has another event, user 2 none
        cache.writeBack();
        assertThat(written).containsExactly(1L);
        assertThat(cache.get(2L)).isNull(); // its time-to-live runs from its last write: read it again from the backend
        assertThat(cache.get(1L)).isNotNull();
        cache.writeBack();
        assertThat(cache.size()).isZero();
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
