package io.recstream.it;

import io.recstream.event.Event;
import io.recstream.job.ModelOptions;
import io.recstream.job.RecStreamOptions;
import io.recstream.job.cli.TrainRankerCommand;
import io.recstream.job.kafka.Json;
import io.recstream.job.kafka.ModelStore;
import io.recstream.job.local.EmbeddedKafka;
import io.recstream.ranking.RankingExample;
import io.recstream.ranking.RankingExampleCodec;
import io.recstream.ranking.RankingLists;
import io.recstream.ranking.RankingModelArtifact;
import io.recstream.ranking.RankingTrainer;
import io.recstream.recommend.RankingFeatures;
import io.recstream.recommend.Recommendation;
import io.recstream.synthetic.SyntheticEventGenerator;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11, build item 2: the running job writes ranking examples to their topic;
 * {@code train-ranker --topic ... --publish} (called as a class) trains on them, beats the live
 * model (the store's: one trained to put the blend's last candidates first, so that a model
 * learnt from the job's examples must beat it) on the most recent held-back lists and publishes
 * to the model store; the running job's lists then carry the new version, without a restart. A
 * second run over the same window trains the same model, which does not beat itself, the store's
 * live version now: nothing is published.
 */
class RankingExamplesIT extends EmbeddedKafkaIT {
    private static final int USERS = 40;
    private static final int TRAINING_EVENTS = 1500;
    private static final int AFTER_SWAP_EVENTS = 200;
    private static final Duration DEADLINE = Duration.ofMinutes(4);

    private final JobMetrics metrics = new JobMetrics();

    @Test
    @Timeout(1500)
    void theJobsExamplesTrainAModelThatWinsIsPublishedAndServesWithoutRestart(@TempDir Path scratch) throws Exception {
        Configuration conf = JobUnderTest.configuration(kafka, scratch.resolve("job"), "examples-", 2);
        conf.set(ModelOptions.RANKER_ENABLED, true);
        conf.set(ModelOptions.RANKER_MODEL, "classpath:models/ranking-v1.onnx");
        conf.set(ModelOptions.TIMEOUT, Duration.ofMinutes(1));
        String examplesTopic = "examples-ranking-examples";
        conf.set(ModelOptions.EXAMPLES_TOPIC, examplesTopic);
        conf.set(ModelOptions.EXAMPLES_SAMPLE_RATE, 1.0);
        kafka.createTopics(List.of(EmbeddedKafka.topic(examplesTopic, 2, false)));
        String models = conf.get(ModelOptions.MODELS_TOPIC);
        String events = conf.get(RecStreamOptions.EVENTS_TOPIC);
        // the lists after the swap are counted one by one: none may be compacted away before it is read
        TopicReader.keepEveryRecord(kafka.bootstrapServers(), conf.get(RecStreamOptions.RECOMMENDATIONS_TOPIC));
        String learner = conf.get(RecStreamOptions.MODEL_VERSION);
        SyntheticEventGenerator generator = SyntheticEventGenerator.builder().users(USERS).seed(23).build();

        try (JobUnderTest job = JobUnderTest.start(metrics.addTo(conf));
             TopicReader examples = new TopicReader(kafka.bootstrapServers(), examplesTopic);
             TopicReader lists = new TopicReader(kafka.bootstrapServers(), conf.get(RecStreamOptions.RECOMMENDATIONS_TOPIC))) {
            JobID id = job.jobId();
            RankingModelArtifact backwards = backwards();
            try (ModelStore store = new ModelStore(kafka.bootstrapServers(), models)) {
                store.publish("ranking", backwards.version(), backwards.onnx(), backwards.metadataJson());
            }
            lists.pollUntil(r -> metrics.gauges(id, "model-stamper", "live-ranking-model")
                    .equals(List.of("ranking-backwards", "ranking-backwards")), DEADLINE, "every stamper subtask on ranking-backwards");
            long trainingEnd = produce(generator, events, TRAINING_EVENTS) + 1;
            job.awaitProcessed(TRAINING_EVENTS, DEADLINE);
            // every user sampled: one example per event, committed with the checkpoints
            List<ConsumerRecord<String, byte[]>> written = examples.pollUntil(r -> r.size() >= TRAINING_EVENTS, DEADLINE,
                    TRAINING_EVENTS + " examples");
            assertThat(written).hasSize(TRAINING_EVENTS);
            RankingExample first = RankingExampleCodec.decode(written.get(0).value());
            assertThat(first.itemIds()).isNotEmpty();
            assertThat(first.rankerVersion()).isEqualTo("ranking-backwards");

            String until = Instant.ofEpochMilli(trainingEnd).toString();
            Run published = trainRanker("--name", "ranking-loop-1", "--until", until);
            System.err.println(published.err + published.out); // the figures, for the build log
            assertThat(published.status).as(published.err).isZero();
            assertThat(published.out).as(published.err)
                    .contains("published: ranking-loop-1 beats the live ranking-backwards");
            assertThat(published.err).contains("lists labelled by the user's next interaction");
            assertThat(ModelStore.latest(kafka.bootstrapServers(), models, "ranking").version).isEqualTo("ranking-loop-1");

            lists.pollUntil(r -> metrics.gauges(id, "model-stamper", "live-ranking-model")
                            .equals(List.of("ranking-loop-1", "ranking-loop-1")), DEADLINE, "every stamper subtask on ranking-loop-1");
            // every list of the training events is at the publisher: what it publishes from now on is of later events
            lists.pollUntil(r -> metrics.counter(id, "recommendation-publisher", "lists-published")
                    + metrics.counter(id, "recommendation-publisher", "lists-unchanged") == TRAINING_EVENTS,
                    DEADLINE, "the training events' lists at the publisher");
            long publishedBefore = metrics.counter(id, "recommendation-publisher", "lists-published");
            produce(generator, events, AFTER_SWAP_EVENTS);
            job.awaitProcessed(TRAINING_EVENTS + AFTER_SWAP_EVENTS, DEADLINE);
            List<ConsumerRecord<String, byte[]>> afterSwap = examples.pollUntil(
                    r -> r.size() >= TRAINING_EVENTS + AFTER_SWAP_EVENTS, DEADLINE, "the examples after the swap");
            for (ConsumerRecord<String, byte[]> r : afterSwap.subList(TRAINING_EVENTS, afterSwap.size())) {
                assertThat(RankingExampleCodec.decode(r.value()).rankerVersion()).isEqualTo("ranking-loop-1");
            }
            lists.pollUntil(r -> metrics.counter(id, "recommendation-publisher", "lists-published")
                    + metrics.counter(id, "recommendation-publisher", "lists-unchanged") == TRAINING_EVENTS + AFTER_SWAP_EVENTS,
                    DEADLINE, "every list at the publisher");
            long publishedAfterSwap = metrics.counter(id, "recommendation-publisher", "lists-published") - publishedBefore;
            List<Recommendation> newLists = new ArrayList<>();
            lists.pollUntil(r -> {
                newLists.clear();
                for (ConsumerRecord<String, byte[]> record : r) {
                    Recommendation list = Json.readOrNull(record.value(), Recommendation.class);
                    if (list.ts >= trainingEnd) {
                        newLists.add(list);
                    }
                }
                return newLists.size() == publishedAfterSwap;
            }, DEADLINE, publishedAfterSwap + " lists of the events after the swap");
            assertThat(newLists).isNotEmpty().allSatisfy(l -> assertThat(l.modelVersion).isEqualTo(learner + "+ranking-loop-1"));
            assertThat(job.status()).isEqualTo(JobStatus.RUNNING);
            assertThat(job.jobId()).isEqualTo(id);

            // the same window again: the same model, which the store's live version (itself) is not beaten by
            Run again = trainRanker("--name", "ranking-loop-2", "--until", until);
            assertThat(again.status).as(again.err).isZero();
            assertThat(again.out).contains("live ranking-loop-1")
                    .contains("not published: ranking-loop-2 does not beat the live ranking-loop-1");
            assertThat(ModelStore.latest(kafka.bootstrapServers(), models, "ranking").version).isEqualTo("ranking-loop-1");
        }
    }

    /**
     * A ranking model that learnt to put first what the blend puts last: 400 lists of 30
     * candidates in blend order whose positive is always the last.
     */
    private static RankingModelArtifact backwards() {
        int size = 30;
        int width = RankingFeatures.COUNT;
        Random random = new Random(5);
        RankingLists lists = new RankingLists();
        for (int l = 0; l < 400; l++) {
            float[] rows = new float[size * width];
            for (int r = 0; r < size; r++) {
                for (int f = 0; f < width; f++) {
                    rows[r * width + f] = (float) random.nextGaussian();
                }
                rows[r * width + RankingFeatures.BLEND] = 1f - r / (float) size;
            }
            lists.add(l, rows, 0, size, size - 1);
        }
        RankingTrainer.Settings settings = RankingTrainer.Settings.defaults();
        ObjectMapper json = new ObjectMapper();
        return RankingModelArtifact.of("ranking-backwards", RankingTrainer.train(lists, 0, 400, settings), settings,
                json.createObjectNode().put("source", "RankingExamplesIT: the blend's order reversed"), json.createObjectNode());
    }

    private record Run(int status, String out, String err) {}

    private static Run trainRanker(String... more) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> args = new ArrayList<>(List.of("--topic", "examples-ranking-examples", "--bootstrap-servers",
                kafka.bootstrapServers(), "--models-topic", "examples-models", "--publish"));
        args.addAll(List.of(more));
        int status = new CommandLine(new TrainRankerCommand())
                .setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute(args.toArray(String[]::new));
        return new Run(status, out.toString(), err.toString());
    }

    /** Writes {@code count} events; returns the latest event time among them. */
    private static long produce(SyntheticEventGenerator generator, String topic, int count) throws Exception {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        long latest = Long.MIN_VALUE;
        for (int n = 0; n < count; n++) {
            Event e = generator.next();
            latest = Math.max(latest, e.ts);
            records.add(TopicReader.eventRecord(topic, e));
        }
        TopicReader.produce(kafka.bootstrapServers(), topic, records);
        return latest;
    }
}
