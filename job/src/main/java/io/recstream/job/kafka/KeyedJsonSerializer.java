package io.recstream.job.kafka;

import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.api.java.functions.KeySelector;

import java.nio.charset.StandardCharsets;

/** Writes a record as JSON with a string key: the shape upsert-kafka tables and compaction expect. */
public class KeyedJsonSerializer<T> {
    private KeyedJsonSerializer() {}

    public static <T> SerializationSchema<T> value() {
        return Json::write;
    }

    public static <T> SerializationSchema<T> key(KeySelector<T, String> key) {
        return record -> {
            try {
                String k = key.getKey(record);
                return k == null ? null : k.getBytes(StandardCharsets.UTF_8);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
    }
}
