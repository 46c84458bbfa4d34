package io.recstream.it;

import io.recstream.event.Event;
import io.recstream.event.EventType;
import io.recstream.job.RecStreamOptions;
import io.recstream.job.local.EmbeddedKafka;
import io.recstream.recommend.Recommendation;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * State is a contract: every savepoint format the project ever wrote (checked in under
 * {@code src/test/resources/savepoints/<version>}, by {@link SavepointWriter}) restores into this
 * build, with its users, their list versions and the item model. A change that breaks this needs a
 * migration, not a new savepoint in place of the old one (deploy/README.md).
 */
class SavepointFormatIT {

    @ParameterizedTest(name = "savepoint format {0}")
    @MethodSource("io.recstream.it.SavepointWriter#versions")
    @Timeout(300)
    void aSavepointOfAnEarlierFormatRestoresUsersListsAndItems(String version, @TempDir Path scratch) throws Exception {
        Path written = Path.of("src", "test", "resources", "savepoints", version);
        Properties facts = SavepointWriter.readFacts(written);
        long readerVersion = Long.parseLong(facts.getProperty("reader-list-version"));
        Path savepoint = scratch.resolve("savepoint");
        FrozenSavepoint.copyTree(written.resolve("savepoint"), savepoint);

        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            Configuration conf = FrozenSavepoint.configuration(kafka, scratch.resolve("job"));
            conf.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint.toUri().toString());
            // the test's own collect sink (quality outcomes) has no fixed uid; every operator of
            // the production graph has one (RecStreamJobGraphTest)
            conf.set(StateRecoveryOptions.SAVEPOINT_IGNORE_UNCLAIMED_STATE, true);
            String events = conf.get(RecStreamOptions.EVENTS_TOPIC);
            FrozenSavepoint.moveToEndOffsets(kafka, facts, events);
            long ts = FrozenSavepoint.nextTs();
            // the reader views an item their list holds, so the list changes whatever the restored
            // model's scores are (a view of an unknown item may leave it as it was, unpublished)
            List<ProducerRecord<String, byte[]>> next = List.of(
                    TopicReader.eventRecord(events, Event.interaction(FrozenSavepoint.READER, "popular-3", EventType.VIEW, "web", ts)));

            try (JobUnderTest job = JobUnderTest.start(conf);
                 TopicReader lists = new TopicReader(kafka.bootstrapServers(), conf.get(RecStreamOptions.RECOMMENDATIONS_TOPIC))) {
                // waits on the reader's list, not on quality outcomes: the collect sink restored
                // from the savepoint cannot serve this run's new client
                TopicReader.produce(kafka.bootstrapServers(), events, next);
                Recommendation list = TopicReader.latestList(lists.pollUntil(
                        records -> {
                            Recommendation r = TopicReader.latestList(records, FrozenSavepoint.READER);
                            return r != null && r.version > readerVersion;
                        }, Duration.ofMinutes(1), "the reader's list after the restore"), FrozenSavepoint.READER);

                // the publisher's version came back: the list continues the savepoint's count
                assertThat(list.version).isEqualTo(readerVersion + 1);
                List<String> items = Arrays.stream(list.items).map(s -> s.item).toList();
                // the reader's history came back: what they saw before the savepoint stays out
                assertThat(items).doesNotContain("popular-1", "popular-2", "popular-3");
                // the item model came back: items and their names learnt before the savepoint
                assertThat(items).contains("popular-4", "popular-5");
            }
        }
    }
}
