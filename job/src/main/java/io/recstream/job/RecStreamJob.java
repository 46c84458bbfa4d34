package io.recstream.job;

import io.recstream.event.DeadLetter;
import io.recstream.event.Event;
import io.recstream.event.EventLimits;
import io.recstream.event.EventSerializer;
import io.recstream.event.EventValidation;
import io.recstream.experiment.BucketMetrics;
import io.recstream.experiment.BucketWindows;
import io.recstream.experiment.Experiment;
import io.recstream.experiment.StickinessCombiner;
import io.recstream.experiment.StickinessCounts;
import io.recstream.functions.AsyncIntent;
import io.recstream.functions.AsyncRanker;
import io.recstream.functions.BatchedModelFunction;
import io.recstream.functions.ItemFactorBatcher;
import io.recstream.functions.ItemLearner;
import io.recstream.functions.ItemUpdateAccumulator;
import io.recstream.functions.LiveLists;
import io.recstream.functions.ModelSettings;
import io.recstream.functions.ModelStamper;
import io.recstream.functions.ModelValidator;
import io.recstream.functions.OutcomeTally;
import io.recstream.functions.QualityCheck;
import io.recstream.functions.RecommendationPublisher;
import io.recstream.functions.RecommendationPublisherOperator;
import io.recstream.functions.RetrainingRanker;
import io.recstream.functions.UserLearner;
import io.recstream.functions.UserLearnerOperator;
import io.recstream.job.postgres.PostgresSink;
import io.recstream.learn.LearningConfig;
import io.recstream.model.ItemFactor;
import io.recstream.model.ItemFactorBatch;
import io.recstream.model.ItemUpdate;
import io.recstream.models.ModelKind;
import io.recstream.models.ModelVersion;
import io.recstream.ranking.ExampleSampler;
import io.recstream.ranking.ModelSwap;
import io.recstream.ranking.RankingTrainer;
import io.recstream.recommend.CheckpointOutcomes;
import io.recstream.recommend.QualityOutcome;
import io.recstream.recommend.Recommendation;
import io.recstream.recommend.CandidateList;
import io.recstream.recommend.PublishRule;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The RecStream data flow (see docs/ARCHITECTURE.md), built from its sources and sinks so that the cluster
 * entry point, the local modes and the tests all run the same graph:
 *
 * <pre>
 * events ─► validation ─► (dead letters ─► events-dlq)
 *              │
 *              ▼
 *         model-stamper ◄── broadcast ── model-validator ◄── models source (the model store)
 *              ▼
 *   (search events ─► intent-model, async ONNX)
 * keyBy(user) user-learner ◄── broadcast ── batcher ◄── item-factors source
 *   ├─ item updates ─► accumulator ─► keyBy(item) item-learner ─► item-factors sink ─┘ (the Kafka loop)
 *   ├─ quality outcomes (test-then-train, for the local modes)
 *   ├─ sampled users' lists, in blend order ─► ranking-examples sink (when its topic is set)
 *   └─ candidate lists ─► (ranking-model, async ONNX; evaluation: or retraining-ranker) ─► recommendation-publisher (same chain; retraining: keyBy(user))
 *                                                        ─► recommendations sink
 *                                                        ─► postgres sink (when recstream.postgres.url is set)
 *                                                        └─ stickiness ─► combiner ─► keyBy(bucket)
 *                                                           stickiness-windows ─► metrics sink
 * </pre>
 *
 * Users are scored in experiment buckets ({@link ExperimentOptions}); with none configured, in one.
 *
 * Operator uids are part of the savepoint contract: never change them.
 */
public final class RecStreamJob {
    /** Feed batches: a few milliseconds of published items, bounded in size (see ItemFactorBatcher). */
    private static final int FEED_BATCH_ITEMS = 1000;
    private static final Duration FEED_BATCH_DELAY = Duration.ofMillis(5);

    private final Source<byte[], ?, ?> events;
    private final Source<ItemFactor, ?, ?> itemFactors;
    private final Source<byte[], ?, ?> models;
    private final Sink<ItemFactor> itemFactorSink;
    private final Sink<Recommendation> recommendationSink;
    private final Sink<DeadLetter> deadLetterSink;
    private final Sink<BucketMetrics> metricsSink;
    private final Sink<byte[]> rankingExampleSink;
    private final ReadableConfig config;
    private final boolean evaluation;
    private final int retrainEvery;

    private RecStreamJob(Builder b) {
        this.events = b.events;
        this.itemFactors = b.itemFactors;
        this.models = b.models;
        this.itemFactorSink = b.itemFactorSink;
        this.recommendationSink = b.recommendationSink;
        this.deadLetterSink = b.deadLetterSink;
        this.metricsSink = b.metricsSink;
        this.rankingExampleSink = b.rankingExampleSink;
        this.config = b.config;
        this.evaluation = b.evaluation;
        this.retrainEvery = b.retrainEvery;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Adds the graph to {@code env}; returns the streams the local modes observe. Two settings are
     * the graph's own, whatever the configuration says. Generic types are disabled: a record or
     * state type that fell back to Kryo would be slow on every event and unversioned in every
     * savepoint, so it must fail when the graph is built, not run. Object reuse is on: chained
     * operators hand each other their records instead of a serializer's copy of each (the
     * user-learner's ~31 item updates per event above all), which is safe because no operator of
     * this graph keeps, changes or re-emits a record it was handed or one it has sent on
     * (docs/ARCHITECTURE.md, "Object reuse").
     */
    public Outputs build(StreamExecutionEnvironment env) {
        env.configure(new Configuration().set(PipelineOptions.GENERIC_TYPES, false).set(PipelineOptions.OBJECT_REUSE, true));
        LearningConfig learning = LearningOptions.toLearningConfig(config);
        Experiment experiment = ExperimentOptions.toExperiment(config);

        SingleOutputStreamOperator<Event> validated = env
                .fromSource(events, sourceWatermarks(config), "events-source").uid("events-source")
                .process(new EventValidation(eventLimits(config))).uid("event-validation").name("event-validation");
        SingleOutputStreamOperator<Event> timedEvents = validated
                .assignTimestampsAndWatermarks(WatermarkStrategy
                        .<Event>forBoundedOutOfOrderness(config.get(RecStreamOptions.MAX_OUT_OF_ORDERNESS))
                        .withTimestampAssigner((event, previous) -> event.ts)
                        .withIdleness(Duration.ofMinutes(1)))
                .uid("event-watermarks").name("event-watermarks");
        validated.getSideOutput(EventValidation.DEAD_LETTERS)
                .sinkTo(deadLetterSink).uid("dead-letter-sink").name("events-dlq");

        // No broadcast state: the user-learner checkpoints its replica itself (see UserLearner).
        DataStream<ItemFactorBatch> replicaFeed = env
                .fromSource(itemFactors, feedWatermarks(), "item-factors-source").uid("item-factors-source")
                .transform("item-factors-batcher", TypeInformation.of(ItemFactorBatch.class),
                        new ItemFactorBatcher(FEED_BATCH_ITEMS, FEED_BATCH_DELAY.toMillis()))
                .uid("item-factors-batcher")
                .broadcast();

        SingleOutputStreamOperator<Event> events = models == null ? timedEvents : stampedWithLiveModels(env, timedEvents, experiment);
        if (config.get(ModelOptions.INTENT_ENABLED)) {
            events = throughModel(events, new AsyncIntent(ModelOptions.settings(config, ModelOptions.INTENT_MODEL)), "intent-model");
        }

        UserLearner userLearner = new UserLearner(learning, experiment, evaluation, config.get(RecStreamOptions.USER_STATE_TTL),
                config.get(RecStreamOptions.ITEM_STATE_TTL));
        if (rankingExampleSink != null) {
            userLearner.writeRankingExamples(new ExampleSampler(config.get(ModelOptions.EXAMPLES_SAMPLE_RATE)));
        }
        // Only this edge carries the events in their own format: the intent model's state of in-flight
        // events (savepoints hold it) is its input's, a POJO as it always was (see EventSerializer).
        SingleOutputStreamOperator<CandidateList> learned = events.returns(EventSerializer.TYPE)
                .keyBy(event -> event.userId)
                .connect(replicaFeed)
                // Flink's broadcast operator with hooks for the learner's profile cache (see UserLearnerOperator)
                .transform("user-learner", TypeInformation.of(CandidateList.class), new UserLearnerOperator(userLearner,
                        config.get(RecStreamOptions.USER_STATE_CACHE), config.get(RecStreamOptions.USER_STATE_WRITE_BEHIND).toMillis(),
                        config.get(RecStreamOptions.USER_STATE_CACHE_KEEP).toMillis()))
                .uid("user-learner");
        if (rankingExampleSink != null) {
            // chained to the user-learner: only sampled lists are encoded, and a user's stay in order
            learned.getSideOutput(UserLearner.RANKING_EXAMPLES)
                    .sinkTo(rankingExampleSink).uid("ranking-examples-sink").name("ranking-examples");
        }

        // Summed per item in the user-learner's chain, so one record per item and flush crosses the network.
        DataStream<ItemUpdate> itemUpdates = learned.getSideOutput(UserLearner.ITEM_UPDATES)
                .transform("item-update-accumulator", TypeInformation.of(ItemUpdate.class),
                        new ItemUpdateAccumulator(learning, config.get(RecStreamOptions.ITEM_UPDATE_MAX_ITEMS),
                                config.get(RecStreamOptions.ITEM_UPDATE_DELAY).toMillis()))
                .uid("item-update-accumulator");
        itemUpdates
                .keyBy(update -> update.item)
                .transform("item-learner", TypeInformation.of(ItemFactor.class),
                        new ItemLearner(learning, config.get(RecStreamOptions.ITEM_PUBLISH_INTERVAL).toMillis(),
                                config.get(RecStreamOptions.ITEM_FACTOR_PUBLISH_INTERVAL).toMillis(),
                                config.get(RecStreamOptions.ITEM_STATE_TTL).toMillis()))
                .uid("item-learner")
                .sinkTo(itemFactorSink).uid("item-factors-sink").name("item-factors");

        int[] topKByBucket = new int[experiment.size()];
        for (int b = 0; b < topKByBucket.length; b++) {
            topKByBucket[b] = experiment.bucket(b).scoring.topK;
        }
        DataStream<CandidateList> ranked = learned;
        DataStream<ModelSwap> modelSwaps = null;
        if (retrainEvery > 0) {
            SingleOutputStreamOperator<CandidateList> retraining = learned
                    .process(new RetrainingRanker(retrainEvery, RankingTrainer.Settings.defaults()))
                    .setParallelism(1).uid("retraining-ranker").name("retraining-ranker");
            ranked = retraining;
            modelSwaps = retraining.getSideOutput(RetrainingRanker.SWAPS);
        } else if (experiment.anyRanked()) {
            boolean[] rankedBuckets = new boolean[experiment.size()];
            for (int b = 0; b < rankedBuckets.length; b++) {
                rankedBuckets[b] = experiment.bucket(b).ranked;
            }
            ranked = throughModel(learned, new AsyncRanker(ModelOptions.settings(config, ModelOptions.RANKER_MODEL), rankedBuckets, topKByBucket),
                    "ranking-model");
        }

        // Evaluation lists carry the item the user went on to touch; live lists are published.
        DataStream<CandidateList> evaluatedLists = ranked.filter(list -> list.target != null)
                .uid("evaluated-lists").name("evaluated-lists");
        DataStream<QualityOutcome> quality = evaluatedLists
                .map(new QualityCheck(learning.topK)).uid("quality-check").name("quality-check")
                .union(learned.getSideOutput(UserLearner.QUALITY));

        DataStream<CandidateList> liveLists = ranked.flatMap(new LiveLists(topKByBucket)).uid("live-lists").name("live-lists");
        // A list is made in the subtask that owns its user, so from the user-learner's chain it is
        // already partitioned as keyBy(user) would: the publisher joins that chain (no list crosses
        // the network). The retraining ranker runs at parallelism 1, so its lists are keyed again.
        KeyedStream<CandidateList, Long> byUser = retrainEvery > 0
                ? liveLists.keyBy(list -> list.userId)
                : DataStreamUtils.reinterpretAsKeyedStream(liveLists, list -> list.userId, Types.LONG);
        SingleOutputStreamOperator<Recommendation> recommendations = byUser
                // Flink's keyed process operator with hooks for the publisher's cache (see RecommendationPublisherOperator)
                .transform("recommendation-publisher", TypeInformation.of(Recommendation.class), new RecommendationPublisherOperator(
                        new RecommendationPublisher(config.get(RecStreamOptions.MODEL_VERSION), experiment.maxTopK(),
                                config.get(RecStreamOptions.USER_STATE_TTL), publishRule(config), experiment.names()),
                        config.get(RecStreamOptions.USER_STATE_CACHE), config.get(RecStreamOptions.USER_STATE_WRITE_BEHIND).toMillis(),
                        config.get(RecStreamOptions.USER_STATE_CACHE_KEEP).toMillis()))
                .uid("recommendation-publisher");
        recommendations.sinkTo(recommendationSink).uid("recommendations-sink").name("recommendations");
        if (!config.get(PostgresOptions.URL).isEmpty()) {
            recommendations.sinkTo(new PostgresSink(config)).uid("postgres-sink").name("postgres");
        }

        DataStream<BucketMetrics> stickiness = stickiness(recommendations, experiment);
        stickiness.sinkTo(metricsSink).uid("metrics-sink").name("recstream-metrics");

        return new Outputs(quality, evaluation ? null : learned.getSideOutput(UserLearner.QUALITY), recommendations,
                evaluatedLists, stickiness, modelSwaps);
    }

    /**
     * Per bucket and event-time window, what users did with their lists (docs/EXPERIMENTS.md):
     * counted per publisher subtask in its chain, then summed per bucket. Tumbling windows count
     * every event once, so windows add up to days; event time makes a replay give the same figures.
     */
    private DataStream<BucketMetrics> stickiness(SingleOutputStreamOperator<Recommendation> recommendations, Experiment experiment) {
        Duration window = config.get(ExperimentOptions.WINDOW);
        return recommendations.getSideOutput(RecommendationPublisher.STICKINESS)
                .transform("stickiness-combiner", TypeInformation.of(StickinessCounts.class),
                        new StickinessCombiner(experiment.names(), window.toMillis()))
                .uid("stickiness-combiner")
                .keyBy(counts -> counts.bucket)
                .window(TumblingEventTimeWindows.of(window))
                .reduce(new BucketWindows.Sum(), new BucketWindows(experiment.names()), TypeInformation.of(BucketMetrics.class))
                .uid("stickiness-windows").name("stickiness-windows");
    }

    private static PublishRule publishRule(ReadableConfig config) {
        return new PublishRule(config.get(RecStreamOptions.PUBLISH_MIN_CHANGED_ITEMS), config.get(RecStreamOptions.PUBLISH_TOP_ITEMS));
    }

    /**
     * The model store (docs/ARCHITECTURE.md, "Model lifecycle"): its records are checked once,
     * at parallelism 1, and the accepted versions broadcast to the stamper, which marks every
     * event with the live version of each model; the async model stages (intent here, ranking
     * after the user-learner, which copies the mark into the list) answer with that version.
     * The stamper joins the events as a second input, so it starts a chain: the events, small,
     * cross one local hop there instead of the candidate lists before the ranker.
     */
    private SingleOutputStreamOperator<Event> stampedWithLiveModels(StreamExecutionEnvironment env, DataStream<Event> events,
                                                                   Experiment experiment) {
        BroadcastStream<ModelVersion> accepted = env
                .fromSource(models, feedWatermarks(), "models-source").uid("models-source").setParallelism(1)
                .process(new ModelValidator()).uid("model-validator").name("model-validator").setParallelism(1)
                .broadcast(ModelStamper.LIVE_VERSIONS);
        Map<ModelKind, ModelSettings> enabled = new EnumMap<>(ModelKind.class);
        if (experiment.anyRanked()) {
            enabled.put(ModelKind.RANKING, ModelOptions.settings(config, ModelOptions.RANKER_MODEL));
        }
        if (config.get(ModelOptions.INTENT_ENABLED)) {
            enabled.put(ModelKind.INTENT, ModelOptions.settings(config, ModelOptions.INTENT_MODEL));
        }
        return events.connect(accepted).process(new ModelStamper(enabled)).uid("model-stamper").name("model-stamper");
    }

    /**
     * With a source drift set, partitions are kept in step by record time: without it a replay
     * (or a catch-up after downtime) lets one partition's users learn from a model years ahead of
     * another's (ml-latest-small replayed from 4 partitions at parallelism 4: recall@10 0.092
     * without, 0.130 with a 1 h drift).
     */
    private static WatermarkStrategy<byte[]> sourceWatermarks(ReadableConfig config) {
        Duration drift = config.get(RecStreamOptions.MAX_SOURCE_DRIFT);
        if (drift.isZero()) {
            return WatermarkStrategy.noWatermarks();
        }
        return WatermarkStrategy.<byte[]>forBoundedOutOfOrderness(config.get(RecStreamOptions.MAX_OUT_OF_ORDERNESS))
                .withWatermarkAlignment("events", drift, Duration.ofSeconds(1))
                .withIdleness(Duration.ofMinutes(1));
    }

    /**
     * The item-factors feed and the model store have no event time of their own, and say so
     * with the greatest watermark: an operator's event time is the least of its inputs', so a
     * feed without watermarks would hold the user-learner's, and downstream the item-learner's
     * expiry, at the beginning of time.
     */
    private static <T> WatermarkStrategy<T> feedWatermarks() {
        return WatermarkStrategy.forGenerator(context -> new WatermarkGenerator<>() {
            @Override
            public void onEvent(T record, long timestamp, WatermarkOutput output) {}

            @Override
            public void onPeriodicEmit(WatermarkOutput output) {
                output.emitWatermark(new Watermark(Long.MAX_VALUE));
            }
        });
    }

    /**
     * An async model stage: ordered, bounded in flight, and timed out into its fallback by the
     * function itself (no operator timeout: that would be a timer per element on the task thread).
     */
    private <T> SingleOutputStreamOperator<T> throughModel(DataStream<T> input, BatchedModelFunction<T, ?, ?, ?> model, String uid) {
        return AsyncDataStream.orderedWait(input, model, 0, TimeUnit.MILLISECONDS, config.get(ModelOptions.CAPACITY))
                .uid(uid).name(uid);
    }

    static EventLimits eventLimits(ReadableConfig config) {
        return EventLimits.builder()
                .maxQueryLength(config.get(RecStreamOptions.MAX_QUERY_LENGTH))
                .maxClockSkew(config.get(RecStreamOptions.MAX_CLOCK_SKEW))
                .build();
    }

    /** Streams of the built graph that the local modes and tests look at. */
    public static final class Outputs {
        public final DataStream<QualityOutcome> quality;
        /** Live mode: the learner's outcomes, which are all of {@link #quality} there; null in evaluation. */
        private final DataStream<QualityOutcome> learnerQuality;
        public final DataStream<Recommendation> recommendations;
        /** Evaluation mode: each evaluated event's ranked candidates, with the target item. */
        public final DataStream<CandidateList> evaluatedLists;
        /** Each experiment bucket's stickiness per window, as on the metrics topic. */
        public final DataStream<BucketMetrics> stickiness;
        /** Evaluation with retraining: the retraining stage's model swaps; otherwise null. */
        public final DataStream<ModelSwap> modelSwaps;

        Outputs(DataStream<QualityOutcome> quality, DataStream<QualityOutcome> learnerQuality,
                DataStream<Recommendation> recommendations, DataStream<CandidateList> evaluatedLists,
                DataStream<BucketMetrics> stickiness, DataStream<ModelSwap> modelSwaps) {
            this.quality = quality;
            this.learnerQuality = learnerQuality;
            this.recommendations = recommendations;
            this.evaluatedLists = evaluatedLists;
            this.stickiness = stickiness;
            this.modelSwaps = modelSwaps;
        }

        /**
         * Live mode: {@link #quality} summed per learner subtask and checkpoint in the learner's
         * chain ({@link OutcomeTally}), for a reader that needs counts, not each outcome. Adds the
         * operator to the graph, so call it once, and only in a local run.
         */
        public DataStream<CheckpointOutcomes> qualityPerCheckpoint() {
            if (learnerQuality == null) {
                throw new IllegalStateException("evaluation outcomes come from the ranked lists too: collect quality instead");
            }
            return learnerQuality
                    .transform("outcome-tally", TypeInformation.of(CheckpointOutcomes.class), new OutcomeTally())
                    .setParallelism(learnerQuality.getParallelism())
                    .uid("outcome-tally");
        }
    }

    public static final class Builder {
        private Source<byte[], ?, ?> events;
        private Source<ItemFactor, ?, ?> itemFactors;
        private Source<byte[], ?, ?> models;
        private Sink<ItemFactor> itemFactorSink;
        private Sink<Recommendation> recommendationSink;
        private Sink<DeadLetter> deadLetterSink;
        private Sink<BucketMetrics> metricsSink;
        private Sink<byte[]> rankingExampleSink;
        private ReadableConfig config;
        private boolean evaluation;
        private int retrainEvery;

        public Builder events(Source<byte[], ?, ?> v) { events = v; return this; }
        public Builder itemFactors(Source<ItemFactor, ?, ?> v) { itemFactors = v; return this; }
        /** The model store's records; without it the job serves the configured models only. */
        public Builder models(Source<byte[], ?, ?> v) { models = v; return this; }
        public Builder itemFactorSink(Sink<ItemFactor> v) { itemFactorSink = v; return this; }
        public Builder recommendationSink(Sink<Recommendation> v) { recommendationSink = v; return this; }
        public Builder deadLetterSink(Sink<DeadLetter> v) { deadLetterSink = v; return this; }
        public Builder metricsSink(Sink<BucketMetrics> v) { metricsSink = v; return this; }
        /** Ranking examples of sampled users (recstream.ranker.examples.*); null (the default): none. */
        public Builder rankingExampleSink(Sink<byte[]> v) { rankingExampleSink = v; return this; }
        public Builder config(ReadableConfig v) { config = v; return this; }
        /** Evaluation mode: rank every known item before learning and publish no lists. */
        public Builder evaluation(boolean v) { evaluation = v; return this; }
        /**
         * Evaluation only: rank with a model retrained every {@code n} evaluated lists on earlier
         * events (RetrainingRanker) instead of the ONNX ranking model; 0 (the default) for none.
         */
        public Builder retrainEvery(int n) { retrainEvery = n; return this; }

        /** All sources and sinks from Kafka, as configured (the model store when its topic is set). */
        public Builder kafka(io.recstream.job.kafka.KafkaConnectors kafka) {
            return models(kafka.models()).events(kafka.events()).itemFactors(kafka.itemFactors()).itemFactorSink(kafka.itemFactorSink())
                    .recommendationSink(kafka.recommendations()).deadLetterSink(kafka.deadLetters())
                    .metricsSink(kafka.metrics()).rankingExampleSink(kafka.rankingExamples());
        }

        public RecStreamJob build() {
            if (events == null || itemFactors == null || itemFactorSink == null || recommendationSink == null
                    || deadLetterSink == null || metricsSink == null || config == null) {
                throw new IllegalStateException("events, itemFactors, the four sinks and config are all required");
            }
            if (retrainEvery < 0 || (retrainEvery > 0 && !evaluation)) {
                throw new IllegalStateException("retraining is for evaluation only, every n > 0 lists; was " + retrainEvery);
            }
            return new RecStreamJob(this);
        }
    }
}
