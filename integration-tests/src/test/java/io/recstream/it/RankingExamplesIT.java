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
import io.recstream.recommend.Recommendation;
import io.recstream.synthetic.SyntheticEventGenerator;

import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.testutils.InMemoryReporter;
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
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11, build item 2: the running job writes ranking examples to their topic;
 * {@code train-ranker --topic ... --publish} (called as a class) trains on them, beats the live
 * model (the blend: the store holds no ranking version yet) on the most recent held-back lists and
 * publishes to the model store; the running job's lists then carry the new version, without a
 * restart. A second run over the same window trains the same model, which does not beat itself,
 * the store's live version now: nothing is published.
 */
class RankingExamplesIT extends EmbeddedKafkaIT {
    private static final int USERS = 40;
    private static final int TRAINING_EVENTS = 1500;
    private static final int AFTER_SWAP_EVENTS = 200;
    private static final Duration DEADLINE = Duration.ofMinutes(4);

    private InMemoryReporter reporter;

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
        String learner = conf.get(RecStreamOptions.MODEL_VERSION);
        SyntheticEventGenerator generator = SyntheticEventGenerator.builder().users(USERS).seed(23).build();

        reporter = InMemoryReporter.create();
        try (JobUnderTest job = JobUnderTest.start(reporter.addToConfiguration(new Configuration(conf)));
             TopicReader examples = new TopicReader(kafka.bootstrapServers(), examplesTopic);
             TopicReader lists = new TopicReader(kafka.bootstrapServers(), conf.get(RecStreamOptions.RECOMMENDATIONS_TOPIC))) {
            JobID id = job.jobId();
            long trainingEnd = produce(generator, events, TRAINING_EVENTS) + 1;
            job.awaitProcessed(TRAINING_EVENTS, DEADLINE);
            // every user sampled: one example per event, committed with the checkpoints
            List<ConsumerRecord<String, byte[]>> written = examples.pollUntil(r -> r.size() >= TRAINING_EVENTS, DEADLINE,
                    TRAINING_EVENTS + " examples");
            assertThat(written).hasSize(TRAINING_EVENTS);
            RankingExample first = RankingExampleCodec.decode(written.get(0).value());
            assertThat(first.itemIds()).isNotEmpty();
            assertThat(first.rankerVersion()).as("the configured ranker").isEmpty();

            String until = Instant.ofEpochMilli(trainingEnd).toString();
            Run published = trainRanker("--name", "ranking-loop-1", "--until", until);
            assertThat(published.status).as(published.err).isZero();
            assertThat(published.out).as(published.err)
                    .contains("live blend")
                    .contains("published: ranking-loop-1 beats the live blend");
            assertThat(published.err).contains("lists labelled by the user's next interaction");
            assertThat(ModelStore.latest(kafka.bootstrapServers(), models, "ranking").version).isEqualTo("ranking-loop-1");

            lists.pollUntil(r -> gauges(id, "model-stamper", "live-ranking-model").equals(List.of("ranking-loop-1", "ranking-loop-1")),
                    DEADLINE, "every stamper subtask on ranking-loop-1");
            // every list of the training events is at the publisher, and every one it published is readable
            lists.pollUntil(r -> counter(id, "lists-published") + counter(id, "lists-unchanged") == TRAINING_EVENTS,
                    DEADLINE, "the training events' lists at the publisher");
            long publishedBefore = counter(id, "lists-published");
            int before = lists.pollUntil(r -> r.size() == publishedBefore, DEADLINE, publishedBefore + " lists").size();
            produce(generator, events, AFTER_SWAP_EVENTS);
            job.awaitProcessed(TRAINING_EVENTS + AFTER_SWAP_EVENTS, DEADLINE);
            List<ConsumerRecord<String, byte[]>> afterSwap = examples.pollUntil(
                    r -> r.size() >= TRAINING_EVENTS + AFTER_SWAP_EVENTS, DEADLINE, "the examples after the swap");
            for (ConsumerRecord<String, byte[]> r : afterSwap.subList(TRAINING_EVENTS, afterSwap.size())) {
                assertThat(RankingExampleCodec.decode(r.value()).rankerVersion()).isEqualTo("ranking-loop-1");
            }
            List<ConsumerRecord<String, byte[]>> all = lists.pollUntil(r -> r.size() > before, DEADLINE, "lists after the swap");
            List<Recommendation> newLists = new ArrayList<>();
            for (ConsumerRecord<String, byte[]> r : all.subList(before, all.size())) {
                newLists.add(Json.readOrNull(r.value(), Recommendation.class));
            }
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

    private long counter(JobID id, String name) {
        long sum = 0;
        for (Object c : metrics(id, "recommendation-publisher", name)) {
            sum += ((Counter) c).getCount();
        }
        return sum;
    }

    private List<Object> gauges(JobID id, String operator, String name) {
        List<Object> values = new ArrayList<>();
        for (Object g : metrics(id, operator, name)) {
            values.add(((Gauge<?>) g).getValue());
        }
        return values;
    }

    private List<Object> metrics(JobID id, String operator, String name) {
        List<Object> values = new ArrayList<>();
        for (Map.Entry<MetricGroup, Map<String, Metric>> group : reporter.getMetricsByGroup().entrySet()) {
            Map<String, String> variables = group.getKey().getAllVariables();
            Metric metric = group.getValue().get(name);
            if (metric != null && id.toString().equals(variables.get("<job_id>"))
                    && operator.equals(variables.get("<operator_name>"))
                    && group.getKey().getMetricIdentifier(name).endsWith(".recstream." + name)) {
                values.add(metric);
            }
        }
        return values;
    }
}
