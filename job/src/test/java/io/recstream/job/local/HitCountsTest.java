package io.recstream.job.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.recstream.recommend.QualityOutcome;
import org.junit.jupiter.api.Test;

class HitCountsTest {
    @Test
    void countsEveryEventOfAKnownUserAndNewItemsOnly() {
        HitCounts counts = new HitCounts();
        counts.add(QualityOutcome.notEvaluated("u1", "a", 1));         // new user
        counts.add(QualityOutcome.evaluated("u1", "b", 2, 0, true));   // hit at rank 1
        counts.add(QualityOutcome.evaluated("u1", "c", 3, 1, false));  // hit at rank 2
        counts.add(QualityOutcome.evaluated("u1", "d", 4, -1, false)); // miss
        counts.add(QualityOutcome.repeat("u1", "a", 5));               // repeat: miss

        assertThat(counts.events()).isEqualTo(5);
        assertThat(counts.everyEvent()).isEqualTo(new HitCounts.Figure(4, 2, 0.5, 1.5 / 4, 0.25));
        assertThat(counts.newItems()).isEqualTo(new HitCounts.Figure(3, 2, 2.0 / 3, 1.5 / 3, 1.0 / 3));
        assertThat(counts.repeatShare()).isEqualTo(0.25);
    }

    @Test
    void nothingEvaluatedReadsZero() {
        HitCounts counts = new HitCounts();
        counts.add(QualityOutcome.notEvaluated("u1", "a", 1));
        assertThat(counts.everyEvent()).isEqualTo(new HitCounts.Figure(0, 0, 0, 0, 0));
        assertThat(counts.repeatShare()).isZero();
    }
}
