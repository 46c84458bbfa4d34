package io.recstream.job.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.recstream.job.RecStreamOptions;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Properties;

class KafkaConnectorsTest {
    @Test
    void theExactlyOnceSinksFillBatchesForAsLongAsNoReaderSeesThem() {
        Properties defaults = KafkaConnectors.transactionalProducer(new Configuration());

        // Kafka's own defaults are 5 ms and 16 KB: a produce request every dozen lists
        assertThat(defaults.getProperty("linger.ms")).isEqualTo("100");
        assertThat(defaults.getProperty("batch.size")).isEqualTo(String.valueOf(256 * 1024));
        assertThat(defaults.getProperty("transaction.timeout.ms")).isEqualTo(String.valueOf(Duration.ofMinutes(10).toMillis()));
    }

    @Test
    void theOptionsSetTheSinksProducer() {
        Configuration conf = new Configuration();
        conf.set(RecStreamOptions.TRANSACTIONAL_LINGER, Duration.ofMillis(7));
        conf.set(RecStreamOptions.TRANSACTIONAL_BATCH_SIZE, MemorySize.parse("32kb"));
        conf.set(RecStreamOptions.TRANSACTION_TIMEOUT, Duration.ofMinutes(3));

        Properties props = KafkaConnectors.transactionalProducer(conf);

        assertThat(props.getProperty("linger.ms")).isEqualTo("7");
        assertThat(props.getProperty("batch.size")).isEqualTo(String.valueOf(32 * 1024));
        assertThat(props.getProperty("transaction.timeout.ms")).isEqualTo(String.valueOf(Duration.ofMinutes(3).toMillis()));
    }

    @Test
    void theItemFactorsSinkSendsEachBurstInLargeBatchesWithoutWaitingLonger() {
        Properties defaults = KafkaConnectors.itemFactorProducer(new Configuration());
        // Kafka's 16 KB held a dozen items: a burst of the item-learner's grid went out as dozens of batches
        assertThat(defaults.getProperty("batch.size")).isEqualTo(String.valueOf(256 * 1024));
        assertThat(defaults.getProperty("linger.ms")).isEqualTo("5");

        Configuration conf = new Configuration();
        conf.set(RecStreamOptions.ITEM_FACTORS_BATCH_SIZE, MemorySize.parse("64kb"));
        assertThat(KafkaConnectors.itemFactorProducer(conf).getProperty("batch.size")).isEqualTo(String.valueOf(64 * 1024));
    }
}
