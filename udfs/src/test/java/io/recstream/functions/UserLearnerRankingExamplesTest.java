package io.recstream.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.recstream.event.Event;
import io.recstream.event.EventType;
import io.recstream.learn.LearningConfig;
import io.recstream.learn.TestConfigs;
import io.recstream.model.ItemFactorBatch;
import io.recstream.ranking.ExampleSampler;
import io.recstream.ranking.RankingExample;
import io.recstream.ranking.RankingExampleCodec;
import io.recstream.recommend.CandidateList;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The user-learner's ranking examples: every list of a sampled user, in blend order, none of the others. */
class UserLearnerRankingExamplesTest {
    private static final LearningConfig CONFIG = TestConfigs.handComputable().dim(4).topK(5).recentItems(3)
            .trendingCandidates(10).rankingCandidates(5).negatives(0).build();

    private static KeyedBroadcastOperatorTestHarness<Long, Event, ItemFactorBatch, CandidateList> harness(ExampleSampler sampler)
            throws Exception {
        KeySelector<Event, Long> byUser = e -> e.userId;
        UserLearner learner = new UserLearner(CONFIG, false, Duration.ZERO, Duration.ZERO);
        if (sampler != null) {
            learner.writeRankingExamples(sampler);
        }
        return ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(learner, byUser, Types.LONG);
    }

    private static List<Event> events() {
        List<Event> events = new ArrayList<>();
        for (int n = 0; n < 6; n++) {
            events.add(Event.interaction("u" + (n % 2), "item-" + n, EventType.VIEW, "web", 1000L * (n + 1)));
        }
        events.add(Event.search("u0", "shoes", "web", 7000L));
        events.add(Event.interaction("u0", "item-9", EventType.CLICK, "app", 8000L));
        return events;
    }

    private static List<RankingExample> examples(KeyedBroadcastOperatorTestHarness<?, ?, ?, ?> h) {
        List<RankingExample> out = new ArrayList<>();
        var records = h.getSideOutput(UserLearner.RANKING_EXAMPLES);
        if (records != null) {
            for (StreamRecord<byte[]> r : records) {
                out.add(RankingExampleCodec.decode(r.getValue()));
            }
        }
        return out;
    }

    @Test
    void everyListOfASampledUserIsAnExampleInBlendOrderWithItsEventAndTheUsersEventNumber() throws Exception {
        try (var h = harness(new ExampleSampler(1.0))) {
            for (Event e : events()) {
                h.processElement(e, e.ts);
            }
            List<CandidateList> lists = h.extractOutputValues();
            List<RankingExample> examples = examples(h);

            assertThat(examples).hasSameSizeAs(lists).hasSize(8);
            for (int n = 0; n < lists.size(); n++) {
                CandidateList list = lists.get(n);
                RankingExample example = examples.get(n);
                assertThat(example.userId()).isEqualTo(list.userId);
                assertThat(example.ts()).isEqualTo(list.ts);
                assertThat(example.itemIds()).containsExactly(list.itemIds);
                assertThat(example.features()).containsExactly(list.features);
                assertThat(example.eventType()).isEqualTo(list.eventType);
            }
            // u0's events: item-0, item-2, item-4, the search, item-9: numbered 1 to 5
            assertThat(examples.stream().filter(x -> x.userId() == events().get(0).userId).map(RankingExample::seq))
                    .containsExactly(1L, 2L, 3L, 4L, 5L);
            RankingExample search = examples.get(6);
            assertThat(search.eventType()).isEqualTo(EventType.SEARCH);
            assertThat(search.eventItemId()).isZero();
            assertThat(examples.get(7).eventItemId()).isEqualTo(events().get(7).itemId);
        }
    }

    @Test
    void aSampledUsersListHasTheRankingModelsCandidatesInAnUnrankedBucketWithTheSameTop() throws Exception {
        LearningConfig shortLists = CONFIG.toBuilder().topK(2).build(); // 5 ranking candidates, lists of 2
        KeySelector<Event, Long> byUser = e -> e.userId;
        try (var sampled = ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                     new UserLearner(shortLists, false, Duration.ZERO, Duration.ZERO).writeRankingExamples(new ExampleSampler(1.0)),
                     byUser, Types.LONG);
             var plain = ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                     new UserLearner(shortLists, false, Duration.ZERO, Duration.ZERO), byUser, Types.LONG)) {
            for (Event e : events()) {
                sampled.processElement(e, e.ts);
                plain.processElement(e, e.ts);
            }
            CandidateList full = sampled.extractOutputValues().get(7);
            CandidateList cut = plain.extractOutputValues().get(7);

            assertThat(full.itemIds).hasSizeGreaterThan(2); // every unseen item of the 7, up to 5
            assertThat(cut.itemIds).hasSize(2).containsExactly(full.itemIds[0], full.itemIds[1]);
            assertThat(examples(sampled).get(7).itemIds()).containsExactly(full.itemIds);
        }
    }

    @Test
    void usersTheSamplerLeavesOutAndALearnerWithoutSamplerWriteNone() throws Exception {
        long u0 = events().get(0).userId;
        long u1 = events().get(1).userId;
        // the smallest rate that picks one of the two users and not the other
        ExampleSampler oneOfTwo = null;
        for (double rate = 0.01; rate < 1 && oneOfTwo == null; rate += 0.01) {
            ExampleSampler s = new ExampleSampler(rate);
            if (s.sampled(u0) != s.sampled(u1)) {
                oneOfTwo = s;
            }
        }
        assertThat(oneOfTwo).isNotNull();
        long picked = oneOfTwo.sampled(u0) ? u0 : u1;
        try (var sampled = harness(oneOfTwo); var none = harness(null)) {
            for (Event e : events()) {
                sampled.processElement(e, e.ts);
                none.processElement(e, e.ts);
            }
            assertThat(examples(sampled)).isNotEmpty().allSatisfy(x -> assertThat(x.userId()).isEqualTo(picked));
            assertThat(examples(none)).isEmpty();
            assertThat(none.extractOutputValues()).hasSize(8);
        }
    }
}
