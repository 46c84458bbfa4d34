package io.recstream.it;

import io.recstream.event.DeadLetter;
import io.recstream.event.Event;
import io.recstream.event.EventJson;
import io.recstream.event.EventType;
import io.recstream.job.RecStreamOptions;

import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 3, acceptance 4: malformed and invalid records mixed with good ones. The job keeps
 * running, every bad record lands in events-dlq with its reason, and every good one is learnt.
 */
class DeadLetterIT extends EmbeddedKafkaIT {

    @Test
    @Timeout(300)
    void badRecordsGoToTheDeadLetterTopicWithTheirReasonAndGoodOnesAreLearnt(@TempDir Path scratch) throws Exception {
        Configuration conf = JobUnderTest.configuration(kafka, scratch, "dlq-", 2);
        long now = System.currentTimeMillis();
        Map<String, String> badToReason = new LinkedHashMap<>();
        badToReason.put("this is not json", "malformed_json");
        badToReason.put("{\"user\":\"u1\",\"item\":\"i1\",\"type\":\"view\"", "malformed_json");
        badToReason.put("{\"item\":\"i1\",\"type\":\"view\",\"ts\":" + now + "}", "missing_field");
        badToReason.put("{\"user\":\"u1\",\"item\":\"i1\",\"type\":\"teleport\",\"ts\":" + now + "}", "unknown_type");
        badToReason.put("{\"user\":\"u1\",\"item\":\"i1\",\"type\":\"view\",\"ts\":-5}", "invalid_timestamp");
        badToReason.put("{\"user\":\"u1\",\"item\":\"i1\",\"type\":\"view\",\"ts\":32503680000000}", "invalid_timestamp");
        badToReason.put("{\"user\":\"u1\",\"type\":\"search\",\"query\":\"" + "x".repeat(5_000) + "\",\"ts\":" + now + "}", "oversized_field");
        badToReason.put("{\"user\":\"u1\",\"item\":\"i1\",\"type\":\"purchase\",\"value\":NaN,\"ts\":" + now + "}", "non_finite_value");
        badToReason.put("{\"user\":\"u1\",\"item\":\"i1\",\"type\":\"view\",\"ts\":\"yesterday\"}", "invalid_field");

        String topic = conf.get(RecStreamOptions.EVENTS_TOPIC);
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        int good = 0;
        int n = 0;
        for (String bad : badToReason.keySet()) {
            for (int g = 0; g < 5; g++) {
                Event e = Event.interaction("user-" + (n % 7), "item-" + (n % 13), EventType.VIEW, "app", now - 60_000 + n);
                records.add(new ProducerRecord<>(topic, e.user, EventJson.toJson(e).getBytes(StandardCharsets.UTF_8)));
                good++;
                n++;
            }
            records.add(new ProducerRecord<>(topic, null, bad.getBytes(StandardCharsets.UTF_8)));
        }
        TopicReader.produce(kafka.bootstrapServers(), topic, records);

        try (JobUnderTest job = JobUnderTest.start(conf);
             TopicReader deadLetters = new TopicReader(kafka.bootstrapServers(), conf.get(RecStreamOptions.DEAD_LETTER_TOPIC))) {
            assertThat(job.awaitProcessed(good, Duration.ofMinutes(2))).hasSize(good);
            List<ConsumerRecord<String, byte[]>> dlq = deadLetters.pollUntil(r -> r.size() >= badToReason.size(),
                    Duration.ofSeconds(60), "every bad record in the dead-letter topic");

            Map<String, String> reasonByRaw = new HashMap<>();
            for (ConsumerRecord<String, byte[]> r : dlq) {
                DeadLetter letter = DeadLetter.fromJson(new String(r.value(), StandardCharsets.UTF_8));
                reasonByRaw.put(letter.raw, letter.reason);
                assertThat(letter.detail).isNotBlank();
                assertThat(letter.ts).isPositive();
            }
            assertThat(reasonByRaw).containsExactlyInAnyOrderEntriesOf(badToReason);
            assertThat(job.status()).isEqualTo(JobStatus.RUNNING);
        }
    }
}
