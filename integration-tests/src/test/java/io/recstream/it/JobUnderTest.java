package io.recstream.it;

import io.recstream.job.LearningOptions;
import io.recstream.job.ModelOptions;
import io.recstream.job.RecStreamOptions;
import io.recstream.job.local.EmbeddedKafka;
import io.recstream.job.local.LocalFlink;
import io.recstream.job.local.LocalRun;
import io.recstream.recommend.QualityOutcome;

import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.configuration.Configuration;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real job on a local MiniCluster, configured like production (the project's
 * flink-conf/config.yaml: RocksDB, incremental exactly-once checkpoints), reading and writing
 * the embedded Kafka broker, with its quality outcomes collected so a test knows how many events
 * the job has processed.
 */
final class JobUnderTest implements AutoCloseable {
    private final LocalRun run;
    private final List<QualityOutcome> outcomes = new ArrayList<>();

    private JobUnderTest(LocalRun run) {
        this.run = run;
    }

    /** Options every test run shares; topics get a prefix so tests never see each other's data. */
    static Configuration configuration(EmbeddedKafka kafka, Path scratch, String topicPrefix, int parallelism) throws Exception {
        Configuration conf = LocalFlink.baseConfiguration(Path.of("..", "flink-conf"), scratch);
        conf.set(RecStreamOptions.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
        conf.set(RecStreamOptions.EVENTS_TOPIC, topicPrefix + "events");
        conf.set(RecStreamOptions.DEAD_LETTER_TOPIC, topicPrefix + "events-dlq");
        conf.set(RecStreamOptions.ITEM_FACTORS_TOPIC, topicPrefix + "item-factors");
        conf.set(RecStreamOptions.RECOMMENDATIONS_TOPIC, topicPrefix + "recommendations");
        conf.set(RecStreamOptions.METRICS_TOPIC, topicPrefix + "recstream-metrics");
        conf.set(ModelOptions.MODELS_TOPIC, topicPrefix + "models");
        conf.set(RecStreamOptions.GROUP_ID, topicPrefix + "recstream");
        conf.set(RecStreamOptions.TRANSACTIONAL_ID_PREFIX, topicPrefix + "recstream-tx");
        conf.set(RecStreamOptions.ITEM_PUBLISH_INTERVAL, Duration.ofMillis(50));
        conf.setString("execution.checkpointing.interval", "1s");
        conf.setString("restart-strategy.type", "none"); // a failure must fail the test, not loop
        conf.setString("rest.bind-port", "0"); // a web UI of the machine (a demo on 8081) must not fail a test
        // every changed list is published: these tests follow single events to their lists, and
        // which lists the publisher holds back is RecommendationPublisherTest's and NoFlickerTest's
        conf.set(RecStreamOptions.PUBLISH_MIN_CHANGED_ITEMS, 1);
        conf.set(RecStreamOptions.PUBLISH_TOP_ITEMS, conf.get(LearningOptions.TOP_K));
        conf.setString("parallelism.default", String.valueOf(parallelism));
        LocalRun.createTopics(kafka, conf, parallelism);
        return conf;
    }

    static JobUnderTest start(Configuration conf) throws Exception {
        return new JobUnderTest(LocalRun.start(conf, false, false));
    }

    /**
     * Blocks until the job has processed {@code events} valid events, or fails at the deadline.
     * Outcomes are released per checkpoint, so each wait is at most a checkpoint interval.
     */
    List<QualityOutcome> awaitProcessed(long events, Duration deadline) {
        long end = System.nanoTime() + deadline.toNanos();
        while (outcomes.size() < events) {
            if (System.nanoTime() > end) {
                throw new AssertionError("job processed " + outcomes.size() + " of " + events + " events before the deadline");
            }
            if (run.quality().hasNext()) {
                outcomes.add(run.quality().next());
            }
        }
        return outcomes;
    }

    /** Stops the job with a savepoint in {@code directory}; returns the savepoint's path. */
    String stopWithSavepoint(Path directory) throws Exception {
        return run.job().stopWithSavepoint(false, directory.toUri().toString(), SavepointFormatType.CANONICAL)
                .get(2, TimeUnit.MINUTES);
    }

    JobID jobId() {
        return run.job().getJobID();
    }

    JobStatus status() throws Exception {
        return run.job().getJobStatus().get(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        run.close();
    }
}
