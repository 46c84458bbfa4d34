package io.recstream.job.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.recstream.event.Event;
import io.recstream.synthetic.SyntheticEventGenerator;

import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.Properties;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.LongFunction;

class EventProducerTest {
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    /** A malformed record before every 7th event, as the demo mixes them in. */
    private static final LongFunction<byte[]> EVERY_SEVENTH = n -> n > 0 && n % 7 == 0
            ? "not json".getBytes(StandardCharsets.UTF_8) : null;

    private static MockProducer<String, byte[]> broker() {
        return new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
    }

    private static Iterator<Event> events() {
        return SyntheticEventGenerator.builder().users(50).seed(3).build();
    }

    @Test
    void neverRunsMoreThanTheBoundAheadOfWhatTheJobTook() {
        MockProducer<String, byte[]> broker = broker();
        Semaphore room = new Semaphore(10);
        EventProducer producer = new EventProducer(broker, "events", events(), 100, 0, EVERY_SEVENTH, room);
        start(producer);

        // The job has taken nothing: the producer sends the bound, then waits for room.
        awaitWaitingForRoom(room, () -> broker.history().size() == 10);
        assertThat(broker.history()).hasSize(10);
        assertThat(producer.acknowledgedEvents() + producer.acknowledgedMalformed()).isEqualTo(10);

        // The job takes 5 (learned or dead-lettered): exactly 5 more go out.
        room.release(5);
        awaitWaitingForRoom(room, () -> broker.history().size() == 15);
        assertThat(broker.history()).hasSize(15);

        room.release(1_000);
        await(producer::finished, "the producer finishing");
        long malformed = 99 / 7; // before events 7, 14, ..., 98
        assertThat(producer.sent()).isEqualTo(100);
        assertThat(producer.acknowledgedEvents()).isEqualTo(100);
        assertThat(producer.acknowledgedMalformed()).isEqualTo(malformed);
        assertThat(broker.history()).hasSize((int) (100 + malformed));
        assertThat(producer.failed()).isZero();
        assertThat(producer.inFlight()).isZero();
    }

    @Test
    void aRefusedSendIsCountedWithItsErrorAndGivesItsRoomBack() {
        MockProducer<String, byte[]> broker = broker();
        KafkaException refusal = new KafkaException("refused by the test");
        broker.sendException = refusal;
        Semaphore room = new Semaphore(3);
        EventProducer producer = new EventProducer(broker, "events", events(), 20, 0, EVERY_SEVENTH, room);

        start(producer);
        await(producer::finished, "the producer finishing"); // with 3 permits, only if failures give theirs back

        assertThat(producer.sent()).isEqualTo(20);
        assertThat(producer.acknowledgedEvents() + producer.acknowledgedMalformed()).isZero();
        assertThat(producer.failed()).isEqualTo(20 + 2);
        assertThat(producer.firstError()).isSameAs(refusal);
        assertThat(producer.inFlight()).isZero();
        assertThat(room.availablePermits()).isEqualTo(3);
        assertThat(producer.finished()).isTrue();
    }

    @Test
    void aRecordIsInFlightUntilTheBrokerAnswersAndARefusalFreesItsRoom() {
        MockProducer<String, byte[]> broker = new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer());
        Semaphore room = new Semaphore(3);
        EventProducer producer = new EventProducer(broker, "events", events(), 10, 0, null, room);
        start(producer);

        awaitWaitingForRoom(room, () -> broker.history().size() == 3);
        assertThat(producer.inFlight()).isEqualTo(3);

        KafkaException refusal = new KafkaException("refused by the test");
        assertThat(broker.errorNext(refusal)).isTrue();
        // the refused record's permit lets exactly one more record out
        awaitWaitingForRoom(room, () -> broker.history().size() == 4);
        assertThat(producer.failed()).isEqualTo(1);
        assertThat(producer.firstError()).isSameAs(refusal);
        assertThat(producer.inFlight()).isEqualTo(3);

        assertThat(broker.completeNext()).isTrue();
        assertThat(producer.acknowledgedEvents()).isEqualTo(1);
        assertThat(producer.inFlight()).isEqualTo(2);

        room.release(100);
        await(producer::finished, "the producer finishing"); // its flush completes the rest
        assertThat(producer.acknowledgedEvents() + producer.failed()).isEqualTo(10);
        assertThat(producer.inFlight()).isZero();
    }

    @Test
    void everyRecordIsWrittenOnceAndAcknowledgedByAllReplicasInLargeBatches() {
        Properties settings = EventProducer.settings("broker:9092");

        assertThat(settings.getProperty("acks")).isEqualTo("all");
        assertThat(settings.getProperty("enable.idempotence")).isEqualTo("true");
        // Kafka's 16 KB batch holds about 80 events; a producer at full speed fills it in a fraction of its linger
        assertThat(Integer.parseInt(settings.getProperty("batch.size"))).isGreaterThanOrEqualTo(256 * 1024);
    }

    private static void start(EventProducer producer) {
        Thread thread = new Thread(producer, "producer-under-test");
        thread.setDaemon(true); // a producer a broken bound leaves waiting must not keep the JVM alive
        thread.start();
    }

    /** Waits until the producer is blocked for a permit and {@code condition} holds. */
    private static void awaitWaitingForRoom(Semaphore room, BooleanSupplier condition) {
        await(() -> room.hasQueuedThreads() && condition.getAsBoolean(), "the producer waiting for room");
    }

    private static void await(BooleanSupplier condition, String what) {
        long end = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            LockSupport.parkNanos(1_000_000); // a poll interval, not a timing assumption
        }
    }
}
