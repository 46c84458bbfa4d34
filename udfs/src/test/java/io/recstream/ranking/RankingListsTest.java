package io.recstream.ranking;

import static org.assertj.core.api.Assertions.assertThat;

import io.recstream.recommend.RankingFeatures;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class RankingListsTest {
    private static final int D = RankingFeatures.COUNT;

    /** Five rows, row r's features all r + 1. */
    private static float[] fiveRows() {
        float[] rows = new float[5 * D];
        for (int r = 0; r < 5; r++) {
            java.util.Arrays.fill(rows, r * D, (r + 1) * D, r + 1f);
        }
        return rows;
    }

    private static float rowValue(RankingLists lists, int row) {
        return lists.features()[row * D];
    }

    @Test
    void aSampleKeepsThePositiveFirstThenOtherRowsInListOrder() {
        RankingLists lists = new RankingLists();
        lists.addSample(7L, fiveRows(), 0, 5, 2, 2, new SplittableRandom(1));
        lists.addSample(8L, fiveRows(), 0, 5, 4, 10, new SplittableRandom(1)); // more asked than there are

        assertThat(lists.lists()).isEqualTo(2);
        assertThat(lists.size(0)).isEqualTo(3);
        assertThat(lists.positive(0)).isEqualTo(lists.start(0));
        assertThat(rowValue(lists, 0)).isEqualTo(3f);
        assertThat(rowValue(lists, 1)).isLessThan(rowValue(lists, 2)).isNotEqualTo(3f);
        assertThat(rowValue(lists, 2)).isNotEqualTo(3f);
        assertThat(lists.time(1)).isEqualTo(8L);
        assertThat(lists.size(1)).isEqualTo(5);
        float[] second = new float[5];
        for (int r = 0; r < 5; r++) {
            second[r] = rowValue(lists, lists.start(1) + r);
        }
        assertThat(second).containsExactly(5f, 1f, 2f, 3f, 4f);
    }

    /** Every other row has the same odds: over 40,000 samples of 1 of 4, each is kept about 10,000 times. */
    @Test
    void everyOtherRowIsKeptWithTheSameOdds() {
        RankingLists lists = new RankingLists();
        SplittableRandom random = new SplittableRandom(20240601L);
        int[] kept = new int[6];
        for (int i = 0; i < 40_000; i++) {
            lists.addSample(i, fiveRows(), 0, 5, 0, 1, random);
            kept[(int) rowValue(lists, lists.start(i) + 1)]++;
        }
        assertThat(kept[1]).isZero(); // the positive is never an other row
        for (int value = 2; value <= 5; value++) {
            assertThat(kept[value]).isBetween(9_600, 10_400);
        }
    }
}
