package io.recstream.sqlgateway;

import io.recstream.job.RecStreamOptions;

import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ScriptedSessionManagerTest {

    @Test
    void kafkaTablesGetTheConfiguredBrokersAndRenamedTopics() {
        Configuration config = new Configuration();
        config.set(RecStreamOptions.BOOTSTRAP_SERVERS, "kafka-1:9092,kafka-2:9092");
        config.set(RecStreamOptions.RECOMMENDATIONS_TOPIC, "shop-recommendations");

        assertThat(ScriptedSessionManager.kafkaOverrides(
                Map.of("properties.bootstrap.servers", "broker:9092", "topic", "recommendations"), config))
                .containsExactly(Map.entry("properties.bootstrap.servers", "kafka-1:9092,kafka-2:9092"),
                        Map.entry("topic", "shop-recommendations"));
        // a topic left at the job's default name and a table of another connector stay as they are
        assertThat(ScriptedSessionManager.kafkaOverrides(
                Map.of("properties.bootstrap.servers", "broker:9092", "topic", "item-factors"), config))
                .containsOnlyKeys("properties.bootstrap.servers");
        assertThat(ScriptedSessionManager.kafkaOverrides(Map.of("connector", "datagen"), config)).isEmpty();
    }
}
