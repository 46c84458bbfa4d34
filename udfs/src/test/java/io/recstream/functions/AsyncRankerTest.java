package io.recstream.functions;

import static io.recstream.functions.AsyncHarness.TIMEOUT_MILLIS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.recstream.models.LoadedModels;
import io.recstream.models.ModelKind;
import io.recstream.models.ModelLoadException;
import io.recstream.models.ModelVersion;
import io.recstream.models.RankingModel;
import io.recstream.models.RankingScorer;
import io.recstream.models.StoreVersions;
import io.recstream.model.TestItems;
import io.recstream.recommend.CandidateList;
import io.recstream.recommend.RankingFeatures;
import io.recstream.recommend.Reason;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AsyncRankerTest {
    private static final int F = RankingFeatures.COUNT;
    /** ranking-v1, a model these tests know the order of. */
    private static final String V1 = "classpath:models/ranking-v1.onnx";
    private static RankingModel model;

    @BeforeAll
    static void loadModel() {
        model = RankingModel.load(V1);
    }

    @AfterAll
    static void closeModel() {
        model.close();
    }

    /** A candidate's raw features; the rest of its row is zero and the channel is the app. */
    private static float[] row(float cooccurrence, float factor, float neighbourRecency, float intentMatch) {
        float[] row = new float[F];
        row[RankingFeatures.COOCCURRENCE] = cooccurrence;
        row[RankingFeatures.FACTOR] = factor;
        row[RankingFeatures.POPULARITY] = -1.5f;
        row[RankingFeatures.TREND] = 0.3f;
        row[RankingFeatures.NEIGHBOUR_RECENCY] = neighbourRecency;
        row[RankingFeatures.INTENT_MATCH] = intentMatch;
        row[RankingFeatures.CHANNEL_APP] = 1f;
        row[RankingFeatures.BLEND] = cooccurrence + factor + 0.2f * row[RankingFeatures.POPULARITY];
        // as the learner computes them, in lists whose best co-occurrence is 1 and best factor 2
        row[RankingFeatures.COOCCURRENCE_SHARE] = Math.min(1f, cooccurrence);
        row[RankingFeatures.FACTOR_GAP] = factor - 2f;
        row[RankingFeatures.LAST_ITEM_COOCCURRENCE] = neighbourRecency >= 1f ? 0.3f * cooccurrence : 0f;
        return row;
    }

    /** A list in blend order: scores are the blend column. */
    private static CandidateList list(String user, String[] items, float[]... rows) {
        CandidateList list = new CandidateList();
        list.user = user;
        list.itemIds = TestItems.ids(items);
        list.items = items;
        list.scores = new float[items.length];
        list.features = new float[items.length * F];
        list.reasons = new byte[items.length];
        list.reasonItems = new String[items.length];
        for (int i = 0; i < items.length; i++) {
            list.reasons[i] = Reason.COOCCURRENCE;
            list.reasonItems[i] = "because-" + items[i];
            System.arraycopy(rows[i], 0, list.features, i * F, F);
            list.scores[i] = rows[i][RankingFeatures.BLEND];
        }
        list.ts = 1_700_000_000_000L;
        list.channel = "app";
        return list;
    }

    private static CandidateList fourCandidates(String user) {
        return list(user, new String[] {"i1", "i4", "i3", "i2"},
                row(0f, 0.3f, 0f, 0f),        // first in the input: a factor score alone
                row(0.2f, 0f, 0.5f, 0f),      // i4 and i3: identical, a tie broken by item id
                row(0.2f, 0f, 0.5f, 0f),
                row(0.5f, 0f, 1.0f, 0.9f));   // low blend, but co-occurring, recent and matching the search
    }

    private static ModelSettings settings(int poolSize, int maxBatchRows, long maxDelayMillis) {
        // timeouts come from the harness's processing time, so the real-time answer deadline is far
        return ModelSettings.of(V1).toBuilder().timeoutMillis(TimeUnit.MINUTES.toMillis(10))
                .poolSize(poolSize).maxBatchRows(maxBatchRows).maxBatchDelayMillis(maxDelayMillis).build();
    }

    /** The ranker with a test's own model in place of the one named by its settings. */
    static class RankerWith extends AsyncRanker {
        private static volatile RankingScorer next;

        RankerWith(RankingScorer scorer, ModelSettings settings) {
            super(settings);
            next = scorer;
        }

        @Override
        protected RankingScorer loadModel(ModelSettings settings) {
            return next;
        }
    }

    /** The real model's scores, behind a test's hook; closing it leaves the shared model open. */
    abstract static class Hooked implements RankingScorer {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public String version() {
            return model.version();
        }

        @Override
        public float[] score(float[] features, int rows) {
            calls.incrementAndGet();
            before();
            return model.score(features, rows);
        }

        abstract void before();

        @Override
        public void close() {}
    }

    @Test
    void aListStampedWithAStoreVersionIsRankedByThatVersionAndAnUnknownVersionFallsBack() throws Exception {
        ModelVersion v5 = StoreVersions.rankingWithOutputBias("ranking-v5", -3f);
        LoadedModels.hold("ranking", v5.version, () -> ModelKind.RANKING.load(v5, 1, 1));
        // both lists in one batch (it leaves when it holds their 8 rows): only the unknown version's falls back
        try (AsyncHarness<CandidateList> h = new AsyncHarness<>(new AsyncRanker(settings(1, 8, TimeUnit.MINUTES.toMillis(1))),
                CandidateList.class).open();
             RankingModel reference = RankingModel.fromVersion(v5, 1, 1)) {
            CandidateList stamped = fourCandidates("u1");
            stamped.rankerVersion = "ranking-v5";
            CandidateList unknown = fourCandidates("u2");
            unknown.rankerVersion = "ranking-v6";
            h.harness.processElement(stamped, 1L);
            h.harness.processElement(unknown, 2L);
            h.harness.endInput();
            List<CandidateList> out = h.harness.extractOutputValues();

            float[] expected = reference.score(stamped.features, 4);
            assertThat(expected[0]).as("not the configured model's score").isNotEqualTo(model.score(stamped.features, 4)[0]);
            assertThat(out.get(0).rankedBy).isEqualTo("ranking-v5");
            assertThat(out.get(0).scores).containsExactlyInAnyOrder(expected);
            assertThat(out.get(1).rankedBy).as("not loaded here: the blend order").isEqualTo("blend");
            assertThat(out.get(1).items).containsExactly(unknown.items);
            assertThat(h.count("recstream.ranker.fallbacks")).isEqualTo(1);
            assertThat(h.gauge("recstream.ranker.batches")).isEqualTo(1L);
        } finally {
            LoadedModels.release("ranking", v5.version);
        }
    }

    @Test
    void ordersEachListByTheOnnxModelWithTiesByItemId() throws Exception {
        CandidateList input = fourCandidates("u1");
        input.target = "i9"; // an evaluation list: its features go on, moved with their items
        CandidateList untouched = fourCandidates("u1");
        try (AsyncHarness<CandidateList> h = new AsyncHarness<>(new AsyncRanker(settings(1, 256, 0)),
                CandidateList.class).open()) {
            h.harness.processElement(input, 1L);
            h.harness.endInput();
            List<CandidateList> out = h.harness.extractOutputValues();
            assertThat(out).hasSize(1);
            CandidateList ranked = out.get(0);

            float[] expected = model.score(input.features, 4); // in input order: i1, i4, i3, i2
            assertThat(expected[3]).as("the model prefers i2 to the blend's favourite i1").isGreaterThan(expected[0]);
            assertThat(expected[1]).isEqualTo(expected[2]);
            assertThat(ranked.items).containsExactly(expectedOrder(input.items, expected));
            assertThat(ranked.items).isNotEqualTo(input.items);
            String tiedFirst = TestItems.id("i3") < TestItems.id("i4") ? "i3" : "i4";
            String tiedSecond = tiedFirst.equals("i3") ? "i4" : "i3";
            int first = Arrays.asList(ranked.items).indexOf(tiedFirst);
            assertThat(ranked.items[first + 1]).as("tie: the smaller numeric id first").isEqualTo(tiedSecond);
            assertThat(ranked.rankedBy).isEqualTo("ranking-v1");
            assertThat(ranked.user).isEqualTo("u1");
            for (int r = 0; r < 4; r++) {
                int from = Arrays.asList(input.items).indexOf(ranked.items[r]);
                assertThat((double) ranked.scores[r]).isCloseTo(expected[from], within(1e-6));
                assertThat(Arrays.copyOfRange(ranked.features, r * F, (r + 1) * F))
                        .containsExactly(Arrays.copyOfRange(input.features, from * F, (from + 1) * F));
                assertThat(ranked.reasonItems[r]).as("the reason moves with its item").isEqualTo("because-" + ranked.items[r]);
            }
            assertThat(input.items).as("the input is not modified").containsExactly(untouched.items);
            assertThat(input.rankedBy).isEqualTo("blend");
            assertThat(h.count("recstream.ranker.scored")).isEqualTo(1);
            assertThat(h.count("recstream.ranker.fallbacks")).isZero();
        }
    }

    /**
     * Under object reuse the user-learner hands its list over uncopied, and the list waits for its
     * batch: the ranker must rank it as it was handed, whatever happens to that object meanwhile.
     * (Flink's async operator copies its input when object reuse is on; this holds it to that.)
     */
    @Test
    void underObjectReuseAListWaitingForItsBatchIsRankedAsItWasHanded() throws Exception {
        CandidateList reused = fourCandidates("u1");
        CandidateList fresh = fourCandidates("u1");
        try (AsyncHarness<CandidateList> h = new AsyncHarness<>(new AsyncRanker(settings(1, 8, TimeUnit.MINUTES.toMillis(1))),
                CandidateList.class).withObjectReuse().open()) {
            h.harness.processElement(reused, 1L);
            Arrays.fill(reused.features, 0f); // the sender's object changes before the batch leaves
            reused.items[0] = "changed";
            reused.user = "u2";
            h.harness.processElement(fourCandidates("u3"), 2L); // fills the batch: 8 rows
            h.harness.endInput();
            CandidateList ranked = h.harness.extractOutputValues().get(0);

            assertThat(ranked.user).isEqualTo("u1");
            assertThat(ranked.items).containsExactly(expectedOrder(fresh.items, model.score(fresh.features, 4)));
            assertThat(ranked.rankedBy).isEqualTo("ranking-v1");
        }
    }

    /**
     * Given the buckets' list lengths, a live list leaves the ranker as its whole order cut to its
     * bucket's length, without features (what the publisher reads); an evaluation list whole.
     */
    @Test
    void aLiveListLeavesCutToItsBucketsLengthAndAnEvaluationListWhole() throws Exception {
        CandidateList bucket0 = fourCandidates("u1");
        CandidateList bucket1 = fourCandidates("u2");
        bucket1.bucket = 1;
        CandidateList evaluated = fourCandidates("u3");
        evaluated.bucket = 1;
        evaluated.target = "i9";
        try (AsyncHarness<CandidateList> h = new AsyncHarness<>(new AsyncRanker(settings(1, 256, 0), null, new int[] {2, 3}),
                CandidateList.class).open()) {
            h.harness.processElement(bucket0, 1L);
            h.harness.processElement(bucket1, 2L);
            h.harness.processElement(evaluated, 3L);
            h.harness.endInput();
            List<CandidateList> out = h.harness.extractOutputValues();

            String[] whole = expectedOrder(bucket0.items, model.score(bucket0.features, 4));
            assertThat(out.get(0).items).containsExactly(Arrays.copyOf(whole, 2));
            assertThat(out.get(0).features).isNull();
            assertThat(out.get(0).reasonItems).containsExactly("because-" + whole[0], "because-" + whole[1]);
            assertThat(out.get(1).items).containsExactly(Arrays.copyOf(whole, 3));
            assertThat(out.get(1).scores).hasSize(3);
            assertThat(out.get(2).items).containsExactly(whole);
            assertThat(out.get(2).features).hasSize(4 * F);
            assertThat(h.count("recstream.ranker.scored")).isEqualTo(3);
        }
    }

    @Test
    void aModelNotTrainedOnReFindCandidatesLeavesThemAtTheirBlendPlaces() throws Exception {
        CandidateList input = fourCandidates("u1");
        input.features[RankingFeatures.REFIND] = 1f; // i1, the blend's first, is the user's latest item
        try (AsyncHarness<CandidateList> h = new AsyncHarness<>(new AsyncRanker(settings(1, 256, 0)),
                CandidateList.class).open()) {
            h.harness.processElement(input, 1L);
            h.harness.endInput();
            CandidateList ranked = h.harness.extractOutputValues().get(0);

            float[] scores = model.score(input.features, 4);
            assertThat(model.ranksRefind()).isFalse();
            assertThat(scores[3]).as("the model alone would put i2 above i1").isGreaterThan(scores[0]);
            assertThat(ranked.items[0]).isEqualTo("i1");
            String[] others = {"i4", "i3", "i2"};
            assertThat(Arrays.copyOfRange(ranked.items, 1, 4))
                    .containsExactly(expectedOrder(others, Arrays.copyOfRange(scores, 1, 4)));
        }
    }

    /** Lists of the widths of before (ranking-v1/v2's 13, v3/v4's 15), restored in flight from a savepoint. */
    @ParameterizedTest
    @ValueSource(ints = {RankingFeatures.FIRST_MODELS_COUNT, RankingFeatures.SECOND_MODELS_COUNT, RankingFeatures.THIRD_MODELS_COUNT})
    void aListOfAnEarlierWidthIsRankedAsItsFeaturesSay(int width) throws Exception {
        CandidateList wide = fourCandidates("u1");
        CandidateList narrow = fourCandidates("u2");
        narrow.features = narrowed(wide.features, width);
        try (AsyncHarness<CandidateList> h = new AsyncHarness<>(new AsyncRanker(settings(1, 256, 0)),
                CandidateList.class).open()) {
            h.harness.processElement(wide, 1L);
            h.harness.processElement(narrow, 2L);
            h.harness.endInput();
            List<CandidateList> out = h.harness.extractOutputValues();

            assertThat(out.get(1).rankedBy).isEqualTo("ranking-v1");
            assertThat(out.get(1).items).containsExactly(out.get(0).items);
            assertThat(out.get(1).features).as("a live list's features end at the model").isNull();
            assertThat(h.count("recstream.ranker.fallbacks")).isZero();
        }
    }

    /** Widening keeps each row's features of the earlier width and gives the later ones 0. */
    @ParameterizedTest
    @ValueSource(ints = {RankingFeatures.FIRST_MODELS_COUNT, RankingFeatures.SECOND_MODELS_COUNT, RankingFeatures.THIRD_MODELS_COUNT})
    void aListOfAnEarlierWidthIsWidenedWithZeros(int width) {
        CandidateList list = fourCandidates("u1");
        float[] full = list.features.clone();
        for (int i = 0; i < full.length; i++) {
            full[i] = i + 1f; // no feature 0, so a zero can only be a widened one
        }
        list.features = narrowed(full, width);

        AsyncRanker.widen(list);

        assertThat(list.features).hasSize(4 * F);
        for (int r = 0; r < 4; r++) {
            assertThat(Arrays.copyOfRange(list.features, r * F, r * F + width))
                    .containsExactly(Arrays.copyOfRange(full, r * F, r * F + width));
            assertThat(Arrays.copyOfRange(list.features, r * F + width, (r + 1) * F)).containsOnly(0f);
        }
    }

    /** The first {@code width} features of each row of {@code features}. */
    private static float[] narrowed(float[] features, int width) {
        int rows = features.length / F;
        float[] narrow = new float[rows * width];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(features, r * F, narrow, r * width, width);
        }
        return narrow;
    }

    /** The items sorted by score, highest first, ties by numeric item id: written out plainly. */
    private static String[] expectedOrder(String[] items, float[] scores) {
        String[] sorted = items.clone();
        for (int i = 0; i < sorted.length; i++) {
            for (int j = i + 1; j < sorted.length; j++) {
                float si = scores[Arrays.asList(items).indexOf(sorted[i])];
                float sj = scores[Arrays.asList(items).indexOf(sorted[j])];
                if (sj > si || (sj == si && TestItems.id(sorted[j]) < TestItems.id(sorted[i]))) {
                    String t = sorted[i];
                    sorted[i] = sorted[j];
                    sorted[j] = t;
                }
            }
        }
        return sorted;
    }

    @Test
    void scoresTheCandidatesOfConcurrentListsInOneModelCall() throws Exception {
        Hooked counting = new Hooked() {
            @Override
            void before() {}
        };
        // 4 lists of 2 candidates fill a batch of 8 rows; the delay never expires in this test
        try (AsyncHarness<CandidateList> h = new AsyncHarness<>(
                new RankerWith(counting, settings(1, 8, TimeUnit.HOURS.toMillis(1))), CandidateList.class).open()) {
            for (int u = 0; u < 4; u++) {
                h.harness.processElement(list("u" + u, new String[] {"a", "b"},
                        row(0f, 1f, 0f, 0f), row(1f, 0f, 1f, 0.5f)), u);
            }
            h.harness.endInput();
            List<CandidateList> out = h.harness.extractOutputValues();
            assertThat(out).extracting(l -> l.user).containsExactly("u0", "u1", "u2", "u3");
            assertThat(out).allSatisfy(l -> {
                assertThat(l.rankedBy).isEqualTo("ranking-v1");
                assertThat(l.items).containsExactly("b", "a");
            });
            assertThat(counting.calls.get()).isEqualTo(1);
            assertThat(h.gauge("recstream.ranker.batches")).isEqualTo(1L);
            assertThat(h.gauge("recstream.ranker.meanBatchRows")).isEqualTo(8.0);
            assertThat(h.count("recstream.ranker.scored")).isEqualTo(4);
        }
    }

    @Test
    void aModelSlowerThanTheTimeoutFallsBackToTheBlendOrderAndTheStreamGoesOn() throws Exception {
        CountDownLatch stuck = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean first = new AtomicBoolean(true);
        Hooked slowOnce = new Hooked() {
            @Override
            void before() {
                if (first.compareAndSet(true, false)) {
                    stuck.countDown();
                    try {
                        release.await(); // longer than the operator's timeout
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        };
        AsyncHarness<CandidateList> h = new AsyncHarness<>(new RankerWith(slowOnce, settings(2, 256, 0)),
                CandidateList.class).open();
        try {
            h.harness.processElement(fourCandidates("slow"), 1L);
            assertThat(stuck.await(30, TimeUnit.SECONDS)).as("the model call is stuck").isTrue();
            h.harness.setProcessingTime(TIMEOUT_MILLIS); // the operator's timeout fires
            h.harness.processElement(fourCandidates("next"), 2L);
            h.harness.endInput();

            List<CandidateList> out = h.harness.extractOutputValues();
            assertThat(out).extracting(l -> l.user).containsExactly("slow", "next");
            CandidateList fallback = out.get(0);
            assertThat(fallback.rankedBy).isEqualTo("blend");
            assertThat(fallback.items).containsExactly(fourCandidates("slow").items);
            assertThat(fallback.scores).containsExactly(fourCandidates("slow").scores);
            assertThat(out.get(1).rankedBy).as("the stream goes on").isEqualTo("ranking-v1");
            assertThat(h.count("recstream.ranker.fallbacks")).isEqualTo(1);
            assertThat(h.count("recstream.ranker.scored")).isEqualTo(1);
        } finally {
            release.countDown();
            h.close(); // waits for the late model call
        }
        assertThat(h.count("recstream.ranker.fallbacks")).as("the late answer is dropped, counted once").isEqualTo(1);
        assertThat(h.count("recstream.ranker.scored")).isEqualTo(1);
        assertThat(h.harness.extractOutputValues()).hasSize(2);
    }

    @Test
    void anAnswerPastTheElementsDeadlineFallsBackAlthoughTheOperatorsTimerHasNotFired() throws Exception {
        AtomicLong nanos = new AtomicLong();
        Hooked late = new Hooked() {
            @Override
            void before() {
                nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(51)); // the model takes 51 ms
            }
        };
        ModelSettings deadline50 = settings(1, 256, 0).toBuilder().timeoutMillis(50).build();
        RankerWith ranker = new RankerWith(late, deadline50) {
            @Override
            protected long nanoTime() {
                return nanos.get();
            }
        };
        AsyncHarness<CandidateList> h = new AsyncHarness<>(ranker, CandidateList.class).open();
        try {
            h.harness.processElement(fourCandidates("late"), 1L);
            h.harness.endInput(); // processing time stays 0: the operator's timeout never fires

            List<CandidateList> out = h.harness.extractOutputValues();
            assertThat(out).extracting(l -> l.rankedBy).containsExactly("blend");
            assertThat(out.get(0).items).containsExactly(fourCandidates("late").items);
            assertThat(late.calls.get()).as("the model did answer").isEqualTo(1);
            assertThat(h.count("recstream.ranker.fallbacks")).isEqualTo(1);
            assertThat(h.count("recstream.ranker.scored")).isZero();
        } finally {
            h.close();
        }
    }

    @Test
    @Timeout(120) // without the sweep, endInput would wait for the stuck call for ever
    void anAnswerThatNeverComesFallsBackWithoutAnOperatorTimeout() throws Exception {
        AtomicLong nanos = new AtomicLong();
        CountDownLatch stuck = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean first = new AtomicBoolean(true);
        Hooked hangsOnce = new Hooked() {
            @Override
            void before() {
                if (first.compareAndSet(true, false)) {
                    stuck.countDown();
                    try {
                        release.await(); // until the test ends
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        };
        ModelSettings deadline50 = settings(2, 256, 0).toBuilder().timeoutMillis(50).build();
        RankerWith ranker = new RankerWith(hangsOnce, deadline50) {
            @Override
            protected long nanoTime() {
                return nanos.get();
            }
        };
        AsyncHarness<CandidateList> h = new AsyncHarness<>(ranker, CandidateList.class, 0).open();
        try {
            h.harness.processElement(fourCandidates("stuck"), 1L);
            assertThat(stuck.await(30, TimeUnit.SECONDS)).as("the model call hangs").isTrue();
            nanos.set(TimeUnit.MILLISECONDS.toNanos(51)); // past the deadline by the function's clock
            h.harness.processElement(fourCandidates("next"), 2L);
            h.harness.endInput(); // no operator timeout: only the sweep can complete "stuck"

            List<CandidateList> out = h.harness.extractOutputValues();
            assertThat(out).extracting(l -> l.user).containsExactly("stuck", "next");
            assertThat(out.get(0).rankedBy).isEqualTo("blend");
            assertThat(out.get(0).items).containsExactly(fourCandidates("stuck").items);
            assertThat(out.get(1).rankedBy).as("the stream goes on").isEqualTo("ranking-v1");
            assertThat(h.count("recstream.ranker.fallbacks")).isEqualTo(1);
            assertThat(h.count("recstream.ranker.scored")).isEqualTo(1);
        } finally {
            release.countDown();
            h.close();
        }
        assertThat(h.count("recstream.ranker.fallbacks")).as("the late answer is dropped, counted once").isEqualTo(1);
    }

    @Test
    void aFailingModelFallsBackToTheBlendOrder() throws Exception {
        Hooked failing = new Hooked() {
            @Override
            void before() {
                throw new IllegalStateException("ONNX Runtime exploded");
            }
        };
        try (AsyncHarness<CandidateList> h = new AsyncHarness<>(new RankerWith(failing, settings(1, 256, 0)),
                CandidateList.class).open()) {
            h.harness.processElement(fourCandidates("u1"), 1L);
            h.harness.processElement(fourCandidates("u2"), 2L);
            h.harness.endInput();
            List<CandidateList> out = h.harness.extractOutputValues();
            assertThat(out).extracting(l -> l.user).containsExactly("u1", "u2");
            assertThat(out).allSatisfy(l -> {
                assertThat(l.rankedBy).isEqualTo("blend");
                assertThat(l.items).containsExactly("i1", "i4", "i3", "i2");
            });
            assertThat(h.count("recstream.ranker.fallbacks")).isEqualTo(2);
            assertThat(h.count("recstream.ranker.scored")).isZero();
        }
    }

    @Test
    void malformedListsAndNonFiniteScoresFallBackAndEmptyListsPassUntouched() throws Exception {
        Hooked counting = new Hooked() {
            @Override
            void before() {}
        };
        CandidateList malformed = fourCandidates("malformed");
        malformed.features = Arrays.copyOf(malformed.features, 3 * F);
        CandidateList withNaN = fourCandidates("nan");
        withNaN.features[RankingFeatures.FACTOR] = Float.NaN;
        CandidateList empty = list("empty", new String[0]);
        try (AsyncHarness<CandidateList> h = new AsyncHarness<>(new RankerWith(counting, settings(1, 256, 0)),
                CandidateList.class).open()) {
            h.harness.processElement(malformed, 1L);
            h.harness.processElement(withNaN, 2L);
            h.harness.processElement(empty, 3L);
            h.harness.processElement(fourCandidates("fine"), 4L);
            h.harness.endInput();
            List<CandidateList> out = h.harness.extractOutputValues();
            assertThat(out).extracting(l -> l.user).containsExactly("malformed", "nan", "empty", "fine");
            assertThat(out).extracting(l -> l.rankedBy).containsExactly("blend", "blend", "blend", "ranking-v1");
            assertThat(out.get(1).items).containsExactly("i1", "i4", "i3", "i2");
            assertThat(counting.calls.get()).as("no model call for the malformed or empty list").isEqualTo(2);
            assertThat(h.count("recstream.ranker.fallbacks")).isEqualTo(2);
            assertThat(h.count("recstream.ranker.scored")).isEqualTo(1);
        }
    }

    @Test
    void aMissingModelFailsAtStartUp() throws Exception {
        AsyncHarness<CandidateList> h = new AsyncHarness<>(
                new AsyncRanker(ModelSettings.of("/nowhere/ranking-v9.onnx")), CandidateList.class);
        assertThatThrownBy(h::open)
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("/nowhere/ranking-v9.onnx");
        h.close();
    }
}
