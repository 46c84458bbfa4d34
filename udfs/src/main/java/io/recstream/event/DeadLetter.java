package io.recstream.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A refused record on its way to the {@code events-dlq} topic: the raw input, why it was refused
 * and when. A Flink POJO (public fields, no-argument constructor).
 *
 * <p>The raw record is kept as UTF-8 text cut to {@link #MAX_RAW_BYTES}, so one giant record
 * cannot make the DLQ itself fail on the broker's message size limit.
 */
public class DeadLetter {
    public static final int MAX_RAW_BYTES = 64 * 1024;

    /** The raw record as UTF-8 text, at most {@link #MAX_RAW_BYTES} bytes of it. */
    public String raw;
    /** {@link RejectReason#wireName()}. */
    public String reason;
    public String detail;
    /** Processing time of the refusal, epoch milliseconds. */
    public long ts;

    public DeadLetter() {}

    public DeadLetter(String raw, String reason, String detail, long ts) {
        this.raw = raw;
        this.reason = reason;
        this.detail = detail;
        this.ts = ts;
    }

    public static DeadLetter of(byte[] raw, RejectReason reason, String detail, long processingTime) {
        return new DeadLetter(rawText(raw), reason.wireName(), detail, processingTime);
    }

    /** The record as text, cut at a UTF-8 character boundary at or below the size limit. */
    static String rawText(byte[] raw) {
        if (raw == null) {
            return "";
        }
        int length = raw.length;
        if (length > MAX_RAW_BYTES) {
            length = MAX_RAW_BYTES;
            // Back off continuation bytes (10xxxxxx) so no character is split in half.
            while (length > 0 && (raw[length] & 0xC0) == 0x80) {
                length--;
            }
        }
        return new String(raw, 0, length, StandardCharsets.UTF_8);
    }

    public String toJson() {
        try {
            return EventJson.MAPPER.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static DeadLetter fromJson(String json) {
        try {
            return EventJson.MAPPER.readValue(json, DeadLetter.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof DeadLetter)) {
            return false;
        }
        DeadLetter d = (DeadLetter) o;
        return ts == d.ts
                && Objects.equals(raw, d.raw)
                && Objects.equals(reason, d.reason)
                && Objects.equals(detail, d.detail);
    }

    @Override
    public int hashCode() {
        return Objects.hash(raw, reason, detail, ts);
    }

    @Override
    public String toString() {
        return "DeadLetter{reason=" + reason + ", detail=" + detail + ", ts=" + ts + ", raw=" + raw + '}';
    }
}
