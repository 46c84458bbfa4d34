package io.recstream.it;

import io.recstream.event.Event;
import io.recstream.event.EventType;
import io.recstream.job.RecStreamOptions;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.types.Row;
import org.apache.flink.types.RowKind;
import org.apache.flink.util.CloseableIterator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Item expiry through the real job: event time reaches the item-learner (the item-factors feed
 * must not hold it back), an item nobody touched for recstream.item.state-ttl of event time
 * becomes a tombstone on item-factors, and the shipped SQL table reads that as a delete.
 */
class ItemExpiryIT extends EmbeddedKafkaIT {
    private static final String EXPIRING = "expiring-item";
    private static final String FRESH = "fresh-item";

    @Test
    @Timeout(420)
    void anItemUntouchedForTheTtlIsDeletedFromItemFactorsAndFromTheSqlTable(@TempDir Path scratch) throws Exception {
        Configuration conf = JobUnderTest.configuration(kafka, scratch, "expiry-", 2);
        conf.set(RecStreamOptions.ITEM_STATE_TTL, Duration.ofHours(1));
        String events = conf.get(RecStreamOptions.EVENTS_TOPIC);
        String itemFactorsTopic = conf.get(RecStreamOptions.ITEM_FACTORS_TOPIC);
        long ts = 1_700_000_000_000L;

        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        records.add(TopicReader.eventRecord(events, Event.interaction("early-user", EXPIRING, EventType.VIEW, "web", ts)));
        ts += Duration.ofHours(3).toMillis();
        // enough users to put events, and so event time, on every partition
        for (int u = 0; u < 40; u++) {
            records.add(TopicReader.eventRecord(events, Event.interaction("user-" + u, FRESH, EventType.VIEW, "web", ++ts)));
        }

        try (JobUnderTest job = JobUnderTest.start(conf);
             TopicReader itemFactors = new TopicReader(kafka.bootstrapServers(), itemFactorsTopic)) {
            // the item is published (a processing-time timer) before event time can expire it:
            // both at once would race, and an item that expires unpublished has no row to delete
            TopicReader.produce(kafka.bootstrapServers(), events, records.subList(0, 1));
            itemFactors.pollUntil(rs -> rs.stream().anyMatch(r -> isPublication(r, EXPIRING)), Duration.ofSeconds(90),
                    "a publication of " + EXPIRING);
            TopicReader.produce(kafka.bootstrapServers(), events, records.subList(1, records.size()));
            job.awaitProcessed(records.size(), Duration.ofMinutes(3));

            List<ConsumerRecord<String, byte[]>> written = itemFactors.pollUntil(
                    rs -> rs.stream().anyMatch(r -> isTombstone(r, EXPIRING)) && rs.stream().anyMatch(r -> isPublication(r, FRESH)),
                    Duration.ofSeconds(90), "a tombstone of " + EXPIRING + " and a publication of " + FRESH);
            assertThat(written).noneMatch(r -> isTombstone(r, FRESH));

            TableEnvironment sql = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
            sql.getConfig().set("parallelism.default", "1");
            for (String ddl : SqlOverOutputsIT.shippedDdl()) {
                sql.executeSql(ddl
                        .replace("'topic' = 'item-factors'", "'topic' = '" + itemFactorsTopic + "'")
                        .replace("broker:9092", kafka.bootstrapServers()));
            }
            List<RowKind> changes = new ArrayList<>();
            try (CloseableIterator<Row> rows = sql.executeSql(
                    "SELECT item FROM item_factors WHERE item = '" + EXPIRING + "'").collect()) {
                while (!changes.contains(RowKind.DELETE) && rows.hasNext()) {
                    changes.add(rows.next().getKind());
                }
            }
            assertThat(changes.get(0)).isEqualTo(RowKind.INSERT);
            assertThat(changes).last().isEqualTo(RowKind.DELETE);
        }
    }

    private static boolean isPublication(ConsumerRecord<String, byte[]> r, String item) {
        return item.equals(r.key()) && r.value() != null;
    }

    private static boolean isTombstone(ConsumerRecord<String, byte[]> r, String item) {
        return item.equals(r.key()) && r.value() == null;
    }
}
