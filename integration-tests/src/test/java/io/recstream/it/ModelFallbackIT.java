package io.recstream.it;

import io.recstream.event.Event;
import io.recstream.event.EventJson;
import io.recstream.job.ModelOptions;
import io.recstream.job.RecStreamOptions;
import io.recstream.job.kafka.Json;
import io.recstream.recommend.Recommendation;
import io.recstream.synthetic.SyntheticEventGenerator;

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
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Through the whole job: the ranking and intent models never answer within their timeout, and the
 * job still publishes a list for every active user, in the blend order (no ranking model named in
 * the model version).
 *
 * <p>The models are made late by their batching alone: a batch waits an hour, so it goes to the
 * model only when it fills, and it cannot fill with live requests (at most {@code CAPACITY} lists
 * wait, {@code CAPACITY * 100} rows, far below {@code MAX_BATCH_ROWS}). This test once failed on
 * loaded machines: requests that had timed out still counted towards a full batch, so batches
 * filled with them and the newest lists in each were ranked within their timeout. With a batch
 * delay of 2 s the same happened legitimately to lists that joined a batch just before it left.
 */
class ModelFallbackIT extends EmbeddedKafkaIT {
    private static final int CAPACITY = 16;

    @Test
    @Timeout(300)
    void aModelLaterThanItsTimeoutNeverStopsTheLists(@TempDir Path scratch) throws Exception {
        Configuration conf = JobUnderTest.configuration(kafka, scratch, "slow-", 2);
        conf.set(ModelOptions.TIMEOUT, Duration.ofMillis(10));
        conf.set(ModelOptions.MAX_BATCH_DELAY, Duration.ofHours(1));
        conf.set(ModelOptions.CAPACITY, CAPACITY);
        conf.set(ModelOptions.MAX_BATCH_ROWS, 10_000); // the 1,000 events' lists hold ~50,000 rows

        SyntheticEventGenerator generator = SyntheticEventGenerator.builder().users(50).seed(9).build();
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        Set<String> activeUsers = new HashSet<>();
        for (int n = 0; n < 1_000; n++) {
            Event e = generator.next();
            if (e.isInteraction()) {
                activeUsers.add(e.user.trim().toLowerCase(java.util.Locale.ROOT));
            }
            records.add(new ProducerRecord<>(conf.get(RecStreamOptions.EVENTS_TOPIC), e.user,
                    EventJson.toJson(e).getBytes(StandardCharsets.UTF_8)));
        }
        TopicReader.produce(kafka.bootstrapServers(), conf.get(RecStreamOptions.EVENTS_TOPIC), records);

        try (JobUnderTest job = JobUnderTest.start(conf);
             TopicReader recommendations = new TopicReader(kafka.bootstrapServers(), conf.get(RecStreamOptions.RECOMMENDATIONS_TOPIC))) {
            job.awaitProcessed(records.size(), Duration.ofMinutes(3));
            List<ConsumerRecord<String, byte[]>> lists = recommendations.pollUntil(
                    all -> usersWithLists(all).containsAll(activeUsers), Duration.ofSeconds(60), "a list for every active user");
            for (ConsumerRecord<String, byte[]> r : lists) {
                Recommendation rec = Json.readOrNull(r.value(), Recommendation.class);
                assertThat(rec.modelVersion).as("fell back to the blend order").isEqualTo(conf.get(RecStreamOptions.MODEL_VERSION));
                assertThat(rec.items).isNotEmpty();
            }
        }
    }

    private static Set<String> usersWithLists(List<ConsumerRecord<String, byte[]>> records) {
        Set<String> users = new HashSet<>();
        for (ConsumerRecord<String, byte[]> r : records) {
            users.add(r.key());
        }
        return users;
    }
}
