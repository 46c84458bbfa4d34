package io.recstream.ranking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recstream.learn.StableHash;

import org.junit.jupiter.api.Test;

class ExampleSamplerTest {
    @Test
    void theShareOfUsersSampledIsTheRateAndEveryRateOneUserIsSampled() {
        ExampleSampler onePercent = new ExampleSampler(0.01);
        ExampleSampler all = new ExampleSampler(1.0);
        int sampled = 0;
        int users = 200_000;
        for (int u = 0; u < users; u++) {
            long id = StableHash.of("user-" + u);
            if (onePercent.sampled(id)) {
                sampled++;
                assertThat(new ExampleSampler(0.02).sampled(id)).as("a larger rate keeps every user of a smaller one").isTrue();
            }
            assertThat(all.sampled(id)).isTrue();
        }
        // binomial(200,000, 0.01): 2,000 +- 45 (one sd)
        assertThat(sampled).isBetween(1_800, 2_200);
    }

    @Test
    void theSampleIsNotTheSameSplitAsTheUnsaltedId() {
        // an unsalted sampler would take the users whose mixed id is small: the same users an
        // experiment's first bucket gets; the salted one takes about 1 % of those
        ExampleSampler onePercent = new ExampleSampler(0.01);
        long threshold = (long) (0.01 * 0x1p63) << 1;
        int both = 0;
        int unsalted = 0;
        for (int u = 0; u < 200_000; u++) {
            long id = StableHash.of("user-" + u);
            if (Long.compareUnsigned(StableHash.mix(id), threshold) < 0) {
                unsalted++;
                if (onePercent.sampled(id)) {
                    both++;
                }
            }
        }
        assertThat(unsalted).isGreaterThan(1_500);
        assertThat(both).isLessThan(100);
    }

    @Test
    void aRateOutsideZeroToOneIsRefused() {
        assertThatThrownBy(() -> new ExampleSampler(0)).hasMessageContaining("(0, 1]");
        assertThatThrownBy(() -> new ExampleSampler(1.5)).hasMessageContaining("(0, 1]");
    }
}
