package io.recstream.ranking;

import static org.assertj.core.api.Assertions.assertThat;

import io.recstream.recommend.RankingFeatures;

import org.junit.jupiter.api.Test;

import java.util.Random;

class TrainingWindowTest {
    private static final int D = RankingFeatures.COUNT;

    /**
     * {@code n} lists of 5 candidates, list {@code l} at time {@code 10 * (l / 2)} (two lists per
     * time: ties), labelled at its own time plus 0 to 40 (a user may take a while to interact);
     * feature 0 of every row holds the list's index, so a test can tell which lists were copied.
     */
    private static LabelledLists lists(int n) {
        Random random = new Random(11);
        RankingLists lists = new RankingLists();
        long[] labelTimes = new long[n];
        for (int l = 0; l < n; l++) {
            float[] rows = new float[5 * D];
            for (int r = 0; r < 5; r++) {
                rows[r * D] = l;
            }
            long ts = 10L * (l / 2);
            lists.add(ts, rows, 0, 5, random.nextInt(5));
            labelTimes[l] = ts + random.nextInt(41);
        }
        return new LabelledLists(lists, labelTimes);
    }

    private static int index(RankingLists lists, int list) {
        return (int) lists.features()[lists.start(list) * D];
    }

    @Test
    void noTrainingListIsListedOrLabelledAtOrAfterTheHeldBackSliceAndNothingAtOrAfterTheEnd() {
        for (int until = 100; until <= 1000; until += 70) {
            for (double holdBack : new double[] {0.1, 0.25, 0.5}) {
                LabelledLists labelled = lists(200);
                TrainingWindow w = TrainingWindow.of(labelled, until, TrainingWindow.Span.all(), holdBack);

                assertThat(w).isNotNull();
                long t = w.heldBackFrom;
                for (int l = 0; l < w.lists.lists(); l++) {
                    int original = index(w.lists, l);
                    long listed = labelled.lists().time(original);
                    long known = labelled.labelTimes()[original];
                    assertThat(listed).isEqualTo(w.lists.time(l)).isLessThan(until);
                    assertThat(known).isLessThan(until);
                    if (l < w.training) {
                        assertThat(listed).as("training list %d listed before T=%d", original, t).isLessThan(t);
                        assertThat(known).as("training list %d labelled before T=%d", original, t).isLessThan(t);
                    } else {
                        assertThat(listed).as("held-back list %d", original).isGreaterThanOrEqualTo(t);
                    }
                }
            }
        }
    }

    @Test
    void everyListOfThePastIsTrainedOnHeldBackOrCountedAsLabelledLate() {
        LabelledLists labelled = lists(200);
        TrainingWindow w = TrainingWindow.of(labelled, 800, TrainingWindow.Span.all(), 0.1);

        int past = 0;
        for (int l = 0; l < 200; l++) {
            if (labelled.lists().time(l) < 800 && labelled.labelTimes()[l] < 800) {
                past++;
            }
        }
        assertThat(w.lists.lists() + w.labelledLate).isEqualTo(past);
        assertThat(w.labelledLate).isPositive(); // labels up to 40 later than their list: some cross T
        // ties at T: both lists of the first held-back time are held back
        assertThat(w.lists.time(w.training)).isEqualTo(w.heldBackFrom);
        assertThat(w.lists.time(w.training - 1)).isLessThan(w.heldBackFrom);
    }

    @Test
    void aSpanOfListsOrOfTimeTakesTheMostRecentPart() {
        LabelledLists labelled = lists(200);

        TrainingWindow last50 = TrainingWindow.of(labelled, 2000, TrainingWindow.Span.ofLists(50), 0.2);
        TrainingWindow last100ms = TrainingWindow.of(labelled, 1000, TrainingWindow.Span.ofMillis(100), 0.2);

        assertThat(last50.lists.lists() + last50.labelledLate).isEqualTo(50);
        assertThat(index(last50.lists, 0)).isEqualTo(150);
        assertThat(last100ms.lists.time(0)).isGreaterThanOrEqualTo(900);
    }

    @Test
    void aWindowWithNothingToTrainOnOrToHoldBackIsNone() {
        assertThat(TrainingWindow.of(lists(200), 0, TrainingWindow.Span.all(), 0.1)).isNull();
        assertThat(TrainingWindow.of(lists(1), 1000, TrainingWindow.Span.all(), 0.1)).isNull();
    }
}
