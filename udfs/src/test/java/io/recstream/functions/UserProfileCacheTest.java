package io.recstream.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.recstream.recommend.UserProfile;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

class UserProfileCacheTest {
    /** The users whose profiles went back to the backend. */
    private final List<Long> written = new ArrayList<>();

    @Test
    void aWriteBackDropsTheProfilesNoEventUsedSinceThePreviousOne() throws Exception {
        UserProfileCache cache = new UserProfileCache(8, (user, profile) -> written.add(user));
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
        UserProfileCache cache = new UserProfileCache(2, (user, profile) -> written.add(user));
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
}
