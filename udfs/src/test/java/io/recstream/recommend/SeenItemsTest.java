package io.recstream.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import io.recstream.event.NumericId;

import org.junit.jupiter.api.Test;

class SeenItemsTest {
    /** The filter's promise: a seen item is always found; an unseen one only by a fingerprint's chance. */
    @Test
    void findsEverySeenItemAndAlmostNoOther() {
        SeenItems seen = new SeenItems();
        int[] stored = new int[1000];
        for (int n = 0; n < stored.length; n++) {
            stored[n] = SeenItems.fingerprint(NumericId.of("seen-" + n));
        }
        seen.fill(stored);
        for (int n = 0; n < stored.length; n++) {
            assertThat(seen.contains(NumericId.of("seen-" + n))).isTrue();
        }
        int falsePositives = 0;
        for (int n = 0; n < 100_000; n++) {
            falsePositives += seen.contains(NumericId.of("other-" + n)) ? 1 : 0;
        }
        assertThat(falsePositives).isZero(); // expected 100,000 * 1,000 / 2^32 = 0.02
    }

    /** Both halves of an id count: ids that differ only in their high or only in their low bits differ. */
    @Test
    void theFingerprintFoldsBothHalvesOfTheId() {
        assertThat(SeenItems.fingerprint(1L << 40)).isNotEqualTo(SeenItems.fingerprint(0L));
        assertThat(SeenItems.fingerprint(1L)).isNotEqualTo(SeenItems.fingerprint(0L));
    }

    @Test
    void fillReplacesWhatTheSetHeld() {
        SeenItems seen = new SeenItems();
        seen.add(1L);
        seen.fill(new int[] {SeenItems.fingerprint(2L)});
        assertThat(seen.contains(1L)).isFalse();
        assertThat(seen.contains(2L)).isTrue();
        assertThat(seen.size()).isEqualTo(1);
    }
}
