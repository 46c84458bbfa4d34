package io.recstream.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RejectReasonTest {
    @Test
    void wireNamesAreStableLowerSnakeCase() {
        assertThat(RejectReason.MALFORMED_JSON.wireName()).isEqualTo("malformed_json");
        assertThat(RejectReason.NON_FINITE_VALUE.wireName()).isEqualTo("non_finite_value");
        Set<String> names = new HashSet<>();
        for (RejectReason reason : RejectReason.values()) {
            assertThat(reason.wireName()).matches("[a-z]+(_[a-z]+)*");
            assertThat(names.add(reason.wireName())).as("unique %s", reason).isTrue();
        }
    }
}
