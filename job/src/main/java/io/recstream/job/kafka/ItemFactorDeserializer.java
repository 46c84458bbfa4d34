package io.recstream.job.kafka;

import io.recstream.model.ItemFactor;

import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.Collector;

/**
 * Reads {@code item-factors}. A record that is not a well-formed item (a tombstone, or something
 * another producer wrote) is skipped: the loop is internal, and one bad record must not stop
 * every replica.
 */
public class ItemFactorDeserializer implements DeserializationSchema<ItemFactor> {
    private static final long serialVersionUID = 1L;

    @Override
    public ItemFactor deserialize(byte[] message) {
        ItemFactor f = Json.readOrNull(message, ItemFactor.class);
        return f != null && f.item != null && f.vector != null ? f : null;
    }

    @Override
    public void deserialize(byte[] message, Collector<ItemFactor> out) {
        ItemFactor f = deserialize(message);
        if (f != null) {
            out.collect(f);
        }
    }

    @Override
    public boolean isEndOfStream(ItemFactor next) {
        return false;
    }

    @Override
    public TypeInformation<ItemFactor> getProducedType() {
        return TypeInformation.of(ItemFactor.class);
    }
}
