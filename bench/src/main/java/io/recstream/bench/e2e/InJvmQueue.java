package io.recstream.bench.e2e;

import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An unbounded queue between a sink and a source of the same MiniCluster (one JVM), found by
 * name: the bench's stand-in for a Kafka topic. Unbounded like a topic, so a loop through it
 * cannot deadlock on back-pressure.
 */
final class InJvmQueue<T> {
    private static final Map<String, InJvmQueue<?>> QUEUES = new ConcurrentHashMap<>();

    private final Queue<T> items = new ConcurrentLinkedQueue<>();
    private final AtomicReference<CompletableFuture<Void>> available = new AtomicReference<>(new CompletableFuture<>());

    private InJvmQueue() {}

    @SuppressWarnings("unchecked")
    static <T> InJvmQueue<T> named(String name) {
        return (InJvmQueue<T>) QUEUES.computeIfAbsent(name, n -> new InJvmQueue<>());
    }

    static void remove(String name) {
        QUEUES.remove(name);
    }

    void add(T item) {
        items.add(item);
        available.get().complete(null);
    }

    /** The next item, or null when there is none now. */
    T poll() {
        return items.poll();
    }

    /** Completes when an item may be there; checked after taking the future, so no wake-up is lost. */
    CompletableFuture<Void> whenAvailable() {
        CompletableFuture<Void> future = available.get();
        if (future.isDone()) {
            CompletableFuture<Void> fresh = new CompletableFuture<>();
            future = available.compareAndSet(future, fresh) ? fresh : available.get();
        }
        return items.isEmpty() ? future : CompletableFuture.completedFuture(null);
    }
}
