package io.recstream.it;

import io.recstream.event.Event;
import io.recstream.job.ModelOptions;
import io.recstream.job.RecStreamOptions;
import io.recstream.job.cli.PublishModelCommand;
import io.recstream.job.kafka.Json;
import io.recstream.job.kafka.ModelStore;
import io.recstream.recommend.Recommendation;
import io.recstream.synthetic.SyntheticEventGenerator;

import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11, acceptance 4: ranking model v2 is published to the model store mid-stream and serves
 * without a restart (lists before it carry v1, after it v2, and every event's list reaches the
 * publisher); a corrupt v3 is refused (models-refused +1) and v2 keeps serving; a job restored
 * from a stop-with-savepoint serves v2 again, from its state (the store's latest record is v3,
 * and the restored source does not read the store again).
 *
 * <p>Metrics are read through an in-memory reporter. The models' timeout is a minute, so a list
 * falls back to the blend order (no ranking model in its version) only when something is broken.
 */
class ModelHotSwapIT extends EmbeddedKafkaIT {
    private static final int PHASE_EVENTS = 300;
    /**
     * Per wait. Lists become readable when a checkpoint completes; on a machine loaded far beyond
     * its cores (load 50 on 2) two minutes once passed without one.
     */
    private static final Duration DEADLINE = Duration.ofMinutes(4);

    /** The metrics of the running job's MiniCluster (a reporter serves one). */
    private JobMetrics metrics;

    @Test
    @Timeout(1500)
    void aPublishedVersionServesWithoutRestartACorruptOneIsRefusedAndARestoreServesTheLiveOne(@TempDir Path scratch) throws Exception {
        Configuration conf = JobUnderTest.configuration(kafka, scratch.resolve("job"), "swap-", 2);
        conf.set(ModelOptions.RANKER_ENABLED, true); // as by default, with ranking-v1 as the configured version
        conf.set(ModelOptions.RANKER_MODEL, "classpath:models/ranking-v1.onnx");
        conf.set(ModelOptions.TIMEOUT, Duration.ofMinutes(1));
        String learner = conf.get(RecStreamOptions.MODEL_VERSION);
        String events = conf.get(RecStreamOptions.EVENTS_TOPIC);
        // each phase counts every list written: none may be compacted away before it is read
        TopicReader.keepEveryRecord(kafka.bootstrapServers(), conf.get(RecStreamOptions.RECOMMENDATIONS_TOPIC));
        SyntheticEventGenerator generator = SyntheticEventGenerator.builder().users(40).seed(17).build();
        byte[] rankingV1 = resource("models/ranking-v1.onnx");
        String metadataV1 = new String(resource("models/ranking-v1.json"), StandardCharsets.UTF_8);

        String savepoint;
        try (ModelStore store = new ModelStore(kafka.bootstrapServers(), conf.get(ModelOptions.MODELS_TOPIC));
             TopicReader lists = new TopicReader(kafka.bootstrapServers(), conf.get(RecStreamOptions.RECOMMENDATIONS_TOPIC))) {
            metrics = new JobMetrics();
            try (JobUnderTest job = JobUnderTest.start(metrics.addTo(conf))) {
                JobID id = job.jobId();
                List<Recommendation> beforeSwap = phase(job, id, generator, events, lists, 1, 0);
                assertThat(beforeSwap).isNotEmpty().allSatisfy(l -> assertThat(l.modelVersion).isEqualTo(learner + "+ranking-v1"));
                assertThat(metrics.gauges(id, "model-stamper", "live-ranking-model")).containsOnly("configured");

                // v2: the shipped model's bytes under a new version (the version lives in the
                // metadata), published as an operator would, with the CLI
                Path onnx = Files.write(scratch.resolve("ranking-next.onnx"), rankingV1);
                Files.writeString(scratch.resolve("ranking-next.json"), metadataV1);
                assertThat(new CommandLine(new PublishModelCommand()).execute("--name", "ranking", "--onnx", onnx.toString(),
                        "--version", "ranking-v2", "--bootstrap-servers", kafka.bootstrapServers(),
                        "--topic", conf.get(ModelOptions.MODELS_TOPIC))).isZero();
                await(lists, () -> metrics.gauges(id, "model-stamper", "live-ranking-model").equals(List.of("ranking-v2", "ranking-v2")),
                        "every stamper subtask on ranking-v2");
                assertThat(metrics.counter(id, "model-validator", "models-accepted")).isEqualTo(1);
                List<Recommendation> afterSwap = phase(job, id, generator, events, lists, 2, 0);
                assertThat(afterSwap).isNotEmpty().allSatisfy(l -> assertThat(l.modelVersion).isEqualTo(learner + "+ranking-v2"));

                store.publish("ranking", "ranking-v3", "not an ONNX model".getBytes(StandardCharsets.UTF_8), metadataV1);
                await(lists, () -> metrics.counter(id, "model-validator", "models-refused") == 1, "v3 refused");
                List<Recommendation> afterRefusal = phase(job, id, generator, events, lists, 3, 0);
                assertThat(afterRefusal).isNotEmpty().allSatisfy(l -> assertThat(l.modelVersion).isEqualTo(learner + "+ranking-v2"));
                assertThat(metrics.gauges(id, "model-stamper", "live-ranking-model")).containsOnly("ranking-v2");
                assertThat(metrics.counter(id, "model-validator", "models-accepted")).isEqualTo(1);

                savepoint = job.stopWithSavepoint(scratch.resolve("savepoints"));
            }

            Configuration restored = new Configuration(conf);
            restored.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
            // the test's own collect sink (quality outcomes) has no fixed uid
            restored.set(StateRecoveryOptions.SAVEPOINT_IGNORE_UNCLAIMED_STATE, true);
            int listsOfTheFirstRun = lists.pollUntil(r -> true, Duration.ZERO, "").size();
            metrics = new JobMetrics();
            try (JobUnderTest job = JobUnderTest.start(metrics.addTo(restored))) {
                JobID id = job.jobId();
                // the restored collect sink cannot serve this run's client: count lists, not outcomes
                List<Recommendation> afterRestore = phase(null, id, generator, events, lists, 1, listsOfTheFirstRun);
                assertThat(afterRestore).isNotEmpty().allSatisfy(l -> assertThat(l.modelVersion).isEqualTo(learner + "+ranking-v2"));
                assertThat(metrics.gauges(id, "model-stamper", "live-ranking-model")).containsOnly("ranking-v2");
                assertThat(metrics.counter(id, "model-validator", "models-refused")).as("the store is not read again").isZero();
            }
        }
    }

    /**
     * Writes {@link #PHASE_EVENTS} events and waits until the job has processed them (its
     * quality outcomes, when {@code job} is given), every one of their lists has reached the
     * publisher (published or unchanged: one list per event, none lost) and every list the job
     * published since it started ({@code runStart} records into the topic) is readable; returns
     * the lists published in this phase.
     */
    private List<Recommendation> phase(JobUnderTest job, JobID id, SyntheticEventGenerator generator, String topic,
                                       TopicReader lists, int phaseOfRun, int runStart) throws Exception {
        int phaseStart = lists.pollUntil(r -> true, Duration.ZERO, "").size();
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        for (int n = 0; n < PHASE_EVENTS; n++) {
            records.add(TopicReader.eventRecord(topic, generator.next()));
        }
        TopicReader.produce(kafka.bootstrapServers(), topic, records);
        long expected = (long) PHASE_EVENTS * phaseOfRun;
        if (job != null) {
            assertThat(job.awaitProcessed(expected, DEADLINE)).hasSize((int) expected);
        }
        await(lists, () -> metrics.counter(id, "recommendation-publisher", "lists-published")
                + metrics.counter(id, "recommendation-publisher", "lists-unchanged") == expected, expected + " lists at the publisher");
        long published = metrics.counter(id, "recommendation-publisher", "lists-published");
        List<ConsumerRecord<String, byte[]>> all = lists.pollUntil(r -> r.size() - runStart == published,
                DEADLINE, published + " published lists");
        List<Recommendation> phaseLists = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : all.subList(phaseStart, all.size())) {
            phaseLists.add(Json.readOrNull(r.value(), Recommendation.class));
        }
        return phaseLists;
    }

    /** Waits for {@code condition} in the reader's polls (which block up to 200 ms each). */
    private static void await(TopicReader reader, BooleanSupplier condition, String what) {
        reader.pollUntil(records -> condition.getAsBoolean(), DEADLINE, what);
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = ModelHotSwapIT.class.getClassLoader().getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }
}
