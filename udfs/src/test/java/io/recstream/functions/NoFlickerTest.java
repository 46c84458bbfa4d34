package io.recstream.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.recstream.event.Event;
import io.recstream.event.EventType;
import io.recstream.learn.LearningConfig;
import io.recstream.learn.TestConfigs;
import io.recstream.model.ItemFactorBatch;
import io.recstream.recommend.CandidateList;
import io.recstream.recommend.PublishRule;
import io.recstream.recommend.Recommendation;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The user-learner's lists through the publisher, as in the job: events that change a user's
 * top-K by fewer than M items give no new version; a purchase gives one at once, without the
 * bought item.
 */
class NoFlickerTest {
    private static final LearningConfig CONFIG = TestConfigs.handComputable().dim(4).topK(5).recentItems(3)
            .trendingCandidates(10).rankingCandidates(5).negatives(0).build();
    private static final int M = 3;

    private KeyedBroadcastOperatorTestHarness<Long, Event, ItemFactorBatch, CandidateList> learner;
    private KeyedOneInputStreamOperatorTestHarness<Long, CandidateList, Recommendation> publisher;
    private int listsTaken;
    private long ts = 1_700_000_000_000L;

    @BeforeEach
    void open() throws Exception {
        learner = ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                new UserLearner(CONFIG, false, Duration.ZERO, Duration.ZERO), e -> e.userId, Types.LONG);
        publisher = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(
                new RecommendationPublisher("m", CONFIG.topK, Duration.ZERO, new PublishRule(M, 0))), l -> l.userId, Types.LONG);
        publisher.open();
    }

    @AfterEach
    void close() throws Exception {
        learner.close();
        publisher.close();
    }

    /** Sends the event through the learner and its list on through the publisher; returns the list. */
    private CandidateList event(String user, String item, EventType type) throws Exception {
        ts += 1_000;
        learner.processElement(Event.interaction(user, item, type, "web", ts), ts);
        List<CandidateList> lists = learner.extractOutputValues();
        CandidateList list = lists.get(lists.size() - 1);
        for (; listsTaken < lists.size(); listsTaken++) {
            publisher.processElement(lists.get(listsTaken), ts);
        }
        return list;
    }

    private List<Recommendation> published() {
        return publisher.extractOutputValues();
    }

    private static int changed(String[] published, String[] computed) {
        return (int) Arrays.stream(computed).filter(item -> !Arrays.asList(published).contains(item)).count();
    }

    @Test
    void smallChangesGiveNoVersionAndAPurchaseGivesOneAtOnceWithoutTheBoughtItem() throws Exception {
        for (int u = 0; u < 6; u++) { // other shoppers: popularity and co-occurrence among p1..p9
            for (int i = 1; i <= 9; i++) {
                event("crowd-" + u, "p" + ((u + i) % 9 + 1), EventType.VIEW);
            }
        }
        int crowdVersions = published().size();

        event("u", "p1", EventType.VIEW);
        assertThat(published()).hasSize(crowdVersions + 1);
        Recommendation first = published().get(crowdVersions);
        String[] shown = Arrays.stream(first.items).map(i -> i.item).toArray(String[]::new);

        int heldBack = 0;
        for (String item : new String[] {"p2", "p3"}) {
            CandidateList computed = event("u", item, EventType.VIEW);
            assertThat(changed(shown, computed.items)).as("views that change the list by fewer than M").isLessThan(M);
            if (!Arrays.equals(shown, computed.items)) {
                heldBack++;
            }
        }
        assertThat(heldBack).as("views that changed the list, held back").isPositive();
        assertThat(published()).as("no new version").hasSize(crowdVersions + 1);

        String bought = shown[shown.length - 1];
        event("u", bought, EventType.PURCHASE);
        assertThat(published()).hasSize(crowdVersions + 2);
        Recommendation afterPurchase = published().get(crowdVersions + 1);
        assertThat(afterPurchase.user).isEqualTo("u");
        assertThat(afterPurchase.version).isEqualTo(2);
        assertThat(afterPurchase.items).extracting(i -> i.item).doesNotContain(bought).isNotEmpty();
    }
}
