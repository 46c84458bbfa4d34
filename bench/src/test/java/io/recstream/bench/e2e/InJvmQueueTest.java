package io.recstream.bench.e2e;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

class InJvmQueueTest {
    @Test
    void aReaderWaitingOnAnEmptyQueueIsWokenByTheNextItem() {
        InJvmQueue<String> queue = InJvmQueue.named("test-wake-up");
        CompletableFuture<Void> waiting = queue.whenAvailable();
        assertThat(waiting).isNotDone();
        queue.add("a");
        assertThat(waiting).isDone();
        assertThat(queue.poll()).isEqualTo("a");
        assertThat(queue.poll()).isNull();
        InJvmQueue.remove("test-wake-up");
    }

    @Test
    void aReaderAskingAfterItsFutureCompletedStillSeesWhatIsQueued() {
        InJvmQueue<String> queue = InJvmQueue.named("test-after-done");
        queue.add("a");
        queue.add("b");
        assertThat(queue.whenAvailable()).isDone();
        assertThat(queue.poll()).isEqualTo("a");
        assertThat(queue.whenAvailable()).isDone();
        assertThat(queue.poll()).isEqualTo("b");
        assertThat(queue.whenAvailable()).isNotDone();
        InJvmQueue.remove("test-after-done");
    }

    @Test
    void theSameNameIsTheSameQueue() {
        InJvmQueue.<String>named("test-shared").add("x");
        assertThat(InJvmQueue.<String>named("test-shared").poll()).isEqualTo("x");
        InJvmQueue.remove("test-shared");
    }
}
