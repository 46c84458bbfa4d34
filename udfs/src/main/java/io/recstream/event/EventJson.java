package io.recstream.event;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;

/**
 * The wire format of the {@code events} topic:
 * {@code {"user":"u1","item":"i9","type":"view","channel":"app","value":4.5,"ts":1700000000000}}.
 *
 * <p>{@code item} is absent for a search and {@code query} present only for one; {@code value}
 * defaults to 0 and {@code channel} to "unknown". Ids may be strings or integers (MovieLens ids
 * are numbers). Parsing canonicalises: user id trimmed and lower-cased, channel lower-cased,
 * item trimmed.
 *
 * <p>{@link #parse} streams over the bytes (no tree) and never throws: every refusal is a
 * {@link ParseOutcome} with a {@link RejectReason}, because bad input must never stop the job.
 */
public final class EventJson {
    /**
     * The one mapper of the wire formats. Non-numeric numbers are allowed so that a literal NaN
     * reaches validation and is refused as {@link RejectReason#NON_FINITE_VALUE}, not as
     * malformed JSON.
     */
    static final ObjectMapper MAPPER =
            JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    public static final String DEFAULT_CHANNEL = "unknown";

    /** Echoed values (an unknown type name) are cut to this length in rejection details. */
    private static final int MAX_ECHO = 64;

    private final EventLimits limits;

    public EventJson() {
        this(EventLimits.defaults());
    }

    public EventJson(EventLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    public EventLimits limits() {
        return limits;
    }

    /** Serialises an event to the wire format, leaving out null fields and a zero value. */
    public static String toJson(Event event) {
        return new String(write(event), StandardCharsets.UTF_8);
    }

    /** {@link #toJson} as the UTF-8 bytes of a record value, written as bytes: no string in between. */
    public static byte[] write(Event event) {
        ByteArrayBuilder out = new ByteArrayBuilder(128);
        try (JsonGenerator g = MAPPER.getFactory().createGenerator(out)) {
            g.writeStartObject();
            writeIfPresent(g, "user", event.user);
            writeIfPresent(g, "item", event.item);
            writeIfPresent(g, "type", event.type == null ? null : event.type.wireName());
            writeIfPresent(g, "channel", event.channel);
            writeIfPresent(g, "query", event.query);
            if (event.value != 0.0) {
                g.writeNumberField("value", event.value);
            }
            g.writeNumberField("ts", event.ts);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return out.toByteArray();
    }

    private static void writeIfPresent(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }

    /** Parses and validates one raw record. Never throws. */
    public ParseOutcome parse(byte[] raw) {
        if (raw == null || raw.length == 0) {
            return ParseOutcome.rejected(RejectReason.MALFORMED_JSON, "empty record");
        }
        Draft draft = new Draft();
        try (JsonParser p = MAPPER.getFactory().createParser(raw)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return ParseOutcome.rejected(RejectReason.MALFORMED_JSON, "not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken token = p.nextToken();
                readField(p, name, token, draft);
                // Unknown fields and refused objects/arrays are skipped whole.
                p.skipChildren();
            }
            // Read to the end so that "{...} garbage" is malformed, not silently accepted.
            if (p.nextToken() != null) {
                return ParseOutcome.rejected(RejectReason.MALFORMED_JSON, "content after the JSON object");
            }
        } catch (JacksonException e) {
            return ParseOutcome.rejected(RejectReason.MALFORMED_JSON, e.getOriginalMessage());
        } catch (IOException | RuntimeException e) {
            return ParseOutcome.rejected(RejectReason.MALFORMED_JSON, String.valueOf(e.getMessage()));
        }
        return validate(draft);
    }

    private static void readField(JsonParser p, String name, JsonToken token, Draft draft) throws IOException {
        switch (name) {
            case "user":
                draft.user = readId(p, token, name, draft);
                break;
            case "item":
                draft.item = readId(p, token, name, draft);
                break;
            case "type":
                draft.type = readText(p, token, name, draft);
                break;
            case "channel":
                draft.channel = readText(p, token, name, draft);
                break;
            case "query":
                draft.query = readText(p, token, name, draft);
                break;
            case "value":
                readValue(p, token, draft);
                break;
            case "ts":
                readTs(p, token, draft);
                break;
            default:
                break;
        }
    }

    /** A string, or an integer taken as its decimal text; null when absent. */
    private static String readId(JsonParser p, JsonToken token, String name, Draft draft) throws IOException {
        if (token == JsonToken.VALUE_STRING || token == JsonToken.VALUE_NUMBER_INT) {
            return p.getText();
        }
        if (token != JsonToken.VALUE_NULL) {
            draft.refuseNumberOrType(p, token, name, "a string or an integer");
        }
        return null;
    }

    private static String readText(JsonParser p, JsonToken token, String name, Draft draft) throws IOException {
        if (token == JsonToken.VALUE_STRING) {
            return p.getText();
        }
        if (token != JsonToken.VALUE_NULL) {
            draft.refuseNumberOrType(p, token, name, "a string");
        }
        return null;
    }

    private static void readValue(JsonParser p, JsonToken token, Draft draft) throws IOException {
        if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
            double value = p.getDoubleValue();
            if (Double.isFinite(value)) {
                draft.value = value;
            } else {
                draft.refuse(RejectReason.NON_FINITE_VALUE, "value is " + value);
            }
        } else if (token != JsonToken.VALUE_NULL) {
            draft.refuse(RejectReason.INVALID_FIELD, "value must be a number, was " + describe(token));
        }
    }

    private static void readTs(JsonParser p, JsonToken token, Draft draft) throws IOException {
        if (token == JsonToken.VALUE_NUMBER_INT) {
            JsonParser.NumberType numberType = p.getNumberType();
            if (numberType == JsonParser.NumberType.INT || numberType == JsonParser.NumberType.LONG) {
                draft.ts = p.getLongValue();
                draft.hasTs = true;
            } else {
                draft.refuse(RejectReason.INVALID_TIMESTAMP, "ts does not fit in 64 bits");
            }
        } else if (token != JsonToken.VALUE_NULL) {
            draft.refuseNumberOrType(p, token, "ts", "an integer (epoch milliseconds)");
        }
    }

    private ParseOutcome validate(Draft d) {
        if (d.problem != null) {
            return ParseOutcome.rejected(d.problem, d.problemDetail);
        }
        String user = UserId.canonical(d.user);
        if (user == null || user.isEmpty()) {
            return missing("user");
        }
        if (d.type == null) {
            return missing("type");
        }
        EventType type = EventType.fromWireName(d.type);
        if (type == null) {
            return ParseOutcome.rejected(RejectReason.UNKNOWN_TYPE, "unknown type '" + echo(d.type) + "'");
        }
        if (!d.hasTs) {
            return missing("ts");
        }
        String item = null;
        String query = null;
        if (type == EventType.SEARCH) {
            query = d.query == null ? null : d.query.trim();
            if (query == null || query.isEmpty()) {
                return missing("query");
            }
        } else {
            item = d.item == null ? null : d.item.trim();
            if (item == null || item.isEmpty()) {
                return missing("item");
            }
        }
        String channel = d.channel == null ? "" : d.channel.trim().toLowerCase(Locale.ROOT);
        if (channel.isEmpty()) {
            channel = DEFAULT_CHANNEL;
        }
        int maxId = limits.maxIdLength();
        if (user.length() > maxId) {
            return oversized("user", user.length(), maxId);
        }
        if (item != null && item.length() > maxId) {
            return oversized("item", item.length(), maxId);
        }
        if (channel.length() > maxId) {
            return oversized("channel", channel.length(), maxId);
        }
        if (query != null && query.length() > limits.maxQueryLength()) {
            return oversized("query", query.length(), limits.maxQueryLength());
        }
        if (d.ts < 0) {
            return ParseOutcome.rejected(RejectReason.INVALID_TIMESTAMP, "ts " + d.ts + " is negative");
        }
        if (d.ts < EventLimits.EARLIEST_TS) {
            return ParseOutcome.rejected(
                    RejectReason.INVALID_TIMESTAMP, "ts " + d.ts + " is before 1990-01-01 (seconds instead of ms?)");
        }
        long latest = limits.latestAcceptedTs();
        if (d.ts > latest) {
            return ParseOutcome.rejected(RejectReason.INVALID_TIMESTAMP,
                    "ts " + d.ts + " is more than " + limits.maxClockSkewMillis() + " ms ahead of the clock");
        }
        return ParseOutcome.valid(new Event(user, item, type, channel, query, d.value, d.ts));
    }

    private static ParseOutcome missing(String field) {
        return ParseOutcome.rejected(RejectReason.MISSING_FIELD, field + " is missing");
    }

    private static ParseOutcome oversized(String field, int length, int limit) {
        return ParseOutcome.rejected(
                RejectReason.OVERSIZED_FIELD, field + " has " + length + " chars, limit " + limit);
    }

    private static String echo(String value) {
        return value.length() <= MAX_ECHO ? value : value.substring(0, MAX_ECHO) + "...";
    }

    private static String describe(JsonToken token) {
        switch (token) {
            case START_OBJECT:
                return "an object";
            case START_ARRAY:
                return "an array";
            case VALUE_STRING:
                return "a string";
            case VALUE_TRUE:
            case VALUE_FALSE:
                return "a boolean";
            case VALUE_NUMBER_INT:
                return "an integer";
            case VALUE_NUMBER_FLOAT:
                return "a decimal number";
            default:
                return token.name();
        }
    }

    /** The fields as read, before validation; remembers only the first problem met. */
    private static final class Draft {
        String user;
        String item;
        String type;
        String channel;
        String query;
        double value;
        long ts;
        boolean hasTs;
        RejectReason problem;
        String problemDetail;

        void refuse(RejectReason reason, String detail) {
            if (problem == null) {
                problem = reason;
                problemDetail = detail;
            }
        }

        /** A NaN where an id or a timestamp belongs is non-finite before it is mistyped. */
        void refuseNumberOrType(JsonParser p, JsonToken token, String field, String expected) throws IOException {
            if (token == JsonToken.VALUE_NUMBER_FLOAT && !Double.isFinite(p.getDoubleValue())) {
                refuse(RejectReason.NON_FINITE_VALUE, field + " is " + p.getDoubleValue());
            } else {
                refuse(RejectReason.INVALID_FIELD, field + " must be " + expected + ", was " + describe(token));
            }
        }
    }
}
