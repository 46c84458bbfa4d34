package io.recstream.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.recstream.event.Event;
import io.recstream.event.EventType;
import io.recstream.models.ModelKind;
import io.recstream.models.ModelVersion;
import io.recstream.models.StoreVersions;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithNonKeyedOperator;
import org.apache.flink.streaming.util.BroadcastOperatorTestHarness;
import org.junit.jupiter.api.Test;

class ModelStamperTest {
    private static final Map<ModelKind, ModelSettings> BOTH = enabled(true);

    private static Map<ModelKind, ModelSettings> enabled(boolean intent) {
        Map<ModelKind, ModelSettings> enabled = new EnumMap<>(ModelKind.class);
        enabled.put(ModelKind.RANKING, AsyncRanker.defaultSettings());
        if (intent) {
            enabled.put(ModelKind.INTENT, AsyncIntent.defaultSettings());
        }
        return enabled;
    }

    private static BroadcastOperatorTestHarness<Event, ModelVersion, Event> harness(
            Map<ModelKind, ModelSettings> enabled, OperatorSubtaskState restored) throws Exception {
        var h = new BroadcastOperatorTestHarness<>(new CoBroadcastWithNonKeyedOperator<>(
                new ModelStamper(enabled), List.of(ModelStamper.LIVE_VERSIONS)), 1, 1, 0);
        h.setup();
        h.initializeState(restored);
        h.open();
        return h;
    }

    private static Event view(long ts) {
        return Event.interaction("u1", "i1", EventType.VIEW, "web", ts);
    }

    @Test
    void eventsCarryTheLiveVersionsFromTheSwapOnAndARestoreComesBackOnThem() throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = harness(BOTH, null)) {
            h.processElement(view(1), 1);
            h.processBroadcastElement(StoreVersions.ranking("ranking-s2"), 2);
            h.processElement(view(3), 3);
            h.processElement(Event.search("u1", "motor oil", "app", 4), 4);
            h.processBroadcastElement(StoreVersions.intent("intent-s2"), 5);
            h.processElement(Event.search("u1", "motor oil", "app", 6), 6);
            h.processElement(view(7), 7);

            List<Event> out = h.extractOutputValues();
            assertThat(out).extracting(e -> e.rankerVersion)
                    .containsExactly(null, "ranking-s2", "ranking-s2", "ranking-s2", "ranking-s2");
            assertThat(out).extracting(e -> e.intentVersion)
                    .as("searches only").containsExactly(null, null, null, "intent-s2", null);
            snapshot = h.snapshot(1L, 8L);
        }
        // a new instance restored from the snapshot serves the same versions with no new announcement
        try (var h = harness(BOTH, snapshot)) {
            h.processElement(Event.search("u1", "motor oil", "app", 9), 9);
            Event stamped = h.extractOutputValues().get(0);
            assertThat(stamped.rankerVersion).isEqualTo("ranking-s2");
            assertThat(stamped.intentVersion).isEqualTo("intent-s2");
        }
    }

    @Test
    void aStateWithoutLiveVersionsStartsOnTheConfiguredModels() throws Exception {
        try (var h = harness(BOTH, null)) {
            h.processElement(Event.search("u1", "motor oil", "app", 1), 1);
            assertThat(h.extractOutputValues().get(0).rankerVersion).isNull();
            assertThat(h.extractOutputValues().get(0).intentVersion).isNull();
        }
    }

    @Test
    void aModelThatIsOffIsNotSwappedAndAVersionThatCannotLoadKeepsThePreviousOne() throws Exception {
        try (var h = harness(enabled(false), null)) {
            h.processBroadcastElement(StoreVersions.intent("intent-s3"), 1);
            h.processBroadcastElement(StoreVersions.ranking("ranking-s3"), 2);
            ModelVersion good = StoreVersions.ranking("ranking-s4");
            h.processBroadcastElement(new ModelVersion("ranking", "ranking-s4", good.metadata, new byte[] {1, 2}), 3);
            h.processElement(Event.search("u1", "motor oil", "app", 4), 4);
            Event stamped = h.extractOutputValues().get(0);
            assertThat(stamped.intentVersion).isNull();
            assertThat(stamped.rankerVersion).isEqualTo("ranking-s3");
        }
    }
}
