package io.recstream.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OutcomeCountsTest {
    @Test
    void countsEveryEventAndTheEvaluatedOnesHitsAndRanks() {
        OutcomeCounts counts = new OutcomeCounts();
        counts.add(QualityOutcome.notEvaluated("u1", "a", 1));         // new user
        counts.add(QualityOutcome.evaluated("u1", "b", 2, 0, true));   // hit at rank 1
        counts.add(QualityOutcome.evaluated("u1", "c", 3, 1, false));  // hit at rank 2
        counts.add(QualityOutcome.evaluated("u1", "d", 4, -1, false)); // miss
        counts.add(QualityOutcome.repeat("u1", "a", 5));               // repeat: miss

        assertThat(counts.events).isEqualTo(5);
        assertThat(counts.evaluated).isEqualTo(4);
        assertThat(counts.recall()).isEqualTo(0.5);
        assertThat(counts.mrr()).isEqualTo(1.5 / 4);
        assertThat(counts.popularityRecall()).isEqualTo(0.25);
    }

    @Test
    void countsAddUp() {
        OutcomeCounts a = new OutcomeCounts();
        a.add(QualityOutcome.evaluated("u1", "b", 2, 0, true));
        OutcomeCounts b = new OutcomeCounts();
        b.add(QualityOutcome.notEvaluated("u2", "a", 1));
        b.add(QualityOutcome.evaluated("u2", "c", 3, 3, false));
        a.add(b);

        assertThat(a.events).isEqualTo(3);
        assertThat(a.evaluated).isEqualTo(2);
        assertThat(a.hits).isEqualTo(2);
        assertThat(a.popularityHits).isEqualTo(1);
        assertThat(a.reciprocalRanks).isEqualTo(1.25);
    }

    @Test
    void nothingEvaluatedReadsZero() {
        OutcomeCounts counts = new OutcomeCounts();
        counts.add(QualityOutcome.notEvaluated("u1", "a", 1));
        assertThat(counts.recall()).isZero();
        assertThat(counts.mrr()).isZero();
        assertThat(counts.popularityRecall()).isZero();
    }
}
