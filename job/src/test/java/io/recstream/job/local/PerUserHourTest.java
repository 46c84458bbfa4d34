package io.recstream.job.local;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PerUserHourTest {
    private static final long HOUR = 3_600_000L;

    @Test
    void countsPerUserAndEventTimeHour() {
        PerUserHour counts = new PerUserHour();
        for (int n = 0; n < 9; n++) {
            counts.add("a", 5 * HOUR + n * 1_000L); // a: 9 in hour 5
        }
        counts.add("a", 6 * HOUR); // a: 1 in hour 6
        counts.add("b", 5 * HOUR + 10);
        counts.add("b", 6 * HOUR - 1); // b: 2 in hour 5

        assertThat(counts.summary()).isEqualTo(new PerUserHour.Summary(3, 4.0, 9, 9));
        assertThat(new PerUserHour().summary()).isEqualTo(new PerUserHour.Summary(0, 0, 0, 0));
    }
}
