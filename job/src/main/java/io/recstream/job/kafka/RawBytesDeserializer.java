package io.recstream.job.kafka;

import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.Collector;

/**
 * Passes event records through as bytes: parsing happens in the validation operator, where a
 * bad record goes to the dead-letter topic instead of failing the source. A null value becomes
 * an empty record, which validation rejects like any other malformed one.
 */
public class RawBytesDeserializer implements DeserializationSchema<byte[]> {
    private static final long serialVersionUID = 1L;
    private static final byte[] EMPTY = new byte[0];

    @Override
    public byte[] deserialize(byte[] message) {
        return message == null ? EMPTY : message;
    }

    @Override
    public void deserialize(byte[] message, Collector<byte[]> out) {
        out.collect(deserialize(message));
    }

    @Override
    public boolean isEndOfStream(byte[] next) {
        return false;
    }

    @Override
    public TypeInformation<byte[]> getProducedType() {
        return PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO;
    }
}
