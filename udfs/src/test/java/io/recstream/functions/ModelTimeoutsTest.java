package io.recstream.functions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ModelTimeoutsTest {
    @Test
    void theThreadRunsTheSweepsWhileOneIsRegisteredAndStopsWithTheLast() throws Exception {
        ModelTimeouts timeouts = new ModelTimeouts();
        CountDownLatch firstRan = new CountDownLatch(2);
        CountDownLatch secondRan = new CountDownLatch(2);
        ModelTimeouts.Sweep first = timeouts.every(TimeUnit.MILLISECONDS.toNanos(1), () -> {
            firstRan.countDown();
            throw new IllegalStateException("a failed sweep does not stop the next");
        });
        ModelTimeouts.Sweep second = timeouts.every(TimeUnit.MILLISECONDS.toNanos(1), secondRan::countDown);
        assertThat(firstRan.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(secondRan.await(30, TimeUnit.SECONDS)).isTrue();

        first.close();
        first.close(); // once only: the second sweep still holds the thread
        assertThat(timeouts.running()).isTrue();
        second.close();
        assertThat(timeouts.running()).as("no sweep left, no thread left").isFalse();

        CountDownLatch again = new CountDownLatch(1);
        try (ModelTimeouts.Sweep third = timeouts.every(TimeUnit.MILLISECONDS.toNanos(1), again::countDown)) {
            assertThat(again.await(30, TimeUnit.SECONDS)).as("a new thread for a new sweep").isTrue();
        }
        assertThat(timeouts.running()).isFalse();
    }
}
