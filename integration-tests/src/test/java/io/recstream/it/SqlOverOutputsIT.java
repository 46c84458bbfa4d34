package io.recstream.it;

import io.recstream.event.Event;
import io.recstream.event.EventJson;
import io.recstream.event.NumericId;
import io.recstream.job.RecStreamOptions;
import io.recstream.synthetic.SyntheticEventGenerator;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The job's outputs read by a Flink SQL client through the DDL we ship (deploy/sql/tables.sql),
 * run for real against the topics the job wrote.
 */
class SqlOverOutputsIT extends EmbeddedKafkaIT {

    @Test
    @Timeout(300)
    void theShippedDdlReadsRecommendationsAndItemFactors(@TempDir Path scratch) throws Exception {
        Configuration conf = JobUnderTest.configuration(kafka, scratch, "sql-", 2);
        SyntheticEventGenerator generator = SyntheticEventGenerator.builder().users(50).seed(4).build();
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        for (int n = 0; n < 1_000; n++) {
            Event e = generator.next();
            records.add(new ProducerRecord<>(conf.get(RecStreamOptions.EVENTS_TOPIC), e.user,
                    EventJson.toJson(e).getBytes(StandardCharsets.UTF_8)));
        }
        TopicReader.produce(kafka.bootstrapServers(), conf.get(RecStreamOptions.EVENTS_TOPIC), records);

        try (JobUnderTest job = JobUnderTest.start(conf)) {
            job.awaitProcessed(records.size(), Duration.ofMinutes(3));

            TableEnvironment sql = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
            sql.getConfig().set("parallelism.default", "1");
            for (String ddl : shippedDdl()) {
                sql.executeSql(ddl
                        .replace("'topic' = 'recommendations'", "'topic' = '" + conf.get(RecStreamOptions.RECOMMENDATIONS_TOPIC) + "'")
                        .replace("'topic' = 'item-factors'", "'topic' = '" + conf.get(RecStreamOptions.ITEM_FACTORS_TOPIC) + "'")
                        .replace("broker:9092", kafka.bootstrapServers()));
            }

            Row list = first(sql, "SELECT `user`, version, modelVersion, CARDINALITY(items), items[1].item, items[1].reason.because "
                    + "FROM recommendations");
            assertThat((String) list.getField(0)).startsWith("user-");
            assertThat((Long) list.getField(1)).isPositive();
            assertThat((String) list.getField(2)).startsWith(conf.get(RecStreamOptions.MODEL_VERSION));
            assertThat((Integer) list.getField(3)).isPositive();
            assertThat((String) list.getField(4)).isNotBlank();
            assertThat((String) list.getField(5)).isIn("co-occurrence", "search", "re-find", "factor", "trending", "popularity");

            Row item = first(sql, "SELECT item, version, CARDINALITY(vector), popularity, id FROM item_factors");
            assertThat((String) item.getField(0)).isNotBlank();
            assertThat((Long) item.getField(1)).isPositive();
            assertThat((Integer) item.getField(2)).isEqualTo(32);
            assertThat((Double) item.getField(3)).isNotNegative();
            assertThat((Long) item.getField(4)).isEqualTo(NumericId.of((String) item.getField(0)));
        }
    }

    /** The CREATE statements (tables, the item decoding function and view) of deploy/sql/tables.sql, comments removed. */
    static List<String> shippedDdl() throws Exception {
        StringBuilder text = new StringBuilder();
        for (String line : Files.readAllLines(Path.of("..", "deploy", "sql", "tables.sql"))) {
            int comment = line.indexOf("--");
            text.append(comment >= 0 ? line.substring(0, comment) : line).append('\n');
        }
        List<String> statements = new ArrayList<>();
        for (String statement : text.toString().split(";")) {
            if (statement.strip().startsWith("CREATE ")) {
                statements.add(statement.strip());
            }
        }
        assertThat(statements).hasSize(6);
        return statements;
    }

    /** The first row of an unbounded query. */
    private static Row first(TableEnvironment sql, String query) throws Exception {
        try (CloseableIterator<Row> rows = sql.executeSql(query).collect()) {
            assertThat(rows.hasNext()).as("a row from: " + query).isTrue();
            return rows.next();
        }
    }
}
