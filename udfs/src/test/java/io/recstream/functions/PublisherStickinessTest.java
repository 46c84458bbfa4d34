package io.recstream.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.recstream.recommend.PublishRule;
import io.recstream.event.EventType;
import io.recstream.event.NumericId;
import io.recstream.experiment.StickinessEvent;
import io.recstream.recommend.CandidateList;
import io.recstream.recommend.Recommendation;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/** The publisher's experiment side: the bucket on every list, and each event checked against the current list. */
class PublisherStickinessTest {
    private KeyedOneInputStreamOperatorTestHarness<String, CandidateList, Recommendation> harness;

    @BeforeEach
    void open() throws Exception {
        harness = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(
                new RecommendationPublisher("m", 10, Duration.ZERO, new PublishRule(1, 10), new String[] {"blend", "ranked"})), r -> r.user, Types.STRING);
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    /** The list computed after the user's {@code type} event on {@code eventItem}. */
    private void computed(EventType type, String eventItem, long ts, long previousTs, String... items) throws Exception {
        CandidateList list = new CandidateList();
        list.user = "u1";
        list.items = items;
        list.itemIds = Arrays.stream(items).mapToLong(NumericId::of).toArray();
        list.scores = new float[items.length];
        list.ts = ts;
        list.bucket = 1;
        list.eventType = type;
        list.eventItemId = eventItem == null ? 0 : NumericId.of(eventItem);
        list.previousTs = previousTs;
        harness.processElement(list, ts);
    }

    private List<StickinessEvent> stickiness() {
        return harness.getSideOutput(RecommendationPublisher.STICKINESS).stream().map(StreamRecord::getValue).toList();
    }

    @Test
    void anInteractionWithAnItemOfTheCurrentListIsAClickThrough() throws Exception {
        computed(EventType.VIEW, "x", 1, 0, "a", "b");          // no list yet
        computed(EventType.CLICK, "b", 2, 1, "a", "c");         // b was listed; the list changes
        computed(EventType.PURCHASE, "b", 3, 2, "a", "c");      // b is no longer listed; unchanged list
        computed(EventType.PURCHASE, "c", 4, 3, "a", "c");      // c is
        computed(EventType.SEARCH, null, 5, 4, "a", "c");

        List<StickinessEvent> events = stickiness();
        assertThat(events).extracting(e -> e.hadList).containsExactly(false, true, true, true, true);
        assertThat(events).extracting(e -> e.fromList).containsExactly(false, true, false, true, false);
        assertThat(events).extracting(e -> e.purchase).containsExactly(false, false, true, true, false);
        assertThat(events).extracting(e -> e.interaction).containsExactly(true, true, true, true, false);
        assertThat(events).extracting(e -> e.bucket).containsOnly(1);
        assertThat(events).extracting(e -> e.previousTs).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(events.get(0).shown).containsExactly(NumericId.of("a"), NumericId.of("b"));
        assertThat(events.get(1).shown).containsExactly(NumericId.of("a"), NumericId.of("c"));
        assertThat(events.get(2).shown).as("no new list").isNull();
    }

    @Test
    void everyListNamesItsBucket() throws Exception {
        computed(EventType.VIEW, "x", 1, 0, "a", "b");

        assertThat(harness.extractOutputValues()).extracting(r -> r.bucket).containsExactly("ranked");
    }
}
