package io.recstream.it;

import io.recstream.event.Event;
import io.recstream.experiment.BucketMetrics;
import io.recstream.job.ExperimentOptions;
import io.recstream.job.RecStreamOptions;
import io.recstream.job.kafka.Json;
import io.recstream.recommend.Recommendation;
import io.recstream.synthetic.SyntheticEventGenerator;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * An A/B experiment in the real job: two buckets ("blend" without the ranking model, "ranked"
 * with it) over a synthetic stream in simulated time; every list names its bucket, the metrics
 * topic gets per-bucket click-through per window, and deploy/sql/experiments.sql, run as it is,
 * compares the buckets.
 */
class ExperimentsIT extends EmbeddedKafkaIT {
    private static final int EVENTS = 4_000;

    @Test
    @Timeout(300)
    void twoBucketsGetTheirOwnListsAndTheShippedSqlComparesTheirStickiness(@TempDir Path scratch) throws Exception {
        Configuration conf = JobUnderTest.configuration(kafka, scratch, "exp-", 2);
        conf.setString(ExperimentOptions.BUCKETS.key(), "blend:50,ranked:50");
        conf.setString("recstream.experiment.bucket.blend.ranker.enabled", "false");
        conf.setString("recstream.experiment.bucket.ranked.ranker.enabled", "true"); // the ranker is off by default
        conf.set(ExperimentOptions.WINDOW, Duration.ofMinutes(10));
        // one event a second of event time: about an hour, six closed windows per bucket
        SyntheticEventGenerator generator = SyntheticEventGenerator.builder().users(200).seed(8).meanGapMillis(1_000).build();
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        for (int n = 0; n < EVENTS; n++) {
            Event e = generator.next();
            records.add(TopicReader.eventRecord(conf.get(RecStreamOptions.EVENTS_TOPIC), e));
        }
        TopicReader.produce(kafka.bootstrapServers(), conf.get(RecStreamOptions.EVENTS_TOPIC), records);

        try (JobUnderTest job = JobUnderTest.start(conf);
             TopicReader lists = new TopicReader(kafka.bootstrapServers(), conf.get(RecStreamOptions.RECOMMENDATIONS_TOPIC));
             TopicReader metrics = new TopicReader(kafka.bootstrapServers(), conf.get(RecStreamOptions.METRICS_TOPIC))) {
            job.awaitProcessed(EVENTS, Duration.ofMinutes(3));

            Map<String, List<Recommendation>> byBucket = lists.pollUntil(r -> buckets(r).size() == 2, Duration.ofMinutes(1), "lists of both buckets")
                    .stream().map(r -> Json.readOrNull(r.value(), Recommendation.class))
                    .collect(Collectors.groupingBy(r -> r.bucket));
            assertThat(byBucket.get("blend")).allSatisfy(r -> assertThat(r.modelVersion).doesNotContain("+"));
            assertThat(byBucket.get("ranked")).anySatisfy(r -> assertThat(r.modelVersion).contains("+ranking"));

            List<BucketMetrics> windows = metrics.pollUntil(r -> closedWindows(r) >= 4, Duration.ofMinutes(1),
                    "four closed windows of each bucket").stream()
                    .map(r -> Json.readOrNull(r.value(), BucketMetrics.class)).toList();
            for (BucketMetrics w : windows) {
                assertThat(w.windowEnd - w.windowStart).isEqualTo(Duration.ofMinutes(10).toMillis());
                assertThat(w.clickThroughs).isLessThanOrEqualTo(w.interactions);
                assertThat(w.coverage).isPositive();
            }

            TableEnvironment sql = TableEnvironment.create(EnvironmentSettings.inBatchMode());
            sql.getConfig().set("parallelism.default", "1");
            for (String statement : shippedStatements()) {
                sql.executeSql(statement
                        .replace("'topic' = 'recstream-metrics'", "'topic' = '" + conf.get(RecStreamOptions.METRICS_TOPIC) + "'")
                        .replace("broker:9092", kafka.bootstrapServers()));
            }
            List<Row> buckets = rows(sql, "SELECT bucket, interactions, clickThroughs, clickThroughRate FROM experiment_buckets ORDER BY bucket");
            assertThat(buckets).extracting(r -> r.getField(0)).containsExactly("blend", "ranked");
            for (Row bucket : buckets) {
                long interactions = (Long) bucket.getField(1);
                long clickThroughs = (Long) bucket.getField(2);
                assertThat(interactions).isGreaterThan(500);
                assertThat(clickThroughs).isPositive();
                assertThat((Double) bucket.getField(3)).isCloseTo((double) clickThroughs / interactions, within(1e-9));
            }
            List<Row> comparison = rows(sql, "SELECT bucketA, bucketB, difference, standardError, z FROM experiment_click_through");
            assertThat(comparison).hasSize(1);
            assertThat(comparison.get(0).getField(0)).isEqualTo("blend");
            assertThat((Double) comparison.get(0).getField(3)).isPositive();
            assertThat((Double) comparison.get(0).getField(4)).isFinite();
        }
    }

    private static Set<String> buckets(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().map(r -> Json.readOrNull(r.value(), Recommendation.class).bucket).collect(Collectors.toSet());
    }

    /** The fewest windows either bucket has on the metrics topic. */
    private static long closedWindows(List<ConsumerRecord<String, byte[]>> records) {
        Map<String, Long> perBucket = new HashMap<>(Map.of("blend", 0L, "ranked", 0L));
        for (ConsumerRecord<String, byte[]> r : records) {
            perBucket.merge(r.key(), 1L, Long::sum);
        }
        return perBucket.values().stream().mapToLong(Long::longValue).min().orElse(0);
    }

    /** The statements of deploy/sql/experiments.sql, comments removed. */
    private static List<String> shippedStatements() throws Exception {
        StringBuilder text = new StringBuilder();
        for (String line : Files.readAllLines(Path.of("..", "deploy", "sql", "experiments.sql"))) {
            int comment = line.indexOf("--");
            text.append(comment >= 0 ? line.substring(0, comment) : line).append('\n');
        }
        List<String> statements = new ArrayList<>();
        for (String statement : text.toString().split(";")) {
            if (!statement.isBlank()) {
                statements.add(statement.strip());
            }
        }
        assertThat(statements).hasSize(3);
        return statements;
    }

    private static List<Row> rows(TableEnvironment sql, String query) throws Exception {
        List<Row> rows = new ArrayList<>();
        try (CloseableIterator<Row> it = sql.executeSql(query).collect()) {
            it.forEachRemaining(rows::add);
        }
        return rows;
    }
}
