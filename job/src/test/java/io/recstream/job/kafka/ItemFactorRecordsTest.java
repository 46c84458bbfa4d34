package io.recstream.job.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recstream.event.NumericId;
import io.recstream.model.ItemFactor;
import io.recstream.model.ItemFactorCodec;

import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.util.Collector;
import org.apache.flink.util.SimpleUserCodeClassLoader;
import org.apache.flink.util.UserCodeClassLoader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The item-factors topic's records, written by the sink's serializer and read by the source's deserializer. */
class ItemFactorRecordsTest {
    private final ItemFactorDeserializer deserializer = new ItemFactorDeserializer();
    private final SimpleCounter malformed = new SimpleCounter();

    @BeforeEach
    void open() {
        MetricGroup metrics = new UnregisteredMetricsGroup() {
            @Override
            public MetricGroup addGroup(String name) {
                return this;
            }

            @Override
            public Counter counter(String name) {
                return "item-factors-malformed".equals(name) ? malformed : super.counter(name);
            }
        };
        deserializer.open(new DeserializationSchema.InitializationContext() {
            @Override
            public MetricGroup getMetricGroup() {
                return metrics;
            }

            @Override
            public UserCodeClassLoader getUserCodeClassLoader() {
                return SimpleUserCodeClassLoader.create(getClass().getClassLoader());
            }
        });
    }

    private List<ItemFactor> roundTrip(ItemFactor f) throws Exception {
        ProducerRecord<byte[], byte[]> written = KafkaConnectors.itemFactorRecords("item-factors").serialize(f, null, 1L);
        return read(written.key(), written.value());
    }

    private List<ItemFactor> read(byte[] key, byte[] value) throws Exception {
        List<ItemFactor> out = new ArrayList<>();
        deserializer.deserialize(new ConsumerRecord<>("item-factors", 0, 0L, key, value), new Collector<>() {
            @Override
            public void collect(ItemFactor record) {
                out.add(record);
            }

            @Override
            public void close() {}
        });
        return out;
    }

    @Test
    void anItemRoundTripsWithItsKeyAndWithoutTheLearnersBookkeeping() throws Exception {
        ItemFactor f = new ItemFactor(NumericId.of("x"), "x", new float[] {1f, 2f});
        f.version = 7;
        f.neighbours = new long[] {NumericId.of("y")};
        f.neighbourWeights = new float[] {0.5f};
        f.touchedTs = 1000L;
        f.expiryTimer = 5000L;

        ProducerRecord<byte[], byte[]> written = KafkaConnectors.itemFactorRecords("item-factors").serialize(f, null, 1L);
        assertThat(new String(written.key(), StandardCharsets.UTF_8)).isEqualTo("x");
        assertThat(written.value()[0]).isEqualTo(ItemFactorCodec.FORMAT);
        assertThat(written.value()).hasSize(1 + 5 * 8 + 4 + 2 + 2 * 4 + 2 + 8 + 4); // no name, no expiry timer

        ItemFactor read = roundTrip(f).get(0);
        assertThat(read).usingRecursiveComparison().ignoringFields("expiryTimer", "norm").isEqualTo(f);
        assertThat(read.expiryTimer).isZero();
        assertThat(read.isTombstone()).isFalse();
    }

    @Test
    void aTombstoneIsTheItemKeyWithANullValueAndReadsBackAsATombstone() throws Exception {
        ProducerRecord<byte[], byte[]> written = KafkaConnectors.itemFactorRecords("item-factors")
                .serialize(ItemFactor.tombstone(NumericId.of("x"), "x"), null, 1L);
        assertThat(new String(written.key(), StandardCharsets.UTF_8)).isEqualTo("x");
        assertThat(written.value()).isNull();

        List<ItemFactor> read = roundTrip(ItemFactor.tombstone(NumericId.of("x"), "x"));
        assertThat(read).singleElement().satisfies(t -> {
            assertThat(t.item).isEqualTo("x");
            assertThat(t.id).isEqualTo(NumericId.of("x")); // replicas hold items by id
            assertThat(t.isTombstone()).isTrue();
        });
        assertThat(malformed.getCount()).isZero();
    }

    @Test
    void aRecordThatIsNoItemIsSkippedAndCountedWithItsReason() throws Exception {
        byte[] key = "x".getBytes(StandardCharsets.UTF_8);
        byte[] item = KafkaConnectors.itemFactorRecords("item-factors")
                .serialize(new ItemFactor(NumericId.of("x"), "x", new float[] {1f, 2f}), null, 1L).value();

        assertThat(read(key, "{\"item\":\"x\"}".getBytes(StandardCharsets.UTF_8))).isEmpty(); // the former JSON
        assertThat(read(key, java.util.Arrays.copyOf(item, item.length - 1))).isEmpty();
        assertThat(read(key, new byte[0])).isEmpty();
        assertThat(read(null, item)).isEmpty();
        assertThat(malformed.getCount()).isEqualTo(4);

        assertThatThrownBy(() -> ItemFactorDeserializer.read(key, "{}".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("unknown format 123");
        assertThatThrownBy(() -> ItemFactorDeserializer.read(key, java.util.Arrays.copyOf(item, item.length + 1)))
                .hasMessageContaining("1 bytes where 0 neighbours take 0");
        assertThatThrownBy(() -> ItemFactorDeserializer.read(key, java.util.Arrays.copyOf(item, item.length - 1)))
                .hasMessageContaining("truncated");
        assertThatThrownBy(() -> ItemFactorDeserializer.read(null, null)).hasMessageContaining("no key");
    }
}
