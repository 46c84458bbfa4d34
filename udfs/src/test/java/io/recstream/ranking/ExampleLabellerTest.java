package io.recstream.ranking;

import static org.assertj.core.api.Assertions.assertThat;

import io.recstream.event.EventType;
import io.recstream.recommend.RankingFeatures;

import org.junit.jupiter.api.Test;

class ExampleLabellerTest {
    private static final int D = RankingFeatures.COUNT;

    /** A list of candidates 1, 2, 3 (feature 0 = the candidate's id) made for the user's event {@code seq}. */
    private static RankingExample example(long user, long seq, long ts, EventType type, long item) {
        float[] features = new float[3 * D];
        for (int n = 0; n < 3; n++) {
            features[n * D] = n + 1;
        }
        return new RankingExample(user, seq, ts, type, type.isInteraction() ? item : 0L, "", D, new long[] {1, 2, 3}, features);
    }

    @Test
    void aListIsLabelledByTheUsersNextInteractionEvenAfterASearch() {
        ExampleLabeller labeller = new ExampleLabeller();
        labeller.accept(example(7, 1, 100, EventType.VIEW, 9));   // list A, after a view of 9
        labeller.accept(example(8, 1, 150, EventType.VIEW, 1));   // another user's: labels nothing of user 7
        labeller.accept(example(7, 2, 200, EventType.SEARCH, 0)); // list B, after a search
        labeller.accept(example(7, 3, 300, EventType.CLICK, 3));  // labels A and B with item 3; list C waits

        LabelledLists labelled = labeller.lists();

        RankingLists lists = labelled.lists();
        assertThat(lists.lists()).isEqualTo(2);
        assertThat(lists.time(0)).isEqualTo(100);
        assertThat(lists.time(1)).isEqualTo(200);
        assertThat(lists.positive(0) - lists.start(0)).isEqualTo(2); // item 3 is the third candidate
        assertThat(lists.features()[lists.positive(1) * D]).isEqualTo(3f);
        assertThat(labelled.labelTimes()).containsExactly(300, 300);
        assertThat(labeller.waiting()).isEqualTo(2); // user 7's C, user 8's only list
        assertThat(labeller.read()).isEqualTo(4);
    }

    @Test
    void aGapInTheUsersEventsLeavesTheWaitingListsUnlabelledAndAnItemOutsideTheListIsCountedNotKept() {
        ExampleLabeller labeller = new ExampleLabeller();
        labeller.accept(example(7, 1, 100, EventType.VIEW, 9));
        labeller.accept(example(7, 3, 300, EventType.VIEW, 2)); // event 2 is missing: it may have been an interaction
        labeller.accept(example(7, 4, 400, EventType.VIEW, 42)); // labels event 3's list with 42, not a candidate

        assertThat(labeller.lists().lists().lists()).isZero();
        assertThat(labeller.broken()).isEqualTo(1);
        assertThat(labeller.withoutTarget()).isEqualTo(1);
    }

    @Test
    void anExampleOfAnotherFeatureLayoutIsLeftOut() {
        ExampleLabeller labeller = new ExampleLabeller();
        labeller.accept(new RankingExample(7, 1, 100, EventType.VIEW, 9, "", D + 1, new long[] {1}, new float[D + 1]));

        assertThat(labeller.otherLayout()).isEqualTo(1);
        assertThat(labeller.waiting()).isZero();
    }
}
