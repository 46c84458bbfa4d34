package io.recstream.it;

import io.recstream.event.Event;
import io.recstream.event.EventType;
import io.recstream.event.NumericId;
import io.recstream.job.LearningOptions;
import io.recstream.job.RecStreamOptions;
import io.recstream.model.ItemFactor;
import io.recstream.model.ItemFactorCodec;
import io.recstream.recommend.Recommendation;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
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
 * Issue 3, acceptance 3: item vectors round-trip through the compacted item-factors topic and
 * reach the replica of the other subtask. Users on subtask A teach the job that "novel-y" follows
 * "novel-x"; a user on subtask B, where nobody ever touched novel-y, is then recommended it.
 */
class ItemLoopIT extends EmbeddedKafkaIT {
    private static final int PARALLELISM = 2;
    private static final int MAX_PARALLELISM = KeyGroupRangeAssignment.computeDefaultMaxParallelism(PARALLELISM);
    private static final String X = "novel-x";
    private static final String Y = "novel-y";


    @Test
    @Timeout(300)
    void itemsLearntOnOneSubtaskReachTheReplicaOfTheOther(@TempDir Path scratch) throws Exception {
        Configuration conf = JobUnderTest.configuration(kafka, scratch, "loop-", PARALLELISM);
        conf.set(LearningOptions.REFIND_WEIGHT, 0f); // lists of new items only: a seen item in one is a lost history
        List<String> usersOnA = usersOnSubtask(0, 20);
        String userOnB = usersOnSubtask(1, 1).get(0);
        String events = conf.get(RecStreamOptions.EVENTS_TOPIC);
        long ts = 1_700_000_000_000L;

        List<ProducerRecord<String, byte[]>> phase1 = new ArrayList<>();
        phase1.add(TopicReader.eventRecord(events, Event.interaction(userOnB, X, EventType.VIEW, "web", ts)));
        for (String user : usersOnA) {
            phase1.add(TopicReader.eventRecord(events, Event.interaction(user, X, EventType.VIEW, "app", ++ts)));
            phase1.add(TopicReader.eventRecord(events, Event.interaction(user, Y, EventType.VIEW, "app", ++ts)));
        }

        try (JobUnderTest job = JobUnderTest.start(conf);
             TopicReader itemFactors = new TopicReader(kafka.bootstrapServers(), conf.get(RecStreamOptions.ITEM_FACTORS_TOPIC));
             TopicReader recommendations = new TopicReader(kafka.bootstrapServers(), conf.get(RecStreamOptions.RECOMMENDATIONS_TOPIC))) {
            TopicReader.produce(kafka.bootstrapServers(), events, phase1);
            job.awaitProcessed(phase1.size(), Duration.ofMinutes(2));
            // The owner of novel-x has published it with novel-y as a neighbour, learnt on subtask A.
            itemFactors.pollUntil(records -> records.stream().anyMatch(ItemLoopIT::isXWithNeighbourY),
                    Duration.ofSeconds(60), "novel-x published with neighbour novel-y");

            TopicReader.produce(kafka.bootstrapServers(), events,
                    List.of(TopicReader.eventRecord(events, Event.interaction(userOnB, "novel-z", EventType.VIEW, "web", ++ts))));
            job.awaitProcessed(phase1.size() + 1, Duration.ofMinutes(1));

            List<ConsumerRecord<String, byte[]>> lists = recommendations.pollUntil(
                    records -> latestItems(records, userOnB).contains(Y), Duration.ofSeconds(60),
                    "novel-y in the list of " + userOnB + " on subtask B");
            assertThat(latestItems(lists, userOnB)).contains(Y).doesNotContain(X, "novel-z");
        }
    }

    private static boolean isXWithNeighbourY(ConsumerRecord<String, byte[]> r) {
        if (r.value() == null) {
            return false; // a tombstone
        }
        ItemFactor f = ItemFactorCodec.decode(r.key(), r.value());
        return X.equals(f.item) && Arrays.stream(f.neighbours).anyMatch(n -> n == NumericId.of(Y));
    }

    private static List<String> latestItems(List<ConsumerRecord<String, byte[]>> records, String user) {
        Recommendation latest = TopicReader.latestList(records, user);
        List<String> items = new ArrayList<>();
        if (latest != null) {
            for (Recommendation.ScoredItem s : latest.items) {
                items.add(s.item);
            }
        }
        return items;
    }

    /** Users whose numeric id (the key) Flink's key-group assignment sends to the given user-learner subtask. */
    private static List<String> usersOnSubtask(int subtask, int count) {
        List<String> users = new ArrayList<>();
        for (int n = 0; users.size() < count; n++) {
            String user = "user-" + subtask + "-" + n;
            if (KeyGroupRangeAssignment.assignKeyToParallelOperator(NumericId.of(user), MAX_PARALLELISM, PARALLELISM) == subtask) {
                users.add(user);
            }
        }
        return users;
    }
}
