package io.recstream.job.kafka;

import io.recstream.event.NumericId;
import io.recstream.model.ItemFactor;
import io.recstream.model.ItemFactorCodec;

import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;

/**
 * Reads {@code item-factors}: an item in the binary format of {@link ItemFactorCodec} under its
 * name as key, or a tombstone (the key with a null value: the item expired). A record that is
 * neither (no key, another format, something another producer wrote) is skipped, counted in
 * {@code recstream.item-factors-malformed} and logged with the reason and its offset: the loop is
 * internal, and one bad record must not stop every replica.
 */
public class ItemFactorDeserializer implements KafkaRecordDeserializationSchema<ItemFactor> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ItemFactorDeserializer.class);

    private transient Counter malformed;

    @Override
    public void open(DeserializationSchema.InitializationContext context) {
        malformed = context.getMetricGroup().addGroup("recstream").counter("item-factors-malformed");
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<ItemFactor> out) {
        try {
            out.collect(read(record.key(), record.value()));
        } catch (IllegalArgumentException e) {
            malformed.inc();
            LOG.warn("Skipped a malformed item-factors record (partition {}, offset {}): {}",
                    record.partition(), record.offset(), e.getMessage());
        }
    }

    /**
     * The item a record carries, or its tombstone for a null value.
     *
     * @throws IllegalArgumentException with the reason, when the record is neither
     */
    static ItemFactor read(byte[] key, byte[] value) {
        if (key == null) {
            throw new IllegalArgumentException("no key (the item's name)");
        }
        String item = new String(key, StandardCharsets.UTF_8);
        return value == null ? ItemFactor.tombstone(NumericId.of(item), item) : ItemFactorCodec.decode(item, value);
    }

    @Override
    public TypeInformation<ItemFactor> getProducedType() {
        return TypeInformation.of(ItemFactor.class);
    }
}
