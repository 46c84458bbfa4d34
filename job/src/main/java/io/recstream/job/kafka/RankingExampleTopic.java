package io.recstream.job.kafka;

import io.recstream.ranking.RankingExample;
import io.recstream.ranking.RankingExampleCodec;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * Reads the ranking-examples topic as it is now: every partition from its first record to the end
 * it had when the read began, read_committed (the job writes it in transactions). The topic's
 * retention bounds what there is to read; the trainer's window picks from it by event time. A user's examples are on one
 * partition, so they come in the order the job wrote them. A record that cannot be decoded is
 * counted and skipped, never fatal.
 */
public final class RankingExampleTopic {
    private static final Duration POLL = Duration.ofMillis(500);

    private final String bootstrapServers;
    private final String topic;
    private long unreadable;
    private String firstProblem;

    public RankingExampleTopic(String bootstrapServers, String topic) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
    }

    /**
     * Hands every example to {@code each}, partition by partition; returns how many records were read.
     *
     * @throws IllegalArgumentException when the topic does not exist
     */
    public long read(Consumer<RankingExample> each) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrapServers);
        props.put("isolation.level", "read_committed");
        props.put("enable.auto.commit", "false");
        props.put("max.partition.fetch.bytes", String.valueOf(8 << 20));
        long records = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic);
            if (infos == null || infos.isEmpty()) {
                throw new IllegalArgumentException("no topic " + topic + " at " + bootstrapServers);
            }
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo info : infos) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            for (TopicPartition partition : partitions) {
                long end = ends.get(partition);
                consumer.assign(List.of(partition));
                consumer.seekToBeginning(List.of(partition));
                // read_committed: transaction markers take offsets too, so go by position, not by count
                while (consumer.position(partition) < end) {
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
                        if (r.offset() >= end) {
                            break;
                        }
                        records++;
                        try {
                            if (r.value() == null) {
                                throw new IllegalArgumentException("a record without a value");
                            }
                            each.accept(RankingExampleCodec.decode(r.value()));
                        } catch (IllegalArgumentException e) {
                            if (unreadable++ == 0) {
                                firstProblem = partition + "@" + r.offset() + ": " + e.getMessage();
                            }
                        }
                    }
                }
            }
        }
        return records;
    }

    /** Records that could not be decoded, skipped. */
    public long unreadable() {
        return unreadable;
    }

    /** Where the first undecodable record was and why; null when there was none. */
    public String firstProblem() {
        return firstProblem;
    }
}
