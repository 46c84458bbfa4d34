package io.recstream.job;

import io.recstream.functions.ModelSettings;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.ReadableConfig;

import java.time.Duration;

/**
 * The two model stages, each an async operator around an ONNX model run by DJL: the intent model
 * on search events and the ranking model on candidate lists. Both fall back (no intent; the
 * blend order) when the model is late or fails, counted in recstream.{intent,ranker}.fallbacks.
 * New versions come from the model store (docs/ARCHITECTURE.md, "Model lifecycle").
 */
public final class ModelOptions {
    private ModelOptions() {}

    public static final ConfigOption<Boolean> RANKER_ENABLED = ConfigOptions.key("recstream.ranker.enabled")
            .booleanType().defaultValue(true)
            .withDescription("Re-rank candidate lists with the ONNX ranking model (off: lists keep the blend order). "
                    + "The default model, trained on the first half of ml-latest-small only, keeps recall@10 on its "
                    + "second half and raises it on the synthetic clickstreams measured (docs/QUALITY.md).");
    public static final ConfigOption<String> RANKER_MODEL = ConfigOptions.key("recstream.ranker.model")
            .stringType().defaultValue("classpath:models/ranking-v6.onnx")
            .withDescription("Ranking model: classpath:<resource> or a file path (its .json beside it).");
    public static final ConfigOption<String> EXAMPLES_TOPIC = ConfigOptions.key("recstream.ranker.examples.topic")
            .stringType().defaultValue("")
            .withDescription("Topic the job writes ranking examples to: the lists of a sample of users, their candidates' "
                    + "features in blend order (binary, key = user), which ./recstream train-ranker --topic trains on. "
                    + "Empty: none (the user-learner then holds no sampler: one null check per event).");
    public static final ConfigOption<Double> EXAMPLES_SAMPLE_RATE = ConfigOptions.key("recstream.ranker.examples.sample-rate")
            .doubleType().defaultValue(0.01)
            .withDescription("Share of users, chosen by id, all of whose lists are written to recstream.ranker.examples.topic. "
                    + "A list of 30 candidates is ~2.6 KB, so 0.01 adds ~26 bytes per event on average (models/README.md).");
    public static final ConfigOption<Boolean> INTENT_ENABLED = ConfigOptions.key("recstream.intent.enabled")
            .booleanType().defaultValue(true).withDescription("Classify search text with the ONNX intent model.");
    public static final ConfigOption<String> INTENT_MODEL = ConfigOptions.key("recstream.intent.model")
            .stringType().defaultValue("classpath:models/intent-synthetic.onnx")
            .withDescription("Intent model: classpath:<resource> or a file path (its .labels.txt and .json beside it).");
    public static final ConfigOption<String> MODELS_TOPIC = ConfigOptions.key("recstream.models.topic")
            .stringType().defaultValue("models")
            .withDescription("Model store: compacted topic of model versions (key = model name: ranking, intent); "
                    + "an accepted version serves without a restart. Empty: the configured models only.");
    public static final ConfigOption<Duration> TIMEOUT = ConfigOptions.key("recstream.models.timeout")
            .durationType().defaultValue(Duration.ofMillis(200))
            .withDescription("A model answer later than this is dropped and the element passes unchanged.");
    public static final ConfigOption<Integer> CAPACITY = ConfigOptions.key("recstream.models.capacity")
            .intType().defaultValue(256).withDescription("In-flight elements per async model operator (back-pressure beyond).");
    public static final ConfigOption<Integer> POOL_SIZE = ConfigOptions.key("recstream.models.pool-size")
            .intType().defaultValue(1).withDescription("Model calls at once (DJL predictors for the intent model; batching threads) per model operator.");
    public static final ConfigOption<Integer> INTRA_OP_THREADS = ConfigOptions.key("recstream.models.intra-op-threads")
            .intType().defaultValue(1).withDescription("ONNX Runtime threads per model call: 1 suits a shared TaskManager.");
    public static final ConfigOption<Integer> MAX_BATCH_ROWS = ConfigOptions.key("recstream.models.max-batch-rows")
            .intType().defaultValue(256).withDescription("Rows of concurrent requests merged into one model call.");
    public static final ConfigOption<Duration> MAX_BATCH_DELAY = ConfigOptions.key("recstream.models.max-batch-delay")
            .durationType().defaultValue(Duration.ofMillis(2)).withDescription("Longest a request waits for its batch to fill.");

    public static ModelSettings settings(ReadableConfig c, ConfigOption<String> model) {
        return ModelSettings.builder(c.get(model))
                .poolSize(c.get(POOL_SIZE))
                .intraOpThreads(c.get(INTRA_OP_THREADS))
                .maxBatchRows(c.get(MAX_BATCH_ROWS))
                .maxBatchDelayMillis(c.get(MAX_BATCH_DELAY).toMillis())
                .timeoutMillis(c.get(TIMEOUT).toMillis())
                .build();
    }
}
