package io.recstream.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MicroBatcherTest {
    /** Long enough never to fire during a test: batches there are sent by size. */
    private static final long NEVER = TimeUnit.HOURS.toMillis(1);
    private static final long WAIT_SECONDS = 30;

    /** Requests are "name:rows"; the model answers each with its name upper-cased. */
    private final List<List<String>> calls = Collections.synchronizedList(new ArrayList<>());
    private MicroBatcher<String, String> batcher;

    @AfterEach
    void close() throws Exception {
        if (batcher != null) {
            batcher.close();
        }
    }

    private MicroBatcher<String, String> batcher(int threads, int maxRows, long maxDelayMillis,
                                                 MicroBatcher.BatchCall<String, String> model) {
        batcher = new MicroBatcher<>("test", threads, maxRows, maxDelayMillis,
                r -> Integer.parseInt(r.substring(r.indexOf(':') + 1)), model);
        return batcher;
    }

    private List<String> upperCase(List<String> requests) {
        calls.add(List.copyOf(requests));
        List<String> answers = new ArrayList<>();
        for (String r : requests) {
            answers.add(r.toUpperCase());
        }
        return answers;
    }

    private static String get(CompletableFuture<String> f) throws Exception {
        return f.get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    @Test
    void sendsABatchWhenItsRowsAreFull() throws Exception {
        batcher(1, 100, NEVER, this::upperCase);
        CompletableFuture<String> a = batcher.submit("a:40");
        CompletableFuture<String> b = batcher.submit("b:40");
        assertThat(calls).as("80 of 100 rows: still gathering").isEmpty();
        CompletableFuture<String> c = batcher.submit("c:40"); // would make 120: a and b go first
        assertThat(get(a)).isEqualTo("A:40");
        assertThat(get(b)).isEqualTo("B:40");
        assertThat(c).isNotDone();
        CompletableFuture<String> d = batcher.submit("d:60"); // exactly 100
        assertThat(get(d)).isEqualTo("D:60");
        assertThat(get(c)).isEqualTo("C:40");
        CompletableFuture<String> e = batcher.submit("e:150"); // more than a batch on its own
        assertThat(get(e)).isEqualTo("E:150");
        assertThat(calls).containsExactly(List.of("a:40", "b:40"), List.of("c:40", "d:60"), List.of("e:150"));
        assertThat(batcher.batches()).isEqualTo(3);
        assertThat(batcher.rows()).isEqualTo(330);
    }

    @Test
    void cancelledRequestsLeaveTheirBatchAndDoNotFillIt() throws Exception {
        batcher(1, 3, NEVER, this::upperCase);
        CompletableFuture<String> a = batcher.submit("a:1");
        CompletableFuture<String> b = batcher.submit("b:1");
        a.cancel(false); // their operator timed out
        b.cancel(false);
        CompletableFuture<String> c = batcher.submit("c:1");
        CompletableFuture<String> d = batcher.submit("d:1");
        assertThat(c).as("two live rows of three: still gathering").isNotDone();
        CompletableFuture<String> e = batcher.submit("e:1");
        assertThat(get(c)).isEqualTo("C:1");
        assertThat(get(e)).isEqualTo("E:1");
        assertThat(calls).containsExactly(List.of("c:1", "d:1", "e:1"));
    }

    @Test
    void sendsAPartBatchAfterTheDelay() throws Exception {
        batcher(1, 1_000, 1, this::upperCase);
        CompletableFuture<String> a = batcher.submit("a:1");
        CompletableFuture<String> b = batcher.submit("b:1");
        assertThat(get(a)).isEqualTo("A:1");
        assertThat(get(b)).isEqualTo("B:1");
        assertThat(calls.stream().mapToInt(List::size).sum()).isEqualTo(2);
    }

    @Test
    void oneDelayedFlushWaitsAtATimeNotOnePerBatch() throws Exception {
        batcher(1, 2, NEVER, this::upperCase);
        List<CompletableFuture<String>> answers = new ArrayList<>();
        for (int batch = 0; batch < 5; batch++) {
            answers.add(batcher.submit("a" + batch + ":1")); // a part batch: it needs a flush
            answers.add(batcher.submit("b" + batch + ":1")); // full: it goes, the flush stays
        }
        for (CompletableFuture<String> answer : answers) {
            get(answer);
        }
        assertThat(calls).hasSize(5);
        assertThat(batcher.delayedFlushes()).as("the first part batch's flush serves the four after it").isEqualTo(1);
    }

    @Test
    void aBatchBegunWhileAnEarlierFlushWaitsGoesWhenItIsDueNotBefore() throws Exception {
        AtomicLong now = new AtomicLong();
        Thread test = Thread.currentThread();
        Semaphore flushes = new Semaphore(0); // one permit per look at the clock by a delayed flush
        batcher = new MicroBatcher<>("test", 1, 2, 1, r -> Integer.parseInt(r.substring(r.indexOf(':') + 1)),
                this::upperCase, () -> {
                    if (Thread.currentThread() != test) {
                        flushes.release();
                    }
                    return now.get();
                });
        CompletableFuture<String> x = batcher.submit("x:1"); // schedules the flush
        CompletableFuture<String> y = batcher.submit("y:1"); // full: x and y go, the flush stays scheduled
        assertThat(get(x)).isEqualTo("X:1");
        assertThat(get(y)).isEqualTo("Y:1");
        CompletableFuture<String> b = batcher.submit("b:1"); // at clock 0, due at 1 ms
        // the flush scheduled for x finds b younger than the delay and waits again, then again:
        // one model thread, so a batch sent by the first would have been answered before the second
        assertThat(flushes.tryAcquire(2, WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(b).as("not due by the batcher's clock").isNotDone();
        now.set(TimeUnit.MILLISECONDS.toNanos(1));
        assertThat(get(b)).isEqualTo("B:1");
        assertThat(calls).containsExactly(List.of("x:1", "y:1"), List.of("b:1"));
    }

    @Test
    void noDelaySendsEveryRequestAlone() throws Exception {
        batcher(1, 1_000, 0, this::upperCase);
        assertThat(get(batcher.submit("a:1"))).isEqualTo("A:1");
        assertThat(get(batcher.submit("b:1"))).isEqualTo("B:1");
        assertThat(calls).containsExactly(List.of("a:1"), List.of("b:1"));
    }

    @Test
    void aFailingCallFailsItsOwnBatchOnly() throws Exception {
        batcher(1, 2, NEVER, requests -> {
            if (requests.contains("bad:1")) {
                throw new IllegalStateException("model broke");
            }
            return upperCase(requests);
        });
        CompletableFuture<String> bad = batcher.submit("bad:1");
        CompletableFuture<String> sameBatch = batcher.submit("x:1");
        CompletableFuture<String> next = batcher.submit("y:1");
        CompletableFuture<String> alsoNext = batcher.submit("z:1");
        assertThatThrownBy(() -> get(bad)).isInstanceOf(ExecutionException.class).hasMessageContaining("model broke");
        assertThatThrownBy(() -> get(sameBatch)).isInstanceOf(ExecutionException.class);
        assertThat(get(next)).isEqualTo("Y:1");
        assertThat(get(alsoNext)).isEqualTo("Z:1");
    }

    @Test
    void aWrongNumberOfAnswersFailsTheBatch() {
        batcher(1, 1, NEVER, requests -> List.of());
        assertThatThrownBy(() -> get(batcher.submit("a:1")))
                .isInstanceOf(ExecutionException.class)
                .hasMessageContaining("0 answers for 1 requests");
    }

    @Test
    void modelCallsRunOffTheCallersThreadAndInParallel() throws Exception {
        CountDownLatch bothRunning = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        Thread caller = Thread.currentThread();
        List<Thread> modelThreads = Collections.synchronizedList(new ArrayList<>());
        batcher(2, 1, NEVER, requests -> {
            modelThreads.add(Thread.currentThread());
            bothRunning.countDown();
            release.await();
            return upperCase(requests);
        });
        CompletableFuture<String> a = batcher.submit("a:1");
        CompletableFuture<String> b = batcher.submit("b:1"); // submit did not wait for a's call
        assertThat(bothRunning.await(WAIT_SECONDS, TimeUnit.SECONDS)).as("two calls at once").isTrue();
        release.countDown();
        assertThat(get(a)).isEqualTo("A:1");
        assertThat(get(b)).isEqualTo("B:1");
        assertThat(modelThreads).doesNotContain(caller);
        assertThat(modelThreads.get(0).getName()).startsWith("recstream-test-model-");
    }

    @Test
    void closeFailsWaitingRequestsRefusesNewOnesAndWaitsForCallsInFlight() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        batcher(1, 2, NEVER, requests -> {
            running.countDown();
            release.await();
            return upperCase(requests);
        });
        CompletableFuture<String> inFlight = batcher.submit("a:2");
        assertThat(running.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<String> waiting = batcher.submit("b:1");
        assertThat(batcher.close(1)).as("a call is still running").isFalse();
        assertThatThrownBy(() -> get(waiting)).isInstanceOf(CancellationException.class);
        assertThatThrownBy(() -> get(batcher.submit("c:1"))).hasMessageContaining("closed");
        release.countDown();
        assertThat(batcher.close(TimeUnit.SECONDS.toMillis(WAIT_SECONDS))).isTrue();
        assertThat(get(inFlight)).isEqualTo("A:2");
    }

    @Test
    void refusesNonsenseSettings() {
        assertThatThrownBy(() -> batcher(0, 1, 0, this::upperCase)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> batcher(1, 0, 0, this::upperCase)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> batcher(1, 1, -1, this::upperCase)).isInstanceOf(IllegalArgumentException.class);
    }
}
