package io.recstream.job.kafka;

import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.util.function.SerializableFunction;

import java.nio.charset.StandardCharsets;

/**
 * Kafka record parts as upsert-kafka tables expect: a string key and a JSON value.
 * Both say their type ({@link ResultTypeQueryable}): the Kafka sink's lineage reporting cannot
 * infer it from a lambda and fails the job graph.
 */
public final class JsonRecords {
    private JsonRecords() {}

    public static <T> SerializationSchema<T> value(Class<T> type) {
        return new Schema<>(type, Json::write);
    }

    public static <T> SerializationSchema<T> key(Class<T> type, SerializableFunction<T, String> key) {
        return new Schema<>(type, record -> {
            String k = key.apply(record);
            return k == null ? null : k.getBytes(StandardCharsets.UTF_8);
        });
    }

    private static final class Schema<T> implements SerializationSchema<T>, ResultTypeQueryable<T> {
        private static final long serialVersionUID = 1L;
        private final Class<T> type;
        private final SerializableFunction<T, byte[]> write;

        Schema(Class<T> type, SerializableFunction<T, byte[]> write) {
            this.type = type;
            this.write = write;
        }

        @Override
        public byte[] serialize(T element) {
            return write.apply(element);
        }

        @Override
        public TypeInformation<T> getProducedType() {
            return TypeInformation.of(type);
        }
    }
}
