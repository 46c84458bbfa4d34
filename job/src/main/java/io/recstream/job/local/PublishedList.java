package io.recstream.job.local;

import io.recstream.job.kafka.Json;
import io.recstream.recommend.Recommendation;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;

/**
 * A list read from the {@code recommendations} topic as the demo needs it for every record: its
 * user, version and event time, read with Jackson's streaming parser (the items skipped, not
 * built), and the record's bytes, parsed whole only for the few lists the demo prints. Reading
 * every list whole by databind cost the demo's watcher about 10 µs per event learned.
 */
public record PublishedList(String user, long version, long ts, byte[] json) {
    /** The list's header, or null when the bytes are not a JSON object. */
    public static PublishedList read(byte[] json) {
        if (json == null || json.length == 0) {
            return null;
        }
        String user = null;
        long version = 0;
        long ts = 0;
        try (JsonParser p = Json.MAPPER.getFactory().createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "user" -> user = value == JsonToken.VALUE_NULL ? null : p.getText();
                    case "version" -> version = p.getValueAsLong();
                    case "ts" -> ts = p.getValueAsLong();
                    default -> p.skipChildren(); // the items, and scalars (a no-op for those)
                }
            }
        } catch (IOException notAList) {
            return null;
        }
        return new PublishedList(user, version, ts, json);
    }

    /** The whole list, or null when its bytes do not read as one. */
    public Recommendation whole() {
        return Json.readOrNull(json, Recommendation.class);
    }
}
