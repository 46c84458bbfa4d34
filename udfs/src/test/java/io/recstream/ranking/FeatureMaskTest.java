package io.recstream.ranking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recstream.recommend.RankingFeatures;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class FeatureMaskTest {
    private static final int D = RankingFeatures.COUNT;

    @Test
    void theLeftOutColumnsOfEveryRowAreZeroAndTheOthersKept() {
        float[] rows = new float[3 * D];
        Arrays.fill(rows, 2f);
        RankingLists lists = new RankingLists();
        lists.addSample(1L, rows, 0, 3, 0, 2, new SplittableRandom(1));

        FeatureMask mask = FeatureMask.parse("0-14,16-" + (D - 1));
        mask.apply(lists);

        assertThat(mask.usesAll()).isFalse();
        assertThat(mask.leftOut()).isEqualTo(RankingFeatures.NAMES[RankingFeatures.CONTEXT_VOTES]);
        for (int r = 0; r < lists.rows(); r++) {
            for (int c = 0; c < D; c++) {
                assertThat(lists.features()[r * D + c]).as("row %d column %d", r, c)
                        .isEqualTo(c == RankingFeatures.CONTEXT_VOTES ? 0f : 2f);
            }
        }
    }

    @Test
    void everyColumnByDefaultAndBadRangesRefused() {
        assertThat(FeatureMask.all().usesAll()).isTrue();
        assertThat(FeatureMask.all().leftOut()).isEmpty();
        assertThat(FeatureMask.parse("0-" + (D - 1)).usesAll()).isTrue();
        assertThatThrownBy(() -> FeatureMask.parse("0-" + D)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FeatureMask.parse("5-3")).isInstanceOf(IllegalArgumentException.class);
    }
}
