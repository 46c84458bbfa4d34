package io.recstream.functions;

import io.recstream.ranking.ModelSwap;
import io.recstream.ranking.RankingTrainer;
import io.recstream.recommend.CandidateList;
import io.recstream.recommend.RankingFeatures;

import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class RetrainingRankerTest {
    private static final int D = RankingFeatures.COUNT;
    private static final int SIZE = 30;

    /**
     * Evaluated lists in time order, three events per timestamp (as a log of second-resolution
     * times has), candidates in blend order, the target the candidate with the highest trend +
     * last-item co-occurrence (which the blend does not see) or, for every fifth list, none.
     */
    private static List<CandidateList> lists(int count, long seed) {
        Random random = new Random(seed);
        List<CandidateList> lists = new ArrayList<>();
        for (int l = 0; l < count; l++) {
            CandidateList list = new CandidateList();
            list.user = "u" + (l % 17);
            list.userId = l % 17;
            list.ts = 1_000_000L + 1000L * (l / 3);
            list.items = new String[SIZE];
            list.itemIds = new long[SIZE];
            list.scores = new float[SIZE];
            list.features = new float[SIZE * D];
            double best = Double.NEGATIVE_INFINITY;
            for (int r = 0; r < SIZE; r++) {
                list.itemIds[r] = l * 100L + r;
                list.items[r] = "i" + list.itemIds[r];
                for (int f = 0; f < D; f++) {
                    list.features[r * D + f] = (float) random.nextGaussian();
                }
                list.scores[r] = 1.0f - r / (float) SIZE;
                list.features[r * D + RankingFeatures.BLEND] = list.scores[r];
                double utility = list.features[r * D + RankingFeatures.TREND]
                        + 2 * list.features[r * D + RankingFeatures.LAST_ITEM_COOCCURRENCE] + 0.3 * random.nextGaussian();
                if (utility > best) {
                    best = utility;
                    list.target = list.items[r];
                }
            }
            if (l % 5 == 4) {
                list.target = "not-a-candidate";
            }
            lists.add(list);
        }
        return lists;
    }

    @Test
    void everyModelRanksOnlyEventsAfterItsTrainingWindowAndBeatsTheBlend() throws Exception {
        List<CandidateList> input = lists(1000, 1);
        List<CandidateList> output;
        List<ModelSwap> swaps = new ArrayList<>();
        try (OneInputStreamOperatorTestHarness<CandidateList, CandidateList> harness =
                     ProcessFunctionTestHarnesses.forProcessFunction(new RetrainingRanker(200, RankingTrainer.Settings.defaults()))) {
            for (CandidateList list : input) {
                harness.processElement(list, list.ts);
            }
            output = harness.extractOutputValues();
            for (StreamRecord<ModelSwap> swap : harness.getSideOutput(RetrainingRanker.SWAPS)) {
                swaps.add(swap.getValue());
            }
        }

        assertThat(output).hasSize(1000);
        assertThat(swaps).extracting(s -> s.version).containsExactly("retrained-1", "retrained-2", "retrained-3", "retrained-4", "retrained-5");
        assertThat(swaps).extracting(s -> s.atList).containsExactly(199L, 399L, 599L, 799L, 999L);
        Map<String, ModelSwap> byVersion = new HashMap<>();
        swaps.forEach(s -> byVersion.put(s.version, s));
        Map<String, Long> firstScored = new HashMap<>();
        for (CandidateList list : output) {
            if (!list.rankedBy.equals("blend")) {
                firstScored.merge(list.rankedBy, list.ts, Math::min);
            }
        }
        assertThat(firstScored).containsOnlyKeys(byVersion.keySet());
        for (ModelSwap swap : swaps) {
            assertThat(swap.trainedUpTo).as("%s: the training window ends before the events it ranks", swap.version)
                    .isLessThan(firstScored.get(swap.version));
        }
        assertThat(output.subList(0, 199)).allMatch(l -> l.rankedBy.equals("blend"));
        assertThat(output.subList(199, 1000)).allMatch(l -> l.rankedBy.startsWith("retrained-"));
        // 80 % of the lists hold their target; the first 199 events left no list to learn from: 159 lists
        assertThat(swaps.get(0).trainedLists).isEqualTo(input.subList(0, 198).stream().filter(RetrainingRankerTest::holdsTarget).count());

        List<CandidateList> ranked = output.subList(199, 1000);
        assertThat(hitsAt(ranked, 3)).isGreaterThan(2 * hitsAt(input.subList(199, 1000), 3));
    }

    private static boolean holdsTarget(CandidateList list) {
        return List.of(list.items).contains(list.target);
    }

    private static int hitsAt(List<CandidateList> lists, int k) {
        int hits = 0;
        for (CandidateList list : lists) {
            for (int n = 0; n < k; n++) {
                if (list.items[n].equals(list.target)) {
                    hits++;
                }
            }
        }
        return hits;
    }
}
