package io.recstream.it;

import io.recstream.event.Event;
import io.recstream.event.EventType;
import io.recstream.job.LearningOptions;
import io.recstream.job.ModelOptions;
import io.recstream.job.RecStreamOptions;
import io.recstream.job.local.EmbeddedKafka;

import org.apache.flink.configuration.Configuration;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The scenario behind a checked-in savepoint of the job's state format (see
 * {@link SavepointFormatIT}): the events that fill every stateful operator, the job's options,
 * and the Kafka offsets a restore needs.
 *
 * <p>A savepoint holds the Kafka sources' offsets, so a restored job resumes where the savepoint
 * was taken. The writer keeps the end offset of each partition the job reads; a restore moves a
 * fresh broker's partitions to those offsets, with nothing left to read before them (as after
 * retention), so only the savepoint can give the restored job what it knew.
 */
final class FrozenSavepoint {
    static final String TOPIC_PREFIX = "frozen-";
    static final int PARALLELISM = 2;
    /** The user whose history, list version and neighbours the restore test checks. */
    static final String READER = "reader-1";
    static final long FIRST_TS = 1_700_000_000_000L;
    private static final String END_OFFSET = "end-offset.";

    private FrozenSavepoint() {}

    /** The job's options for writing and restoring the savepoint. */
    static Configuration configuration(EmbeddedKafka kafka, Path scratch) throws Exception {
        Configuration conf = JobUnderTest.configuration(kafka, scratch, TOPIC_PREFIX, PARALLELISM);
        conf.set(LearningOptions.REFIND_WEIGHT, 0f); // lists of new items only: a seen item in one is a lost history
        // The savepoints were written with ranking-v1 on (the default then) and hold its operator;
        // and the restored reader's list must change to be published again: ranking-v1 re-orders
        // it after a view of an unknown item, which leaves the blend's (and ranking-v2's) order as it was.
        conf.set(ModelOptions.RANKER_ENABLED, true);
        conf.set(ModelOptions.RANKER_MODEL, "classpath:models/ranking-v1.onnx");
        return conf;
    }

    /**
     * Events that reach every stateful operator: interactions of every type on every channel
     * (users, items, co-occurrences, purchases), searches (intents), and one record that is not
     * an event (the dead-letter path). 30 shoppers view popular-1..5; the reader views the two
     * most popular only, so after a restore their list must hold popular-3..5 and not popular-1..2.
     */
    static List<ProducerRecord<String, byte[]>> events(String topic) {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        EventType[] types = {EventType.VIEW, EventType.CLICK, EventType.CART, EventType.PURCHASE, EventType.VIEW};
        String[] channels = {"app", "web", "store"};
        long ts = FIRST_TS;
        for (int u = 0; u < 30; u++) {
            for (int i = 1; i <= 5; i++) {
                records.add(TopicReader.eventRecord(topic,
                        Event.interaction("user-" + u, "popular-" + i, types[i - 1], channels[(u + i) % 3], ts += 1_000)));
            }
            if (u % 10 == 0) {
                records.add(TopicReader.eventRecord(topic, Event.search("user-" + u, "red running shoes", "app", ts += 1_000)));
            }
        }
        records.add(new ProducerRecord<>(topic, "broken", "not an event".getBytes(StandardCharsets.UTF_8)));
        records.add(TopicReader.eventRecord(topic, Event.interaction(READER, "popular-1", EventType.VIEW, "web", ts += 1_000)));
        records.add(TopicReader.eventRecord(topic, Event.interaction(READER, "popular-2", EventType.VIEW, "web", ts += 1_000)));
        return records;
    }

    /** The valid events among {@link #events}: what the job must have processed before the savepoint. */
    static long validEvents() {
        return events("count").size() - 1;
    }

    /** An event time after every event of the scenario. */
    static long nextTs() {
        return FIRST_TS + 1_000L * (events("count").size() + 1);
    }

    /** The topics whose offsets the job's sources keep in a savepoint. */
    static List<String> readTopics(Configuration conf) {
        return List.of(conf.get(RecStreamOptions.EVENTS_TOPIC), conf.get(RecStreamOptions.ITEM_FACTORS_TOPIC));
    }

    /** Puts the end offset of every partition of {@code topics} into {@code facts}. */
    static void putEndOffsets(EmbeddedKafka kafka, List<String> topics, Properties facts) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (String topic : topics) {
                int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
                for (int p = 0; p < partitions; p++) {
                    latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
                }
            }
            admin.listOffsets(latest).all().get().forEach((partition, end) ->
                    facts.setProperty(END_OFFSET + partition.topic() + "." + partition.partition(), Long.toString(end.offset())));
        }
    }

    /**
     * Moves every partition named in {@code facts} to its end offset there, with placeholder
     * records: tombstones of an item no one has, which the job would skip were it to read them.
     * The events topic is then emptied up to that offset (a compacted topic cannot be), so a job
     * that did not restore the savepoint finds no events of the scenario.
     */
    static void moveToEndOffsets(EmbeddedKafka kafka, Properties facts, String eventsTopic) throws Exception {
        Properties props = new Properties();
        props.put("bootstrap.servers", kafka.bootstrapServers());
        props.put("acks", "all");
        byte[] placeholder = "placeholder".getBytes(StandardCharsets.UTF_8);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (String name : facts.stringPropertyNames()) {
                if (name.startsWith(END_OFFSET)) {
                    String partition = name.substring(END_OFFSET.length());
                    String topic = partition.substring(0, partition.lastIndexOf('.'));
                    int p = Integer.parseInt(partition.substring(partition.lastIndexOf('.') + 1));
                    long end = Long.parseLong(facts.getProperty(name));
                    for (long n = 0; n < end; n++) {
                        producer.send(new ProducerRecord<>(topic, p, placeholder, null));
                    }
                }
            }
            producer.flush();
        }
        TopicReader.deleteAllRecords(kafka.bootstrapServers(), eventsTopic);
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (var paths = Files.walk(from)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
