package io.recstream.functions;

import io.recstream.event.Event;
import io.recstream.event.EventType;
import io.recstream.learn.LearningConfig;
import io.recstream.models.IntentModel;
import io.recstream.models.IntentPrediction;
import io.recstream.recommend.CandidateList;
import io.recstream.synthetic.SyntheticCatalog;
import io.recstream.synthetic.SyntheticEventGenerator;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 5, acceptance 4: a user's searches for one category move their next recommendations
 * towards that category, until their behaviour moves on. Search texts are classified by the
 * real ONNX intent model, as the intent-model operator does in the job.
 */
class SearchIntentTest {
    private static final String READER = "reader";
    private static IntentModel intents;

    @BeforeAll
    static void loadModel() {
        intents = IntentModel.load(IntentModel.DEFAULT_LOCATION);
    }

    @AfterAll
    static void closeModel() {
        intents.close();
    }

    @Test
    void searchesForACategoryShiftTheNextListTowardsItUntilBehaviourMovesOn() throws Exception {
        // new items only: re-find candidates (the user's recent items) would take the first
        // places whatever the search (docs/QUALITY.md, "Repeats")
        var h = ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                new UserLearner(LearningConfig.builder().refindWeight(0f).build(), false, Duration.ZERO, Duration.ZERO),
                (KeySelector<Event, Long>) e -> e.userId, Types.LONG);
        SyntheticEventGenerator traffic = SyntheticEventGenerator.builder().users(300).seed(3).build();
        SyntheticCatalog catalog = traffic.catalog();
        int books = catalog.categories().indexOf("books");
        long ts = 0;
        for (int n = 0; n < 20_000; n++) { // everyone else: sessions with searches, which teach intents their items
            Event e = traffic.next();
            ts = e.ts;
            process(h, new Event(e.user.trim().toLowerCase(), e.item, e.type, e.channel, e.query, e.value, e.ts));
        }
        for (int n = 0; n < 12; n++) {
            process(h, Event.interaction(READER, catalog.item(books, n), EventType.VIEW, "app", ++ts));
        }
        long before = electronicsIn(lastListOf(h));

        process(h, Event.search(READER, "wireless headphones", "app", ++ts));
        process(h, Event.search(READER, "bluetooth speaker", "app", ++ts));
        long afterSearching = electronicsIn(lastListOf(h));

        for (int n = 12; n < 40; n++) {
            process(h, Event.interaction(READER, catalog.item(books, n), EventType.VIEW, "app", ++ts));
        }
        long afterMovingOn = electronicsIn(lastListOf(h));

        assertThat(afterSearching).as("electronics among the first ten after searching").isGreaterThanOrEqualTo(before + 3);
        assertThat(afterMovingOn).as("electronics once the reader is back to books").isLessThan(afterSearching);
        h.close();
    }

    private static void process(KeyedBroadcastOperatorTestHarness<Long, Event, ?, CandidateList> h, Event e) throws Exception {
        Event event = e;
        if (e.type == EventType.SEARCH) {
            IntentPrediction prediction = intents.predict(e.query);
            event = e.withIntent(prediction.intent(), prediction.probability()); // as AsyncIntent does
        }
        h.processElement(event, event.ts);
    }

    private static CandidateList lastListOf(KeyedBroadcastOperatorTestHarness<Long, Event, ?, CandidateList> h) {
        List<CandidateList> lists = h.extractOutputValues();
        for (int n = lists.size() - 1; n >= 0; n--) {
            if (READER.equals(lists.get(n).user)) {
                return lists.get(n);
            }
        }
        throw new AssertionError("no list for " + READER);
    }

    private static long electronicsIn(CandidateList list) {
        return Arrays.stream(list.items).limit(10).filter(i -> "electronics".equals(SyntheticCatalog.categoryOf(i))).count();
    }
}
