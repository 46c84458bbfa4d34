package io.recstream.job.kafka;

import io.recstream.recommend.Reason;
import io.recstream.recommend.Recommendation;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The value of the {@code recommendations} topic, written field by field with Jackson's streaming
 * generator: byte for byte what {@link Json#write} makes of a {@link Recommendation} (the fields
 * in declaration order, nulls written except in a {@link Reason}), which the shipped SQL DDL
 * (deploy/sql/tables.sql) reads. Databind found the same fields by reflection and boxed every score, version and time.
 */
public final class RecommendationJson implements SerializationSchema<Recommendation>, ResultTypeQueryable<Recommendation> {
    private static final long serialVersionUID = 1L;

    /** Reused across records: a list is 1-1.2 KB, so it is sized once. */
    private transient ByteArrayBuilder buffer;

    @Override
    public byte[] serialize(Recommendation list) {
        if (buffer == null) {
            buffer = new ByteArrayBuilder(2048);
        }
        buffer.reset();
        try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(buffer)) {
            write(g, list);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return buffer.toByteArray();
    }

    static void write(JsonGenerator g, Recommendation r) throws IOException {
        g.writeStartObject();
        g.writeStringField("user", r.user);
        g.writeNumberField("version", r.version);
        g.writeNumberField("versionsSince", r.versionsSince);
        g.writeStringField("modelVersion", r.modelVersion);
        g.writeFieldName("items");
        if (r.items == null) {
            g.writeNull();
        } else {
            g.writeStartArray();
            for (Recommendation.ScoredItem item : r.items) {
                write(g, item);
            }
            g.writeEndArray();
        }
        g.writeNumberField("ts", r.ts);
        g.writeStringField("channel", r.channel);
        g.writeStringField("bucket", r.bucket);
        g.writeEndObject();
    }

    private static void write(JsonGenerator g, Recommendation.ScoredItem item) throws IOException {
        if (item == null) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        g.writeStringField("item", item.item);
        g.writeNumberField("score", item.score);
        g.writeFieldName("reason");
        Reason reason = item.reason;
        if (reason == null) {
            g.writeNull();
        } else {
            g.writeStartObject();
            writeIfPresent(g, "because", reason.because);
            writeIfPresent(g, "item", reason.item);
            writeIfPresent(g, "intent", reason.intent);
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void writeIfPresent(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }

    @Override
    public TypeInformation<Recommendation> getProducedType() {
        return TypeInformation.of(Recommendation.class);
    }
}
