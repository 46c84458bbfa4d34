package io.recstream.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.util.Map;

class KafkaThreadsTest {
    @Test
    void tellsTheBrokersThreadsFromTheClientsAndTheJobs() {
        assertThat(KafkaThreads.of("data-plane-kafka-request-handler-3")).isEqualTo(KafkaThreads.BROKER);
        assertThat(KafkaThreads.of("data-plane-kafka-network-thread-0-EXTERNAL-PLAINTEXT-1")).isEqualTo(KafkaThreads.BROKER);
        assertThat(KafkaThreads.of("kafka-0-raft-io-thread")).isEqualTo(KafkaThreads.BROKER);
        assertThat(KafkaThreads.of("quorum-controller-0-event-handler")).isEqualTo(KafkaThreads.BROKER);
        assertThat(KafkaThreads.of("log-closing-/tmp/kafka-1/combined_0_0")).isEqualTo(KafkaThreads.BROKER);
        assertThat(KafkaThreads.of("kafka-producer-network-thread | producer-recstream-recommendations-0-1"))
                .isEqualTo(KafkaThreads.PRODUCER_NETWORK);
        assertThat(KafkaThreads.of("Source Data Fetcher for Source: item-factors-source -> item-factors-batcher"))
                .isEqualTo(KafkaThreads.SOURCE_FETCHERS);
        assertThat(KafkaThreads.of("kafka-admin-client-thread | adminclient-1")).isNull();
        assertThat(KafkaThreads.of("Source: events-source -> event-validation")).isNull();
        assertThat(KafkaThreads.of("user-learner -> (item-update-accumulator, live-lists)")).isNull();
    }

    @Test
    void sumsTheCpuOfEachPart() {
        Map<KafkaThreads, Long> sums = KafkaThreads.sum(Map.of(
                "data-plane-kafka-request-handler-1", 5L, "data-plane-kafka-request-handler-2", 7L,
                "kafka-producer-network-thread | producer-1", 3L, "user-learner", 100L));
        assertThat(sums).containsEntry(KafkaThreads.BROKER, 12L).containsEntry(KafkaThreads.PRODUCER_NETWORK, 3L)
                .containsEntry(KafkaThreads.SOURCE_FETCHERS, 0L);
    }
}
