package io.recstream.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EventJsonTest {
    private static final long NOW = 1_700_000_000_000L;
    private static final EventLimits LIMITS = EventLimits.builder()
            .clock(Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC))
            .build();
    private final EventJson json = new EventJson(LIMITS);

    private ParseOutcome parse(String text) {
        return json.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    private Event valid(String text) {
        ParseOutcome outcome = parse(text);
        assertThat(outcome.isValid()).as("%s", outcome).isTrue();
        return outcome.event();
    }

    private void assertRejected(String text, RejectReason reason) {
        ParseOutcome outcome = parse(text);
        assertThat(outcome.isValid()).as("%s", outcome).isFalse();
        assertThat(outcome.reason()).as("%s", outcome).isEqualTo(reason);
        assertThat(outcome.detail()).isNotBlank();
        assertThat(outcome.event()).isNull();
    }

    @Test
    void parsesTheWireExample() {
        Event e = valid("{\"user\":\"u1\",\"item\":\"i9\",\"type\":\"view\",\"channel\":\"app\","
                + "\"query\":null,\"value\":4.5,\"ts\":1700000000000}");
        assertThat(e).isEqualTo(new Event("u1", "i9", EventType.VIEW, "app", null, 4.5, 1_700_000_000_000L));
    }

    @Test
    void canonicalisesUserChannelAndItem() {
        Event store = valid("{\"user\":\" User-17 \",\"item\":\" Books-0042 \",\"type\":\"CLICK\","
                + "\"channel\":\"Store\",\"ts\":1700000000000}");
        Event app = valid("{\"user\":\"user-17\",\"item\":\"Books-0042\",\"type\":\"click\","
                + "\"channel\":\"app\",\"ts\":1700000000000}");
        assertThat(store.user).isEqualTo("user-17").isEqualTo(app.user);
        assertThat(store.channel).isEqualTo("store");
        assertThat(store.item).as("item case is kept").isEqualTo("Books-0042");
        assertThat(store.type).isEqualTo(EventType.CLICK);
    }

    @Test
    void defaultsChannelAndValue() {
        Event e = valid("{\"user\":\"u\",\"item\":\"i\",\"type\":\"cart\",\"ts\":1700000000000}");
        assertThat(e.channel).isEqualTo(EventJson.DEFAULT_CHANNEL);
        assertThat(e.value).isZero();
        assertThat(e.query).isNull();
    }

    @Test
    void acceptsIntegerIdsAsText() {
        Event e = valid("{\"user\":17,\"item\":2571,\"type\":\"rating\",\"value\":5,\"ts\":1700000000000}");
        assertThat(e.user).isEqualTo("17");
        assertThat(e.item).isEqualTo("2571");
        assertThat(e.value).isEqualTo(5.0);
    }

    @Test
    void parsesSearchWithoutItem() {
        Event e = valid("{\"user\":\"u\",\"type\":\"search\",\"query\":\" wireless headphones \",\"ts\":1700000000000}");
        assertThat(e).isEqualTo(Event.search("u", "wireless headphones", "unknown", 1_700_000_000_000L));
    }

    @Test
    void ignoresUnknownFieldsOfAnyShape() {
        Event e = valid("{\"extra\":{\"nested\":[1,{\"type\":\"bogus\"}]},\"user\":\"u\",\"item\":\"i\","
                + "\"type\":\"view\",\"ts\":1700000000000,\"more\":[\"x\"]}");
        assertThat(e.type).isEqualTo(EventType.VIEW);
    }

    @Test
    void roundTripsThroughToJson() {
        Event[] events = {
            new Event("u1", "i9", EventType.PURCHASE, "web", null, 19.99, NOW),
            Event.search("u2", "red dress", "app", NOW - 5),
            Event.interaction("u3", "i1", EventType.VIEW, "store", NOW - 10),
        };
        for (Event e : events) {
            String wire = EventJson.toJson(e);
            assertThat(parse(wire).event()).as(wire).isEqualTo(e);
        }
    }

    @Test
    void roundTripsThroughTheRecordBytesItWrites() {
        Event[] events = {
            new Event("u1", "i9", EventType.PURCHASE, "web", null, 19.99, NOW),
            Event.search("ünïcode-user", "café crème \"bio\"", "app", NOW - 5),
        };
        for (Event e : events) {
            byte[] record = EventJson.write(e);
            assertThat(json.parse(record).event()).isEqualTo(e);
            assertThat(new String(record, StandardCharsets.UTF_8)).isEqualTo(EventJson.toJson(e));
        }
    }

    @Test
    void toJsonOmitsNullFields() {
        String wire = EventJson.toJson(Event.search("u2", "red dress", "app", NOW));
        assertThat(wire).isEqualTo("{\"user\":\"u2\",\"type\":\"search\",\"channel\":\"app\","
                + "\"query\":\"red dress\",\"ts\":1700000000000}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not json", "[1,2]", "\"a string\"", "42", "{\"user\":\"u\"", "{\"user\":}",
        "{\"user\":\"u\",\"item\":\"i\",\"type\":\"view\",\"ts\":1700000000000} trailing"})
    void refusesMalformedJson(String text) {
        assertRejected(text, RejectReason.MALFORMED_JSON);
    }

    @Test
    void refusesNullAndInvalidUtf8WithoutThrowing() {
        assertThat(json.parse(null).reason()).isEqualTo(RejectReason.MALFORMED_JSON);
        byte[] invalidUtf8 = {'{', '"', 'u', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        assertThat(json.parse(invalidUtf8).reason()).isEqualTo(RejectReason.MALFORMED_JSON);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"item\":\"i\",\"type\":\"view\",\"ts\":1700000000000}",
        "{\"user\":\"  \",\"item\":\"i\",\"type\":\"view\",\"ts\":1700000000000}",
        "{\"user\":null,\"item\":\"i\",\"type\":\"view\",\"ts\":1700000000000}",
        "{\"user\":\"u\",\"item\":\"i\",\"ts\":1700000000000}",
        "{\"user\":\"u\",\"item\":\"i\",\"type\":\"view\"}",
        "{\"user\":\"u\",\"type\":\"view\",\"ts\":1700000000000}",
        "{\"user\":\"u\",\"type\":\"search\",\"item\":\"i\",\"ts\":1700000000000}",
        "{\"user\":\"u\",\"type\":\"search\",\"query\":\" \",\"ts\":1700000000000}",
    })
    void refusesMissingFields(String text) {
        assertRejected(text, RejectReason.MISSING_FIELD);
    }

    @Test
    void namesTheMissingField() {
        assertThat(parse("{\"user\":\"u\",\"type\":\"view\",\"ts\":1700000000000}").detail()).contains("item");
    }

    @Test
    void refusesUnknownType() {
        assertRejected("{\"user\":\"u\",\"item\":\"i\",\"type\":\"like\",\"ts\":1700000000000}",
                RejectReason.UNKNOWN_TYPE);
    }

    @ParameterizedTest
    @ValueSource(longs = {-1L, 0L, 1_700_000_000L, 631_151_999_999L, NOW + 86_400_000L + 1})
    void refusesAbsurdTimestamps(long ts) {
        assertRejected("{\"user\":\"u\",\"item\":\"i\",\"type\":\"view\",\"ts\":" + ts + "}",
                RejectReason.INVALID_TIMESTAMP);
    }

    @Test
    void acceptsTimestampsAtTheEdges() {
        valid("{\"user\":\"u\",\"item\":\"i\",\"type\":\"view\",\"ts\":631152000000}");
        valid("{\"user\":\"u\",\"item\":\"i\",\"type\":\"view\",\"ts\":" + (NOW + 86_400_000L) + "}");
    }

    @Test
    void skewFollowsTheConfiguredLimit() {
        EventJson strict = new EventJson(EventLimits.builder()
                .clock(Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC))
                .maxClockSkew(Duration.ofMinutes(1))
                .build());
        String text = "{\"user\":\"u\",\"item\":\"i\",\"type\":\"view\",\"ts\":" + (NOW + 60_001) + "}";
        assertThat(strict.parse(text.getBytes(StandardCharsets.UTF_8)).reason())
                .isEqualTo(RejectReason.INVALID_TIMESTAMP);
        assertThat(parse(text).isValid()).isTrue();
    }

    @Test
    void refusesTimestampBeyondLong() {
        assertRejected("{\"user\":\"u\",\"item\":\"i\",\"type\":\"view\",\"ts\":99999999999999999999999}",
                RejectReason.INVALID_TIMESTAMP);
    }

    @Test
    void refusesOversizedQueryAndIds() {
        String longQuery = "q".repeat(513);
        assertRejected("{\"user\":\"u\",\"type\":\"search\",\"query\":\"" + longQuery + "\",\"ts\":1700000000000}",
                RejectReason.OVERSIZED_FIELD);
        valid("{\"user\":\"u\",\"type\":\"search\",\"query\":\"" + "q".repeat(512) + "\",\"ts\":1700000000000}");
        String longId = "x".repeat(257);
        assertRejected("{\"user\":\"" + longId + "\",\"item\":\"i\",\"type\":\"view\",\"ts\":1700000000000}",
                RejectReason.OVERSIZED_FIELD);
        assertRejected("{\"user\":\"u\",\"item\":\"" + longId + "\",\"type\":\"view\",\"ts\":1700000000000}",
                RejectReason.OVERSIZED_FIELD);
    }

    @ParameterizedTest
    @ValueSource(strings = {"NaN", "Infinity", "-Infinity", "1e400"})
    void refusesNonFiniteValues(String literal) {
        assertRejected("{\"user\":\"u\",\"item\":\"i\",\"type\":\"rating\",\"value\":" + literal
                + ",\"ts\":1700000000000}", RejectReason.NON_FINITE_VALUE);
    }

    @Test
    void refusesNaNTimestampAsNonFinite() {
        assertRejected("{\"user\":\"u\",\"item\":\"i\",\"type\":\"view\",\"ts\":NaN}", RejectReason.NON_FINITE_VALUE);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"user\":\"u\",\"item\":\"i\",\"type\":\"view\",\"ts\":\"1700000000000\"}",
        "{\"user\":\"u\",\"item\":\"i\",\"type\":\"view\",\"ts\":1700000000000.5}",
        "{\"user\":\"u\",\"item\":\"i\",\"type\":\"view\",\"value\":\"4.5\",\"ts\":1700000000000}",
        "{\"user\":true,\"item\":\"i\",\"type\":\"view\",\"ts\":1700000000000}",
        "{\"user\":\"u\",\"item\":[\"i\"],\"type\":\"view\",\"ts\":1700000000000}",
        "{\"user\":\"u\",\"item\":\"i\",\"type\":{\"name\":\"view\"},\"ts\":1700000000000}",
        "{\"user\":\"u\",\"item\":\"i\",\"type\":\"view\",\"channel\":3,\"ts\":1700000000000}",
        "{\"user\":1.5,\"item\":\"i\",\"type\":\"view\",\"ts\":1700000000000}",
    })
    void refusesWronglyTypedFields(String text) {
        assertRejected(text, RejectReason.INVALID_FIELD);
    }

    @Test
    void malformedTailWinsOverAnEarlierTypeError() {
        assertRejected("{\"user\":true,\"item\":\"i\",", RejectReason.MALFORMED_JSON);
    }

    @Test
    void neverThrowsOnTruncatedOrRandomInput() {
        byte[] good = ("{\"user\":\"u\",\"type\":\"search\",\"query\":\"tea\",\"value\":1.5,"
                + "\"ts\":1700000000000}").getBytes(StandardCharsets.UTF_8);
        for (int length = 0; length < good.length; length++) {
            ParseOutcome outcome = json.parse(Arrays.copyOf(good, length));
            assertThat(outcome.isValid()).isFalse();
            assertThat(outcome.reason()).isEqualTo(RejectReason.MALFORMED_JSON);
        }
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 2_000; i++) {
            byte[] noise = new byte[random.nextInt(64)];
            for (int b = 0; b < noise.length; b++) {
                noise[b] = (byte) random.nextInt(256);
            }
            assertThat(json.parse(noise)).isNotNull();
        }
    }

    @Test
    void detailOfUnknownTypeIsBounded() {
        String hugeType = "t".repeat(10_000);
        ParseOutcome outcome = parse("{\"user\":\"u\",\"item\":\"i\",\"type\":\"" + hugeType + "\",\"ts\":1700000000000}");
        assertThat(outcome.reason()).isEqualTo(RejectReason.UNKNOWN_TYPE);
        assertThat(outcome.detail().length()).isLessThan(200);
    }
}
