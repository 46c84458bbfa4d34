package io.recstream.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recstream.event.EventType;
import io.recstream.model.TestItems;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RankedCandidatesTest {
    /** Candidates whose feature rows are filled with their index, so moved rows can be traced. */
    static CandidateList list(String... items) {
        CandidateList list = new CandidateList();
        list.user = "u1";
        list.itemIds = TestItems.ids(items);
        list.items = items;
        list.scores = new float[items.length];
        list.features = new float[items.length * RankingFeatures.COUNT];
        list.reasons = new byte[items.length];
        list.reasonItems = new String[items.length];
        for (int i = 0; i < items.length; i++) {
            list.scores[i] = items.length - i; // blend order: as given
            list.reasons[i] = (byte) (i + 1);
            list.reasonItems[i] = "because-" + items[i];
            Arrays.fill(list.features, i * RankingFeatures.COUNT, (i + 1) * RankingFeatures.COUNT, i);
        }
        list.ts = 42L;
        list.channel = "web";
        list.target = "c";
        list.popularityHit = true;
        list.targetSeen = true;
        list.afterPurchase = true;
        return list;
    }

    @Test
    void ordersByScoreThenItemIdAndMovesFeatureRowsAndReasonsAlong() {
        CandidateList input = list("d", "b", "c", "a");
        CandidateList ranked = RankedCandidates.byScore(input, new float[] {0.1f, 0.5f, 0.9f, 0.5f}, "ranking-v1", false, true);
        boolean aFirst = TestItems.id("a") < TestItems.id("b"); // a tie at 0.5: the smaller numeric id first
        assertThat(ranked.items).containsExactly("c", aFirst ? "a" : "b", aFirst ? "b" : "a", "d");
        assertThat(ranked.itemIds).containsExactly(TestItems.ids(ranked.items));
        assertThat(ranked.scores).containsExactly(0.9f, 0.5f, 0.5f, 0.1f);
        float[] firstFeatureOfEachRow = new float[4];
        for (int r = 0; r < 4; r++) {
            firstFeatureOfEachRow[r] = ranked.features[r * RankingFeatures.COUNT];
            assertThat(ranked.features[r * RankingFeatures.COUNT + RankingFeatures.BLEND])
                    .isEqualTo(firstFeatureOfEachRow[r]);
        }
        assertThat(firstFeatureOfEachRow).containsExactly(2f, aFirst ? 3f : 1f, aFirst ? 1f : 3f, 0f);
        for (int r = 0; r < 4; r++) { // row i of the input had reason kind i + 1
            assertThat(ranked.reasons[r]).isEqualTo((byte) (firstFeatureOfEachRow[r] + 1));
            assertThat(ranked.reasonItems[r]).isEqualTo("because-" + ranked.items[r]);
        }
        assertThat(ranked.afterPurchase).isTrue();
        assertThat(ranked.rankedBy).isEqualTo("ranking-v1");
        assertThat(ranked.user).isEqualTo("u1");
        assertThat(ranked.ts).isEqualTo(42L);
        assertThat(ranked.channel).isEqualTo("web");
        assertThat(ranked.target).isEqualTo("c");
        assertThat(ranked.popularityHit).isTrue();
        assertThat(ranked.targetSeen).isTrue();
    }

    @Test
    void aModelNotTrainedOnReFindCandidatesLeavesThemAtTheirBlendPlaces() {
        CandidateList input = list("a", "b", "c", "d");
        for (int r = 0; r < 4; r++) {
            input.features[r * RankingFeatures.COUNT + RankingFeatures.REFIND] = r == 1 ? 0.7f : 0f;
        }
        float[] scores = {0.1f, 0.0f, 0.5f, 0.9f};

        CandidateList kept = RankedCandidates.byScore(input, scores, "ranking-v3", true, true);
        CandidateList whole = RankedCandidates.byScore(input, scores, "retrained-1", false, true);

        assertThat(kept.items).containsExactly("d", "b", "c", "a");
        assertThat(kept.scores).containsExactly(0.9f, 0.0f, 0.5f, 0.1f);
        assertThat(kept.features[RankingFeatures.COUNT + RankingFeatures.REFIND]).isEqualTo(0.7f);
        assertThat(whole.items).containsExactly("d", "c", "a", "b");
    }

    @Test
    void leavesTheInputAsItWas() {
        CandidateList input = list("a", "b");
        float[] features = input.features.clone();
        RankedCandidates.byScore(input, new float[] {0f, 1f}, "m", false, true);
        assertThat(input.items).containsExactly("a", "b");
        assertThat(input.scores).containsExactly(2f, 1f);
        assertThat(input.features).containsExactly(features);
        assertThat(input.rankedBy).isEqualTo("blend");
    }

    @Test
    void aListWithoutReasonsStaysWithout() { // see CandidateList#reasons
        CandidateList input = list("a", "b");
        input.reasons = null;
        input.reasonItems = null;
        CandidateList ranked = RankedCandidates.byScore(input, new float[] {0f, 1f}, "m", false, true);
        assertThat(ranked.items).containsExactly("b", "a");
        assertThat(ranked.reasons).isNull();
        assertThat(ranked.top(1).reasonItems).isNull();
    }

    @Test
    void keepsTheBucketAndTheEventThatAskedForTheList() {
        CandidateList input = list("a", "b");
        input.bucket = 1;
        input.eventItemId = 42L;
        input.eventType = EventType.CART;
        input.previousTs = 41L;

        CandidateList ranked = RankedCandidates.byScore(input, new float[] {0f, 1f}, "m", false, true);

        assertThat(ranked.bucket).isEqualTo(1);
        assertThat(ranked.eventItemId).isEqualTo(42L);
        assertThat(ranked.eventType).isEqualTo(EventType.CART);
        assertThat(ranked.previousTs).isEqualTo(41L);
        CandidateList top = ranked.top(1);
        assertThat(top.bucket).isEqualTo(1);
        assertThat(top.eventItemId).isEqualTo(42L);
        assertThat(top.eventType).isEqualTo(EventType.CART);
        assertThat(top.previousTs).isEqualTo(41L);
    }

    /**
     * A live list's first K in one step: every field as the whole re-ordered list cut to K (what
     * the publisher was handed before), for each K, re-find candidates kept in place or ordered,
     * ties of score among them, with and without reasons; the input as it was.
     */
    @Test
    void theFirstKByScoreAreTheWholeOrderCutToK() {
        CandidateList input = list("a", "b", "c", "d", "e", "f", "g");
        input.target = null;
        input.bucket = 1;
        input.rankerVersion = "ranking-v5";
        input.features[2 * RankingFeatures.COUNT + RankingFeatures.REFIND] = 0.7f;
        float[] scores = {0.1f, 0.5f, 0.2f, 0.5f, 0.9f, -0f, 0f};
        CandidateList before = list("a", "b", "c", "d", "e", "f", "g");
        before.target = null;
        before.bucket = 1;
        before.rankerVersion = "ranking-v5";
        before.features = input.features.clone();
        for (boolean withReasons : new boolean[] {true, false}) {
            if (!withReasons) {
                input.reasons = null;
                input.reasonItems = null;
                before.reasons = null;
                before.reasonItems = null;
            }
            for (boolean refindKeepsPlace : new boolean[] {true, false}) {
                for (int k = 0; k <= 9; k++) {
                    CandidateList first = RankedCandidates.firstByScore(input, scores, "m", refindKeepsPlace, k);
                    CandidateList cut = RankedCandidates.byScore(input, scores, "m", refindKeepsPlace, false).topWithoutFeatures(k);
                    assertThat(first).as("k %d, re-find kept %s, reasons %s", k, refindKeepsPlace, withReasons)
                            .usingRecursiveComparison().isEqualTo(cut);
                    assertThat(first.size()).isEqualTo(Math.min(k, 7));
                }
            }
            assertThat(input).as("the input, the fallback").usingRecursiveComparison().isEqualTo(before);
        }
    }

    @Test
    void needsOneScorePerCandidate() {
        assertThatThrownBy(() -> RankedCandidates.byScore(list("a", "b"), new float[1], "m", false, true))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
