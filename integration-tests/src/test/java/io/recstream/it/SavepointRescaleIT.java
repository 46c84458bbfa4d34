package io.recstream.it;

import io.recstream.event.Event;
import io.recstream.event.EventType;
import io.recstream.job.LearningOptions;
import io.recstream.job.RecStreamOptions;
import io.recstream.recommend.Recommendation;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The upgrade path of deploy/README.md: stop the job with a savepoint, start it again from the
 * savepoint at another parallelism. Users' histories, the publisher's list versions and the item
 * model come back, rescaled from 2 subtasks to 3.
 */
class SavepointRescaleIT extends EmbeddedKafkaIT {
    private static final String READER = "reader-1";

    @Test
    @Timeout(300)
    void aJobStoppedWithASavepointResumesItsStateAtAnotherParallelism(@TempDir Path scratch) throws Exception {
        Configuration before = JobUnderTest.configuration(kafka, scratch.resolve("before"), "rescale-", 2);
        before.set(LearningOptions.REFIND_WEIGHT, 0f); // lists of new items only: a seen item in one is a lost history
        String events = before.get(RecStreamOptions.EVENTS_TOPIC);
        long ts = 1_700_000_000_000L;

        // 30 users view popular-1..5; the reader views the two most popular only.
        List<ProducerRecord<String, byte[]>> phase1 = new ArrayList<>();
        for (int u = 0; u < 30; u++) {
            for (int i = 1; i <= 5; i++) {
                phase1.add(TopicReader.eventRecord(events, Event.interaction("user-" + u, "popular-" + i, EventType.VIEW, "app", ++ts)));
            }
        }
        phase1.add(TopicReader.eventRecord(events, Event.interaction(READER, "popular-1", EventType.VIEW, "web", ++ts)));
        phase1.add(TopicReader.eventRecord(events, Event.interaction(READER, "popular-2", EventType.VIEW, "web", ++ts)));

        String savepoint;
        long versionBefore;
        try (JobUnderTest job = JobUnderTest.start(before);
             TopicReader recommendations = new TopicReader(kafka.bootstrapServers(), before.get(RecStreamOptions.RECOMMENDATIONS_TOPIC))) {
            TopicReader.produce(kafka.bootstrapServers(), events, phase1);
            job.awaitProcessed(phase1.size(), Duration.ofMinutes(2));
            versionBefore = readerVersion(recommendations.pollUntil(records -> readerVersion(records) >= 2,
                    Duration.ofSeconds(60), "the reader's second list"));
            savepoint = job.stopWithSavepoint(scratch.resolve("savepoints"));
        }
        // Gone from Kafka, as retention would have it: only the savepoint still knows phase 1
        // (without this, a job started afresh replays it and rebuilds the same state).
        TopicReader.deleteAllRecords(kafka.bootstrapServers(), events);

        Configuration after = new Configuration(before);
        after.setString("parallelism.default", "3");
        after.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
        // The test's collect sink (quality outcomes; no uid, absent from the production graph) is
        // the one operator whose state is left behind; RecStreamJobGraphTest holds the production
        // graph to a fixed uid on every operator.
        after.set(StateRecoveryOptions.SAVEPOINT_IGNORE_UNCLAIMED_STATE, true);
        try (JobUnderTest job = JobUnderTest.start(after);
             TopicReader recommendations = new TopicReader(kafka.bootstrapServers(), after.get(RecStreamOptions.RECOMMENDATIONS_TOPIC))) {
            TopicReader.produce(kafka.bootstrapServers(), events,
                    // a view of an item the list holds: the list must change, so it is published
                    List.of(TopicReader.eventRecord(events, Event.interaction(READER, "popular-3", EventType.VIEW, "web", ++ts))));
            job.awaitProcessed(1, Duration.ofMinutes(2));
            Recommendation list = TopicReader.latestList(recommendations.pollUntil(records -> readerVersion(records) > versionBefore,
                    Duration.ofSeconds(60), "the reader's list after the restore"), READER);

            // versions continue from the savepoint instead of starting again at 1
            assertThat(list.version).isEqualTo(versionBefore + 1);
            List<String> items = Arrays.stream(list.items).map(s -> s.item).toList();
            // the reader's history came back: the items seen before the savepoint stay out of the list
            assertThat(items).doesNotContain("popular-1", "popular-2", "popular-3");
            // and so did the item model: the other popular items, learnt before the savepoint
            assertThat(items).contains("popular-4", "popular-5");
        }
    }

    /** The version of the reader's latest list, 0 before the first. */
    private static long readerVersion(List<ConsumerRecord<String, byte[]>> records) {
        Recommendation latest = TopicReader.latestList(records, READER);
        return latest == null ? 0 : latest.version;
    }
}
