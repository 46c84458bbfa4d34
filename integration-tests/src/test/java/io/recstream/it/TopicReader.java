package io.recstream.it;

import io.recstream.event.Event;
import io.recstream.event.EventJson;
import io.recstream.job.kafka.Json;
import io.recstream.recommend.Recommendation;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ListTransactionsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.function.Predicate;

/** Reads every record of a topic as a read_committed client, accumulating them across polls. */
final class TopicReader implements AutoCloseable {
    private final String bootstrapServers;
    private final KafkaConsumer<String, byte[]> consumer;
    private final List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();

    TopicReader(String bootstrapServers, String topic) {
        this.bootstrapServers = bootstrapServers;
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrapServers);
        props.put("isolation.level", "read_committed");
        props.put("auto.offset.reset", "earliest");
        props.put("group.id", "it-reader-" + topic + "-" + System.nanoTime());
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(topic));
    }

    /** Polls until {@code condition} holds on all records read so far, or fails at the deadline. */
    List<ConsumerRecord<String, byte[]>> pollUntil(Predicate<List<ConsumerRecord<String, byte[]>>> condition,
                                                   Duration deadline, String what) {
        long end = System.nanoTime() + deadline.toNanos();
        while (!condition.test(records)) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what + " (" + records.size() + " records read)\n"
                        + diagnosis());
            }
            consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        }
        return records;
    }

    /**
     * Where this reader stands on each partition, the records on the topic, and the broker's open transactions: a
     * read_committed reader stops below the first record of an open transaction, so when it stops
     * short this names the transactional id that holds it.
     */
    private String diagnosis() {
        StringBuilder out = new StringBuilder();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            for (TopicPartition partition : consumer.assignment()) {
                out.append(partition).append(": read up to ").append(consumer.position(partition)).append('\n');
            }
            out.append("records on the topic, committed or not: ").append(uncommittedCount()).append('\n');
            List<String> ongoing = new ArrayList<>();
            for (TransactionListing listing : admin.listTransactions(
                    new ListTransactionsOptions().filterStates(List.of(TransactionState.ONGOING))).all().get()) {
                ongoing.add(listing.transactionalId());
            }
            for (var open : admin.describeTransactions(ongoing).all().get().entrySet()) {
                out.append("open transaction ").append(open.getKey()).append(" (producer ").append(open.getValue().producerId())
                        .append(" epoch ").append(open.getValue().producerEpoch()).append(") since ")
                        .append(open.getValue().transactionStartTimeMs()).append(" on ").append(open.getValue().topicPartitions())
                        .append('\n');
            }
        } catch (Exception e) {
            out.append("(could not describe transactions: ").append(e).append(')');
        }
        return out.toString();
    }

    /** The data records on this reader's partitions as a read_uncommitted reader sees them: those of open and aborted transactions too. */
    private long uncommittedCount() {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrapServers);
        props.put("isolation.level", "read_uncommitted");
        try (KafkaConsumer<String, byte[]> all = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>(consumer.assignment());
            all.assign(partitions);
            all.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = all.endOffsets(partitions);
            long count = 0;
            long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> all.position(p) < ends.get(p)) && System.nanoTime() < end) {
                count += all.poll(Duration.ofMillis(200)).count();
            }
            return count;
        }
    }

    /** Writes {@code records} and returns once the broker acknowledged every one (a refusal fails the test). */
    static void produce(String bootstrapServers, String topic, List<ProducerRecord<String, byte[]>> records) throws Exception {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrapServers);
        props.put("acks", "all");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            List<Future<RecordMetadata>> acks = new ArrayList<>(records.size());
            for (ProducerRecord<String, byte[]> r : records) {
                acks.add(producer.send(r));
            }
            for (Future<RecordMetadata> ack : acks) {
                ack.get();
            }
        }
    }

    /** An event as the job reads it from the events topic: JSON, keyed by user. */
    static ProducerRecord<String, byte[]> eventRecord(String topic, Event e) {
        return new ProducerRecord<>(topic, e.user, EventJson.toJson(e).getBytes(StandardCharsets.UTF_8));
    }

    /** The user's list with the highest version among {@code records} of the recommendations topic, or null. */
    static Recommendation latestList(List<ConsumerRecord<String, byte[]>> records, String user) {
        Recommendation latest = null;
        for (ConsumerRecord<String, byte[]> r : records) {
            Recommendation rec = Json.readOrNull(r.value(), Recommendation.class);
            if (rec != null && user.equals(rec.user) && (latest == null || rec.version > latest.version)) {
                latest = rec;
            }
        }
        return latest;
    }

    /**
     * Makes the compacted {@code topic} keep every record, for a test that counts every list the
     * job wrote: on a compacted topic the embedded broker's cleaner (which runs every second) drops
     * a user's older lists as soon as their segment rolls, possibly before the test has read them.
     */
    static void keepEveryRecord(String bootstrapServers, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, topic), List.of(
                    new AlterConfigOp(new ConfigEntry("cleanup.policy", "delete"), AlterConfigOp.OpType.SET),
                    new AlterConfigOp(new ConfigEntry("retention.ms", "-1"), AlterConfigOp.OpType.SET)))).all().get();
        }
    }

    /** Deletes every record of {@code topic}, as retention would: offsets go on from where they were. */
    static void deleteAllRecords(String bootstrapServers, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < partitions; p++) {
                latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            Map<TopicPartition, RecordsToDelete> upToTheEnd = new HashMap<>();
            admin.listOffsets(latest).all().get().forEach((partition, end) ->
                    upToTheEnd.put(partition, RecordsToDelete.beforeOffset(end.offset())));
            admin.deleteRecords(upToTheEnd).all().get();
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
