package io.recstream.bench.e2e;

import java.util.EnumMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Which part of the Kafka path a thread belongs to, by its name: the embedded broker, the
 * producers' network threads (the job's sinks), the consumers' fetcher threads (the job's
 * sources), or none (the job's tasks, Flink, the JVM). What Kafka adds to an event is read from
 * these sums; the task threads that parse events or serialise records for a sink are the job's
 * and stay in the per-thread figures.
 */
enum KafkaThreads {
    BROKER("broker"),
    PRODUCER_NETWORK("producer network threads"),
    SOURCE_FETCHERS("source fetchers");

    /** The broker's thread names in Kafka 4 (KRaft, one combined node). */
    private static final Pattern BROKER_THREAD = Pattern.compile("^(data-plane-kafka-|kafka-(?!producer-|admin-client-)"
            + "|broker-\\d|controller-\\d|quorum-controller-|group-coordinator-|share-coordinator-|ExpirationReaper-"
            + "|TxnMarkerSenderThread-|AddPartitionsToTxnSenderThread-|log-closing-|executor-|LogDirFailureHandler"
            + "|transaction-|PersisterStateManager|persister-|client-metrics-reaper|network-partition-metadata-client-reaper)");

    final String label;

    KafkaThreads(String label) {
        this.label = label;
    }

    /** The part {@code thread} belongs to, null for a thread outside the Kafka path. */
    static KafkaThreads of(String thread) {
        if (thread.startsWith("kafka-producer-network-thread")) {
            return PRODUCER_NETWORK;
        }
        if (thread.startsWith("Source Data Fetcher for ")) {
            return SOURCE_FETCHERS;
        }
        return BROKER_THREAD.matcher(thread).find() ? BROKER : null;
    }

    /** CPU nanoseconds by part, from CPU nanoseconds by thread name. */
    static Map<KafkaThreads, Long> sum(Map<String, Long> cpuByThread) {
        Map<KafkaThreads, Long> sums = new EnumMap<>(KafkaThreads.class);
        for (KafkaThreads part : values()) {
            sums.put(part, 0L);
        }
        cpuByThread.forEach((thread, cpu) -> {
            KafkaThreads part = of(thread);
            if (part != null) {
                sums.merge(part, cpu, Long::sum);
            }
        });
        return sums;
    }
}
