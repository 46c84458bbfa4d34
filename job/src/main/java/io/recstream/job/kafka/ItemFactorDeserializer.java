package io.recstream.job.kafka;

import io.recstream.event.NumericId;
import io.recstream.model.ItemFactor;

import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.nio.charset.StandardCharsets;

/**
 * Reads {@code item-factors}: a JSON item, or a tombstone (the item key with a null value: the
 * item expired). It reads the key, which only a tombstone needs. A record that is neither
 * (something another producer wrote) is skipped and counted in
 * {@code recstream.item-factors-malformed}: the loop is internal, and one bad record must not
 * stop every replica.
 */
public class ItemFactorDeserializer implements KafkaRecordDeserializationSchema<ItemFactor> {
    private static final long serialVersionUID = 1L;

    private transient Counter malformed;

    @Override
    public void open(DeserializationSchema.InitializationContext context) {
        malformed = context.getMetricGroup().addGroup("recstream").counter("item-factors-malformed");
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<ItemFactor> out) {
        ItemFactor f = read(record.key(), record.value());
        if (f != null) {
            out.collect(f);
        } else {
            malformed.inc();
        }
    }

    /** The item a record carries, its tombstone for a null value, or null when it is neither. */
    static ItemFactor read(byte[] key, byte[] value) {
        if (value == null) {
            if (key == null) {
                return null;
            }
            String item = new String(key, StandardCharsets.UTF_8);
            return ItemFactor.tombstone(NumericId.of(item), item);
        }
        ItemFactor f = Json.readOrNull(value, ItemFactor.class);
        return f != null && f.item != null && f.vector != null ? f : null;
    }

    @Override
    public TypeInformation<ItemFactor> getProducedType() {
        return TypeInformation.of(ItemFactor.class);
    }
}
