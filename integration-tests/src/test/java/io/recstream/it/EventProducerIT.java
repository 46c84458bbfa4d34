package io.recstream.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.recstream.event.Event;
import io.recstream.event.EventType;
import io.recstream.job.local.EmbeddedKafka;
import io.recstream.job.local.EventProducer;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InvalidTimestampException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * The demo's producer against a real broker: a record is acknowledged or reported failed with its
 * error, never silently dropped, whatever time it carries.
 */
class EventProducerIT extends EmbeddedKafkaIT {
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final long HOUR = 3_600_000L;
    /** A malformed record before every 10th event, stamped by the client (now), as in the demo. */
    private static final LongFunction<byte[]> EVERY_TENTH = n -> n > 0 && n % 10 == 0
            ? "not json".getBytes(StandardCharsets.UTF_8) : null;

    @Test
    void eventsFarAheadOfTheBrokerClockAreReportedFailedWithTheError() throws Exception {
        // as a production cluster creates a topic: the broker refuses records stamped over 1 h ahead
        kafka.createTopics(List.of(new NewTopic("strict-events", 1, (short) 1)));
        long now = System.currentTimeMillis();
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            events.add(view("user-" + i, i % 2 == 0 ? now : now + 2 * HOUR));
        }

        long acknowledged;
        try (EventProducer producer = new EventProducer(kafka.bootstrapServers(), "strict-events", events.iterator(),
                events.size(), 0, EVERY_TENTH)) {
            producer.run();

            assertThat(producer.sent()).isEqualTo(200);
            acknowledged = producer.acknowledgedEvents() + producer.acknowledgedMalformed();
            // Every record is accounted for. The broker refuses a whole batch with one bad record in
            // it, so valid neighbours may fail too: at least the 100 far ahead fail.
            assertThat(acknowledged + producer.failed()).isEqualTo(200 + 19);
            assertThat(producer.failed()).isGreaterThanOrEqualTo(100);
            // the record's own error, not its batch-mates' "part of a batch which had invalid records";
            // the client types it by the broker's error code when the batch had one bad record, as
            // InvalidRecordException when it had several, and batching follows the machine's timing
            assertThat(producer.firstError()).isInstanceOfAny(InvalidRecordException.class, InvalidTimestampException.class)
                    .hasMessageContaining("Timestamp " + (now + 2 * HOUR)).hasMessageContaining("out of range");
        }
        // every acknowledged record is in the topic, and nothing else
        List<ConsumerRecord<String, byte[]>> records = readAll("strict-events", acknowledged);
        assertThat(records).filteredOn(r -> r.key() != null)
                .allMatch(r -> r.timestamp() == now && Integer.parseInt(r.key().substring(5)) % 2 == 0);
    }

    @Test
    void theEventsTopicTakesAnyRecordTimeSoTheJobCanJudgeIt() throws Exception {
        kafka.createTopics(List.of(EmbeddedKafka.eventsTopic("any-time-events", 1)));
        long now = System.currentTimeMillis();
        long replayed = 865_000_000_000L; // 1997, as in a MovieLens replay
        List<Event> events = List.of(view("user-1", now), view("user-2", now + 2 * HOUR), view("user-3", replayed),
                view("user-4", now + 400 * 24 * HOUR));

        try (EventProducer producer = new EventProducer(kafka.bootstrapServers(), "any-time-events", events.iterator(),
                events.size(), 0, null)) {
            producer.run();

            assertThat(producer.acknowledgedEvents()).isEqualTo(4);
            assertThat(producer.failed()).isZero();
        }
        List<ConsumerRecord<String, byte[]>> records = readAll("any-time-events", 4);
        // the record carries the event time: the job's source can align partitions by it
        assertThat(records).extracting(ConsumerRecord::timestamp)
                .containsExactlyInAnyOrder(now, now + 2 * HOUR, replayed, now + 400 * 24 * HOUR);
    }

    private static Event view(String user, long ts) {
        return new Event(user, "item-1", EventType.VIEW, "web", null, 0.0, ts);
    }

    /** Reads the one-partition topic to its end, which must hold exactly {@code expected} records. */
    private static List<ConsumerRecord<String, byte[]>> readAll(String topic, long expected) throws Exception {
        try (Admin admin = kafka.admin()) {
            TopicPartition partition = new TopicPartition(topic, 0);
            long end = admin.listOffsets(Map.of(partition, OffsetSpec.latest())).all().get().get(partition).offset();
            assertThat(end).isEqualTo(expected);
        }
        try (TopicReader reader = new TopicReader(kafka.bootstrapServers(), topic)) {
            return new ArrayList<>(reader.pollUntil(r -> r.size() >= expected, DEADLINE, expected + " records of " + topic));
        }
    }
}
