package io.recstream.job.local;

import io.recstream.event.Event;
import io.recstream.event.EventJson;

import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.Iterator;
import java.util.Properties;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongFunction;

/**
 * Writes events to the events topic (key = user, so a user's events stay in order), at a target
 * rate, optionally mixing in malformed records so the dead-letter path is exercised.
 *
 * <p>A record counts once the broker acknowledged it; a send the broker refused (or that never
 * left the client) counts as failed and keeps the first error, so no record disappears unseen.
 * Each record stamps the event time as its Kafka record time, as a well-behaved producer would.
 *
 * <p>With a bound ({@code room}), a permit is taken per record before it is sent: whoever sees
 * the job take records (learn them or dead-letter them) releases permits, so the producer never
 * runs more than the bound ahead of the job. A failed send gives its permit back at once, since
 * the job will never see that record.
 */
public final class EventProducer implements Runnable, AutoCloseable {
    /** How often a producer waiting for room checks whether it was stopped. */
    private static final long STOP_CHECK_MILLIS = 100;

    private final Producer<String, byte[]> producer;
    private final String topic;
    private final Iterator<Event> events;
    private final long limit;
    private final double eventsPerSecond;
    private final LongFunction<byte[]> badRecordEvery;
    private final Semaphore room;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private volatile boolean finished;
    private final AtomicLong sent = new AtomicLong();
    /** Records, events and malformed ones, handed to the client. */
    private final AtomicLong records = new AtomicLong();
    private final AtomicLong acknowledgedEvents = new AtomicLong();
    private final AtomicLong acknowledgedMalformed = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicReference<Exception> firstError = new AtomicReference<>();
    private final Callback onEventSent = (metadata, error) -> completed(error, acknowledgedEvents);
    private final Callback onMalformedSent = (metadata, error) -> completed(error, acknowledgedMalformed);

    /** Without a bound: sends as fast as the client takes records (the whole input, if asked). */
    public EventProducer(String bootstrapServers, String topic, Iterator<Event> events, long limit,
                         double eventsPerSecond, LongFunction<byte[]> badRecordEvery) {
        this(kafkaProducer(bootstrapServers), topic, events, limit, eventsPerSecond, badRecordEvery, null);
    }

    /**
     * @param limit events to send (malformed records not counted)
     * @param eventsPerSecond target rate; 0 for as fast as {@code room} lets it
     * @param badRecordEvery given the count of events sent so far, a malformed record to send
     *     before the next event, or null for none
     * @param room permits for records sent but not yet taken by the job, or null for no bound
     */
    public EventProducer(Producer<String, byte[]> producer, String topic, Iterator<Event> events, long limit,
                         double eventsPerSecond, LongFunction<byte[]> badRecordEvery, Semaphore room) {
        this.producer = producer;
        this.topic = topic;
        this.events = events;
        this.limit = limit;
        this.eventsPerSecond = eventsPerSecond;
        this.badRecordEvery = badRecordEvery;
        this.room = room;
    }

    public static Producer<String, byte[]> kafkaProducer(String bootstrapServers) {
        return new KafkaProducer<>(settings(bootstrapServers), new StringSerializer(), new ByteArraySerializer());
    }

    /**
     * Every record acknowledged by all replicas, written once even when a send is retried
     * (idempotence), in batches of up to 256 KB: a producer at full speed fills Kafka's 16 KB
     * (80 events) in well under its 5 ms linger, and each batch is a produce request the broker handles.
     */
    static Properties settings(String bootstrapServers) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrapServers);
        props.put("acks", "all");
        props.put("enable.idempotence", "true");
        props.put("linger.ms", "5");
        props.put("batch.size", String.valueOf(256 * 1024));
        return props;
    }

    @Override
    public void run() {
        try {
            long start = System.nanoTime();
            while (running.get() && sent.get() < limit && events.hasNext()) {
                long n = sent.get();
                byte[] bad = badRecordEvery == null ? null : badRecordEvery.apply(n);
                if (bad != null) {
                    if (!awaitRoom()) {
                        break;
                    }
                    send(new ProducerRecord<>(topic, null, bad), onMalformedSent);
                }
                if (!awaitRoom()) {
                    break;
                }
                Event e = events.next();
                send(new ProducerRecord<>(topic, null, e.ts, e.user, EventJson.write(e)),
                        onEventSent);
                sent.incrementAndGet();
                if (eventsPerSecond > 0) {
                    pace(start, n + 1);
                }
            }
            producer.flush(); // returns once every send has been acknowledged or has failed
        } finally {
            finished = true;
        }
    }

    private void send(ProducerRecord<String, byte[]> record, Callback callback) {
        records.incrementAndGet();
        try {
            producer.send(record, callback);
        } catch (KafkaException | IllegalStateException notSent) {
            // what the client refuses before sending (closed, too large to serialise) fails like a refusal
            callback.onCompletion(null, notSent);
        }
    }

    private void completed(Exception error, AtomicLong acknowledged) {
        if (error == null) {
            acknowledged.incrementAndGet();
            return;
        }
        firstError.accumulateAndGet(error, EventProducer::moreTelling);
        failed.incrementAndGet();
        if (room != null) {
            room.release();
        }
    }

    /**
     * The first error, unless it only says that the record shared a batch with a refused one (a
     * plain KafkaException): then the first error that names a cause.
     */
    private static Exception moreTelling(Exception first, Exception next) {
        return first == null || (first.getClass() == KafkaException.class && next.getClass() != KafkaException.class)
                ? next : first;
    }

    /** Takes a permit for the next record; false when stopped while waiting for one. */
    private boolean awaitRoom() {
        if (room == null) {
            return true;
        }
        try {
            while (!room.tryAcquire(STOP_CHECK_MILLIS, TimeUnit.MILLISECONDS)) {
                if (!running.get()) {
                    return false;
                }
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Keeps the producer at the target rate: parks until the n-th event is due. */
    private void pace(long startNanos, long n) {
        long due = startNanos + (long) (n * 1e9 / eventsPerSecond);
        long wait = due - System.nanoTime();
        if (wait > 0) {
            LockSupport.parkNanos(wait);
        }
    }

    /** Events handed to the client (acknowledged, failed or still in flight). */
    public long sent() {
        return sent.get();
    }

    /** Events the broker acknowledged. */
    public long acknowledgedEvents() {
        return acknowledgedEvents.get();
    }

    /** Malformed records (sent on purpose) the broker acknowledged. */
    public long acknowledgedMalformed() {
        return acknowledgedMalformed.get();
    }

    /** Records, events or malformed, that the broker refused or that never left the client. */
    public long failed() {
        return failed.get();
    }

    /** Records handed to the client that are neither acknowledged nor failed yet. */
    public long inFlight() {
        return records.get() - acknowledgedEvents.get() - acknowledgedMalformed.get() - failed.get();
    }

    /** The first failed send's error (preferring one that names a cause), or null. */
    public Exception firstError() {
        return firstError.get();
    }

    /** True once the producer has stopped sending and every send it made has completed. */
    public boolean finished() {
        return finished;
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
