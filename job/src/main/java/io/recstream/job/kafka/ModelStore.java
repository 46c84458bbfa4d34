package io.recstream.job.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.recstream.models.ModelVersion;
import io.recstream.models.ModelVersionSerializer;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;

/**
 * The model store: a compacted Kafka topic with one partition (so every reader sees the versions
 * in the order they were published), key = model name ({@code ranking}, {@code intent}), value =
 * one version ({@link ModelVersionSerializer#toRecord}). Compaction keeps the latest version of
 * each model; the job keeps the live one in its state. {@link #publish} is all a trainer needs.
 */
public final class ModelStore implements AutoCloseable {
    /** Largest model record: the intent models are ~0.3-0.6 MB, above Kafka's 1 MB default a bigger one would be refused. */
    public static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String topic;
    private final KafkaProducer<String, byte[]> producer;

    public ModelStore(String bootstrapServers, String topic) {
        this.topic = topic;
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrapServers);
        props.put("acks", "all");
        props.put("max.request.size", String.valueOf(MAX_MESSAGE_BYTES));
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    /** The store's topic as it must be created: one partition, compacted, records up to {@link #MAX_MESSAGE_BYTES}. */
    public static NewTopic topic(String name) {
        return new NewTopic(name, 1, (short) 1).configs(Map.of(
                "cleanup.policy", "compact",
                "max.message.bytes", String.valueOf(MAX_MESSAGE_BYTES)));
    }

    /**
     * Publishes one version and returns once the broker has it. The running job checks it
     * before it serves (a refused version changes nothing).
     *
     * @param name the model: {@code ranking} or {@code intent}
     * @param version the version's name, written into the metadata's {@code version}
     * @param onnx the ONNX model
     * @param metadata the JSON object of the model's {@code .json} file (features, classes, ...)
     */
    public ModelVersion publish(String name, String version, byte[] onnx, String metadata)
            throws IOException, InterruptedException {
        JsonNode parsed = JSON.readTree(metadata);
        if (!(parsed instanceof ObjectNode object)) {
            throw new IllegalArgumentException("metadata is not a JSON object");
        }
        object.put("version", version);
        ModelVersion published = new ModelVersion(name, version, JSON.writeValueAsString(object), onnx);
        try {
            producer.send(new ProducerRecord<>(topic, name, ModelVersionSerializer.toRecord(published))).get();
        } catch (ExecutionException e) {
            throw new IOException("publishing " + published + " to " + topic + " failed: " + e.getCause().getMessage(), e.getCause());
        }
        return published;
    }

    /**
     * The latest version of model {@code name} in the store at {@code topic}: what a job started
     * now would serve (unless it refuses it: the job checks each version before it serves), and
     * what a job that has been running serves once it has taken it. A record that does not
     * decode is passed over, as the job refuses it and keeps the version before. Null when there
     * is none.
     */
    public static ModelVersion latest(String bootstrapServers, String topic, String name) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrapServers);
        props.put("enable.auto.commit", "false");
        props.put("max.partition.fetch.bytes", String.valueOf(MAX_MESSAGE_BYTES));
        ModelVersion latest = null;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0); // the store has one partition
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            while (consumer.position(partition) < end) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.offset() < end && name.equals(r.key())) {
                        try {
                            latest = ModelVersionSerializer.fromRecord(r.value());
                        } catch (IllegalArgumentException e) {
                            // refused by the job too
                        }
                    }
                }
            }
        }
        return latest;
    }

    @Override
    public void close() {
        producer.close();
    }
}
