package io.recstream.bench.e2e;

import io.recstream.job.kafka.Json;
import io.recstream.recommend.Recommendation;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Reads the recommendations topic and records each list's latency, with a given isolation level:
 * read_uncommitted sees a list when the job writes it (what an at-least-once sink would give),
 * read_committed when the checkpoint that commits its transaction completes (exactly-once).
 */
final class TopicLatency implements Runnable, AutoCloseable {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final LatencyHistogram latencies;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    TopicLatency(String bootstrapServers, String topic, String isolationLevel, LatencyHistogram latencies) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrapServers);
        props.put("isolation.level", isolationLevel);
        props.put("auto.offset.reset", "earliest");
        props.put("enable.auto.commit", "false");
        props.put("group.id", "bench-latency-" + isolationLevel);
        this.consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.consumer.subscribe(List.of(topic));
        this.latencies = latencies;
        this.thread = new Thread(this, "latency-" + isolationLevel);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    @Override
    public void run() {
        try {
            while (running.get()) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    Recommendation list = Json.readOrNull(r.value(), Recommendation.class);
                    if (list != null) {
                        latencies.record(System.currentTimeMillis(), list.ts);
                    }
                }
            }
        } finally {
            consumer.close();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join(10_000);
    }
}
