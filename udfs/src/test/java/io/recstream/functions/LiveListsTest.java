package io.recstream.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.recstream.recommend.CandidateList;
import io.recstream.recommend.RankingFeatures;

import org.apache.flink.api.common.functions.util.ListCollector;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

class LiveListsTest {
    private static CandidateList list(int size, String target) {
        CandidateList list = new CandidateList();
        list.user = "u";
        list.userId = 7L;
        list.itemIds = new long[size];
        list.items = new String[size];
        list.scores = new float[size];
        list.features = new float[size * RankingFeatures.COUNT];
        list.reasons = new byte[size];
        list.reasonItems = new String[size];
        for (int n = 0; n < size; n++) {
            list.reasons[n] = (byte) (n + 1);
            list.reasonItems[n] = "r" + n;
            list.itemIds[n] = 100 + n;
            list.items[n] = "i" + n;
            list.scores[n] = -n;
            list.features[n * RankingFeatures.COUNT + RankingFeatures.BLEND] = -n;
        }
        list.ts = 42L;
        list.channel = "app";
        list.target = target;
        list.rankedBy = "ranking-v1";
        list.afterPurchase = true;
        return list;
    }

    private static List<CandidateList> through(CandidateList in) {
        List<CandidateList> out = new ArrayList<>();
        new LiveLists(3).flatMap(in, new ListCollector<>(out));
        return out;
    }

    @Test
    void aLiveListGoesOnCutToTheTopKWithoutItsFeatures() {
        List<CandidateList> out = through(list(5, null));

        assertThat(out).hasSize(1);
        CandidateList top = out.get(0);
        assertThat(top.items).containsExactly("i0", "i1", "i2");
        assertThat(top.itemIds).containsExactly(100L, 101L, 102L);
        assertThat(top.scores).containsExactly(0f, -1f, -2f);
        assertThat(top.features).isNull();
        assertThat(top.reasons).containsExactly(1, 2, 3);
        assertThat(top.reasonItems).containsExactly("r0", "r1", "r2");
        assertThat(top).extracting(l -> l.user, l -> l.userId, l -> l.ts, l -> l.channel, l -> l.rankedBy, l -> l.afterPurchase)
                .containsExactly("u", 7L, 42L, "app", "ranking-v1", true);
    }

    @Test
    void aShortListGoesOnWholeWithoutItsFeatures() {
        CandidateList shortList = list(2, null);
        List<CandidateList> out = through(shortList);
        assertThat(out).hasSize(1);
        assertThat(out.get(0).items).containsExactly("i0", "i1");
        assertThat(out.get(0).features).isNull();
        assertThat(shortList.features).as("the input, which another operator may read, as it was").hasSize(2 * RankingFeatures.COUNT);
    }

    /** The ranker's cut of a live list (AsyncRanker's live lengths): new, without features, no longer than K. */
    @Test
    void aListTheRankerCutGoesOnAsItIs() {
        CandidateList cut = list(5, null).topWithoutFeatures(3);
        List<CandidateList> out = through(cut);
        assertThat(out).hasSize(1);
        assertThat(out.get(0)).isSameAs(cut);
        CandidateList longer = list(5, null).topWithoutFeatures(5);
        assertThat(through(longer).get(0).items).as("longer than K: cut").containsExactly("i0", "i1", "i2");
    }

    @Test
    void anEvaluationListStaysBehind() {
        assertThat(through(list(5, "i1"))).isEmpty();
    }
}
