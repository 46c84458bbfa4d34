package io.recstream.job.local;

import io.recstream.job.ModelOptions;
import io.recstream.job.RecStreamJob;
import io.recstream.job.RecStreamOptions;
import io.recstream.job.kafka.KafkaConnectors;
import io.recstream.job.kafka.ModelStore;
import io.recstream.ranking.ModelSwap;
import io.recstream.recommend.CandidateList;
import io.recstream.recommend.CheckpointOutcomes;
import io.recstream.recommend.QualityOutcome;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real job on a local MiniCluster against a Kafka cluster (usually {@link EmbeddedKafka}):
 * creates the topics, starts the job, and collects its quality outcomes (or, live, their counts
 * per checkpoint) so the caller knows what the job has processed. Used by the demo, the evaluation and the integration tests.
 */
public final class LocalRun implements AutoCloseable {
    private final JobClient job;
    private final CloseableIterator<QualityOutcome> quality;
    private final CloseableIterator<CheckpointOutcomes> qualityPerCheckpoint;
    private final CloseableIterator<CandidateList> evaluatedLists;
    private final CloseableIterator<ModelSwap> modelSwaps;
    private final int webUiPort;

    private LocalRun(JobClient job, CloseableIterator<QualityOutcome> quality, CloseableIterator<CheckpointOutcomes> qualityPerCheckpoint,
                     CloseableIterator<CandidateList> evaluatedLists, CloseableIterator<ModelSwap> modelSwaps, int webUiPort) {
        this.job = job;
        this.quality = quality;
        this.qualityPerCheckpoint = qualityPerCheckpoint;
        this.evaluatedLists = evaluatedLists;
        this.modelSwaps = modelSwaps;
        this.webUiPort = webUiPort;
    }

    /** Creates the job's topics with {@code partitions} partitions each (dead letters: one). */
    public static void createTopics(EmbeddedKafka kafka, Configuration conf, int partitions) throws Exception {
        createTopics(kafka, conf, partitions, partitions);
    }

    /** As above, with the events topic split into {@code eventPartitions}; and the model store's and the ranking examples' topics, when set. */
    public static void createTopics(EmbeddedKafka kafka, Configuration conf, int eventPartitions, int partitions) throws Exception {
        kafka.createTopics(EmbeddedKafka.recStreamTopics(conf.get(RecStreamOptions.EVENTS_TOPIC),
                conf.get(RecStreamOptions.DEAD_LETTER_TOPIC), conf.get(RecStreamOptions.ITEM_FACTORS_TOPIC),
                conf.get(RecStreamOptions.RECOMMENDATIONS_TOPIC), eventPartitions, partitions));
        kafka.createTopics(java.util.List.of(EmbeddedKafka.topic(conf.get(RecStreamOptions.METRICS_TOPIC), partitions, false)));
        if (!conf.get(ModelOptions.MODELS_TOPIC).isEmpty()) {
            kafka.createTopics(List.of(ModelStore.topic(conf.get(ModelOptions.MODELS_TOPIC))));
        }
        if (!conf.get(ModelOptions.EXAMPLES_TOPIC).isEmpty()) {
            kafka.createTopics(List.of(EmbeddedKafka.topic(conf.get(ModelOptions.EXAMPLES_TOPIC), partitions, false)));
        }
    }

    /**
     * Starts the job. With checkpointing on, quality outcomes are released per completed
     * checkpoint (the collect sink is exactly-once); without, as they are produced.
     */
    public static LocalRun start(Configuration conf, boolean evaluation, boolean webUi) throws Exception {
        return start(conf, evaluation, webUi, false);
    }

    /** As above; with {@code collectLists}, the evaluated candidate lists are collected too. */
    public static LocalRun start(Configuration conf, boolean evaluation, boolean webUi, boolean collectLists) throws Exception {
        return start(conf, evaluation, webUi, collectLists, 0);
    }

    /**
     * As above; with {@code retrainEvery} > 0 (evaluation only) the lists are ranked by a model
     * retrained every so many lists, whose swaps are collected too ({@link #modelSwaps()}).
     */
    public static LocalRun start(Configuration conf, boolean evaluation, boolean webUi, boolean collectLists,
                                 int retrainEvery) throws Exception {
        StreamExecutionEnvironment env = webUi
                ? LocalFlink.withWebUi(conf)
                : StreamExecutionEnvironment.createLocalEnvironment(conf);
        RecStreamJob.Outputs outputs = RecStreamJob.builder()
                .kafka(new KafkaConnectors(conf)).config(conf).evaluation(evaluation).retrainEvery(retrainEvery).build().build(env);
        CloseableIterator<QualityOutcome> quality = outputs.quality.collectAsync();
        CloseableIterator<CandidateList> lists = collectLists ? outputs.evaluatedLists.collectAsync() : null;
        CloseableIterator<ModelSwap> swaps = outputs.modelSwaps != null ? outputs.modelSwaps.collectAsync() : null;
        JobClient job = env.executeAsync(conf.get(RecStreamOptions.JOB_NAME));
        return new LocalRun(job, quality, null, lists, swaps, webUi ? LocalFlink.webUiPort(conf) : -1);
    }

    /**
     * Starts the job live (not evaluation) with its web UI, its quality outcomes summed per learner
     * subtask and checkpoint ({@link #qualityPerCheckpoint()}) instead of collected one by one:
     * for a reader that needs counts, one record per subtask and checkpoint crosses to it.
     */
    public static LocalRun startLiveCounting(Configuration conf) throws Exception {
        StreamExecutionEnvironment env = LocalFlink.withWebUi(conf);
        RecStreamJob.Outputs outputs = RecStreamJob.builder()
                .kafka(new KafkaConnectors(conf)).config(conf).evaluation(false).build().build(env);
        CloseableIterator<CheckpointOutcomes> counts = outputs.qualityPerCheckpoint().collectAsync();
        JobClient job = env.executeAsync(conf.get(RecStreamOptions.JOB_NAME));
        return new LocalRun(job, null, counts, null, null, LocalFlink.webUiPort(conf));
    }

    /**
     * Feeds every element to {@code consumer} until the job ends. A collect iterator fails when
     * its job is cancelled: for a local run that is how it ends, not an error.
     */
    public static <T> void drain(CloseableIterator<T> results, java.util.function.Consumer<T> consumer) {
        try {
            results.forEachRemaining(consumer);
        } catch (RuntimeException jobEnded) {
            // cancelled by close()
        }
    }

    /** The job's quality outcomes; {@code hasNext()} blocks until the next one is released. Null when counting. */
    public CloseableIterator<QualityOutcome> quality() {
        return quality;
    }

    /** Started live counting: the outcomes' counts per learner subtask and checkpoint, released per completed checkpoint. */
    public CloseableIterator<CheckpointOutcomes> qualityPerCheckpoint() {
        return qualityPerCheckpoint;
    }

    /** The evaluated candidate lists, when started to collect them. */
    public CloseableIterator<CandidateList> evaluatedLists() {
        return evaluatedLists;
    }

    /** The retraining stage's model swaps, when started to retrain. */
    public CloseableIterator<ModelSwap> modelSwaps() {
        return modelSwaps;
    }

    public JobClient job() {
        return job;
    }

    public int webUiPort() {
        return webUiPort;
    }

    @Override
    public void close() throws Exception {
        try {
            job.cancel().get(30, TimeUnit.SECONDS);
        } catch (Exception alreadyOver) {
            // a job that failed or finished cannot be cancelled, and needs not be
        }
        if (quality != null) {
            quality.close();
        }
        if (qualityPerCheckpoint != null) {
            qualityPerCheckpoint.close();
        }
        if (evaluatedLists != null) {
            evaluatedLists.close();
        }
        if (modelSwaps != null) {
            modelSwaps.close();
        }
    }
}
