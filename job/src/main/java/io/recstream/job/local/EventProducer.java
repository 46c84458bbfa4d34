package io.recstream.job.local;

import io.recstream.event.Event;
import io.recstream.event.EventJson;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/**
 * Writes events to the events topic (key = user, so a user's events stay in order), at a target
 * rate, optionally mixing in malformed records so the dead-letter path is exercised.
 */
public final class EventProducer implements Runnable, AutoCloseable {
    private final KafkaProducer<String, byte[]> producer;
    private final String topic;
    private final Iterator<Event> events;
    private final long limit;
    private final double eventsPerSecond;
    private final LongFunction<byte[]> badRecordEvery;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong sent = new AtomicLong();

    /**
     * @param badRecordEvery given the count sent so far, a malformed record to send before the
     *     next event, or null for none
     */
    public EventProducer(String bootstrapServers, String topic, Iterator<Event> events, long limit,
                         double eventsPerSecond, LongFunction<byte[]> badRecordEvery) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrapServers);
        props.put("linger.ms", "5");
        props.put("acks", "all");
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        this.topic = topic;
        this.events = events;
        this.limit = limit;
        this.eventsPerSecond = eventsPerSecond;
        this.badRecordEvery = badRecordEvery;
    }

    @Override
    public void run() {
        long start = System.nanoTime();
        while (running.get() && sent.get() < limit && events.hasNext()) {
            long n = sent.get();
            byte[] bad = badRecordEvery == null ? null : badRecordEvery.apply(n);
            if (bad != null) {
                producer.send(new ProducerRecord<>(topic, null, bad));
            }
            Event e = events.next();
            // record time = event time, as a well-behaved producer would stamp it
            producer.send(new ProducerRecord<>(topic, null, e.ts, e.user, EventJson.toJson(e).getBytes(StandardCharsets.UTF_8)));
            sent.incrementAndGet();
            if (eventsPerSecond > 0) {
                pace(start, n + 1);
            }
        }
        producer.flush();
    }

    /** Keeps the producer at the target rate: parks until the n-th event is due. */
    private void pace(long startNanos, long n) {
        long due = startNanos + (long) (n * 1e9 / eventsPerSecond);
        long wait = due - System.nanoTime();
        if (wait > 0) {
            java.util.concurrent.locks.LockSupport.parkNanos(wait);
        }
    }

    public long sent() {
        return sent.get();
    }

    public void stop() {
        running.set(false);
    }

    @Override
    public void close() {
        stop();
        producer.close();
    }
}
