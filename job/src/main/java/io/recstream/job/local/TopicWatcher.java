package io.recstream.job.local;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.IntConsumer;

/**
 * Reads a topic as a SQL client of an upsert table would: read_committed (only what completed
 * checkpoints committed), keeping the latest value per key, and counting records.
 */
public final class TopicWatcher<T> implements Runnable, AutoCloseable {
    private final KafkaConsumer<String, byte[]> consumer;
    private final Function<byte[], T> parse;
    private final IntConsumer onRecords;
    private final Map<String, T> latest = new ConcurrentHashMap<>();
    private final AtomicLong records = new AtomicLong();
    private final AtomicBoolean running = new AtomicBoolean(true);

    public TopicWatcher(String bootstrapServers, String topic, Function<byte[], T> parse) {
        this(bootstrapServers, topic, parse, count -> { });
    }

    /** As above; {@code onRecords} is told how many records each poll brought, once counted. */
    public TopicWatcher(String bootstrapServers, String topic, Function<byte[], T> parse, IntConsumer onRecords) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrapServers);
        props.put("isolation.level", "read_committed");
        props.put("auto.offset.reset", "earliest");
        props.put("enable.auto.commit", "false");
        props.put("group.id", "recstream-watcher-" + topic + "-" + System.nanoTime());
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        this.consumer.subscribe(List.of(topic));
        this.parse = parse;
        this.onRecords = onRecords;
    }

    /** Starts watching on a daemon thread. */
    public TopicWatcher<T> startInBackground(String name) {
        Thread thread = new Thread(this, name);
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    @Override
    public void run() {
        try {
            while (running.get()) {
                ConsumerRecords<String, byte[]> batch = consumer.poll(Duration.ofMillis(200));
                for (ConsumerRecord<String, byte[]> r : batch) {
                    records.incrementAndGet();
                    T value = parse.apply(r.value());
                    if (value != null && r.key() != null) {
                        latest.put(r.key(), value);
                    }
                }
                if (!batch.isEmpty()) {
                    onRecords.accept(batch.count());
                }
            }
        } finally {
            consumer.close();
        }
    }

    public T latest(String key) {
        return latest.get(key);
    }

    public Map<String, T> latestByKey() {
        return Map.copyOf(latest);
    }

    public long records() {
        return records.get();
    }

    @Override
    public void close() {
        running.set(false);
    }
}
