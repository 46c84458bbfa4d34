package io.recstream.functions;

import static io.recstream.functions.AsyncHarness.TIMEOUT_MILLIS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recstream.event.Event;
import io.recstream.event.EventType;
import io.recstream.models.IntentClassifier;
import io.recstream.models.IntentModel;
import io.recstream.models.IntentPrediction;
import io.recstream.models.LoadedModels;
import io.recstream.models.ModelKind;
import io.recstream.models.ModelLoadException;
import io.recstream.models.ModelVersion;
import io.recstream.models.StoreVersions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AsyncIntentTest {
    private static final long TS = 1_700_000_000_000L;
    private static IntentModel model;

    @BeforeAll
    static void loadModel() {
        model = IntentModel.load(IntentModel.DEFAULT_LOCATION);
    }

    @AfterAll
    static void closeModel() {
        model.close();
    }

    private static ModelSettings settings(long maxDelayMillis) {
        // timeouts come from the harness's processing time, so the real-time answer deadline is far
        return AsyncIntent.defaultSettings().toBuilder().poolSize(2).maxBatchDelayMillis(maxDelayMillis)
                .timeoutMillis(TimeUnit.MINUTES.toMillis(10)).build();
    }

    /** The intent operator with a test's own model in place of the one named by its settings. */
    static final class IntentWith extends AsyncIntent {
        private static volatile IntentClassifier next;

        IntentWith(IntentClassifier classifier, ModelSettings settings) {
            super(settings);
            next = classifier;
        }

        @Override
        protected IntentClassifier loadModel(ModelSettings settings) {
            return next;
        }
    }

    /** The real model behind a test's hook, recording what it was asked; closing leaves it open. */
    abstract static class Hooked implements IntentClassifier {
        final List<String> asked = Collections.synchronizedList(new ArrayList<>());

        @Override
        public List<IntentPrediction> predictBatch(List<String> texts) {
            asked.addAll(texts);
            before(texts);
            return model.predictBatch(texts);
        }

        abstract void before(List<String> texts);

        @Override
        public void close() {}
    }

    @Test
    void aSearchStampedWithAStoreVersionIsClassifiedByThatVersionAndAnUnknownVersionFallsBack() throws Exception {
        Hooked configured = new Hooked() {
            @Override
            void before(List<String> texts) {}
        };
        ModelVersion s9 = StoreVersions.intent("intent-s9");
        LoadedModels.hold("intent", s9.version, () -> ModelKind.INTENT.load(s9, 1, 1));
        try (AsyncHarness<Event> h = new AsyncHarness<>(new IntentWith(configured, settings(0)), Event.class).open()) {
            Event stamped = Event.search("u1", "motor oil", "app", TS);
            stamped.intentVersion = "intent-s9";
            Event unknown = Event.search("u2", "paperback novel", "app", TS + 1);
            unknown.intentVersion = "intent-s10";
            h.harness.processElement(stamped, 1L);
            h.harness.processElement(unknown, 2L);
            h.harness.endInput();

            List<Event> out = h.harness.extractOutputValues();
            assertThat(out.get(0).intent).isEqualTo("automotive");
            assertThat(out.get(0).intentVersion).as("kept for the user-learner's lists").isEqualTo("intent-s9");
            assertThat(out.get(1).intent).as("not loaded here: no intent").isNull();
            assertThat(configured.asked).as("the configured model is not asked").isEmpty();
            assertThat(h.count("recstream.intent.fallbacks")).isEqualTo(1);
        } finally {
            LoadedModels.release("intent", s9.version);
        }
    }

    @Test
    void searchesGetTheirIntentAndOtherEventsPassUntouchedWithoutAModelCall() throws Exception {
        Hooked recording = new Hooked() {
            @Override
            void before(List<String> texts) {}
        };
        Event view = Event.interaction("u1", "i7", EventType.VIEW, "app", TS);
        Event purchase = Event.interaction("u2", "i8", EventType.PURCHASE, "store", TS + 1);
        Event headphones = Event.search("u1", "wireless headphones", "app", TS + 2);
        Event novel = Event.search("u3", "paperback novel", "web", TS + 3);
        try (AsyncHarness<Event> h = new AsyncHarness<>(new IntentWith(recording, settings(0)), Event.class).open()) {
            h.harness.processElement(view, 1L);
            h.harness.processElement(headphones, 2L);
            h.harness.processElement(purchase, 3L);
            h.harness.processElement(novel, 4L);
            h.harness.endInput();

            List<Event> out = h.harness.extractOutputValues();
            assertThat(out).hasSize(4);
            assertThat(out.get(0)).isEqualTo(view);
            assertThat(out.get(2)).isEqualTo(purchase);
            assertThat(out.get(0).intent).isNull();
            IntentPrediction expected = model.predict("wireless headphones");
            assertThat(out.get(1).intent).isEqualTo("electronics").isEqualTo(expected.intent());
            assertThat(out.get(1).intentProbability).isEqualTo(expected.probability()).isGreaterThan(0.5f);
            assertThat(out.get(1).query).isEqualTo("wireless headphones");
            assertThat(out.get(1).user).isEqualTo("u1");
            assertThat(out.get(3).intent).isEqualTo("books");
            assertThat(headphones.intent).as("the input is not modified").isNull();
            assertThat(recording.asked).containsExactlyInAnyOrder("wireless headphones", "paperback novel");
            assertThat(h.count("recstream.intent.predicted")).isEqualTo(2);
            assertThat(h.count("recstream.intent.fallbacks")).isZero();
        }
    }

    @Test
    void queriesOfConcurrentSearchesShareAModelCall() throws Exception {
        List<Integer> batchSizes = Collections.synchronizedList(new ArrayList<>());
        Hooked recording = new Hooked() {
            @Override
            void before(List<String> texts) {
                batchSizes.add(texts.size());
            }
        };
        ModelSettings fourPerBatch = settings(TimeUnit.HOURS.toMillis(1)).toBuilder().maxBatchRows(4).build();
        try (AsyncHarness<Event> h = new AsyncHarness<>(new IntentWith(recording, fourPerBatch), Event.class).open()) {
            for (String query : List.of("yoga mat", "olive oil", "motor oil", "lego")) {
                h.harness.processElement(Event.search("u1", query, "app", TS), 1L);
            }
            h.harness.endInput();
            assertThat(h.harness.extractOutputValues()).extracting(e -> e.intent)
                    .containsExactly("sports", "grocery", "automotive", "toys");
            assertThat(batchSizes).containsExactly(4);
            assertThat(h.gauge("recstream.intent.meanBatchRows")).isEqualTo(4.0);
        }
    }

    @Test
    void aModelSlowerThanTheTimeoutLetsTheSearchPassWithoutIntent() throws Exception {
        CountDownLatch stuck = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Hooked slowForHeadphones = new Hooked() {
            @Override
            void before(List<String> texts) {
                if (texts.contains("wireless headphones")) {
                    stuck.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        };
        Event slow = Event.search("u1", "wireless headphones", "app", TS);
        AsyncHarness<Event> h = new AsyncHarness<>(new IntentWith(slowForHeadphones, settings(0)), Event.class).open();
        try {
            h.harness.processElement(slow, 1L);
            assertThat(stuck.await(30, TimeUnit.SECONDS)).isTrue();
            h.harness.setProcessingTime(TIMEOUT_MILLIS);
            h.harness.processElement(Event.search("u2", "paperback novel", "web", TS), 2L);
            h.harness.endInput();
            List<Event> out = h.harness.extractOutputValues();
            assertThat(out).hasSize(2);
            assertThat(out.get(0)).isEqualTo(slow);
            assertThat(out.get(0).intent).isNull();
            assertThat(out.get(1).intent).as("the stream goes on").isEqualTo("books");
            assertThat(h.count("recstream.intent.fallbacks")).isEqualTo(1);
            assertThat(h.count("recstream.intent.predicted")).isEqualTo(1);
        } finally {
            release.countDown();
            h.close();
        }
        assertThat(h.count("recstream.intent.fallbacks")).isEqualTo(1);
    }

    @Test
    void aFailingModelLetsSearchesPassWithoutIntent() throws Exception {
        Hooked failing = new Hooked() {
            @Override
            void before(List<String> texts) {
                throw new IllegalStateException("ONNX Runtime exploded");
            }
        };
        Event search = Event.search("u1", "tea", "app", TS);
        Event view = Event.interaction("u1", "i1", EventType.VIEW, "app", TS);
        try (AsyncHarness<Event> h = new AsyncHarness<>(new IntentWith(failing, settings(0)), Event.class).open()) {
            h.harness.processElement(search, 1L);
            h.harness.processElement(view, 2L);
            h.harness.endInput();
            assertThat(h.harness.extractOutputValues()).containsExactly(search, view);
            assertThat(h.count("recstream.intent.fallbacks")).isEqualTo(1);
            assertThat(h.count("recstream.intent.predicted")).isZero();
        }
    }

    @Test
    void aMissingModelFailsAtStartUp() throws Exception {
        AsyncHarness<Event> h = new AsyncHarness<>(
                new AsyncIntent(ModelSettings.of("classpath:models/intent-nowhere.onnx")), Event.class);
        assertThatThrownBy(h::open)
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("classpath:models/intent-nowhere.onnx");
        h.close();
    }
}
