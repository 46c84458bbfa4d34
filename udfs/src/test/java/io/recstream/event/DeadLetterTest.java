package io.recstream.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.junit.jupiter.api.Test;

class DeadLetterTest {
    @Test
    void keepsRawTextReasonAndTime() {
        DeadLetter d = DeadLetter.of("not json".getBytes(StandardCharsets.UTF_8),
                RejectReason.MALFORMED_JSON, "bad", 42L);
        assertThat(d).isEqualTo(new DeadLetter("not json", "malformed_json", "bad", 42L));
    }

    @Test
    void roundTripsThroughJson() {
        DeadLetter d = new DeadLetter("{\"user\":\"ü\"\n", "missing_field", "user is missing", 1_700_000_000_000L);
        String json = d.toJson();
        assertThat(json).contains("\"reason\":\"missing_field\"").contains("\"ts\":1700000000000");
        assertThat(DeadLetter.fromJson(json)).isEqualTo(d);
    }

    @Test
    void truncatesRawAt64KiBOnACharacterBoundary() {
        byte[] raw = "é".repeat(40_000).getBytes(StandardCharsets.UTF_8); // 80,000 bytes, 2 per char
        DeadLetter d = DeadLetter.of(raw, RejectReason.OVERSIZED_FIELD, "x", 0L);
        byte[] kept = d.raw.getBytes(StandardCharsets.UTF_8);
        assertThat(kept.length).isLessThanOrEqualTo(DeadLetter.MAX_RAW_BYTES).isGreaterThan(DeadLetter.MAX_RAW_BYTES - 4);
        assertThat(d.raw).doesNotContain("\uFFFD");
        assertThat(Arrays.equals(kept, 0, kept.length, raw, 0, kept.length)).isTrue();
    }

    @Test
    void isAFlinkPojo() {
        assertThat(TypeInformation.of(DeadLetter.class)).isInstanceOf(PojoTypeInfo.class);
    }
}
