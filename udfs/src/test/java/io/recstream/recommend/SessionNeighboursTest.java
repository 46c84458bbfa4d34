package io.recstream.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.recstream.learn.LearningConfig;
import io.recstream.model.ItemFactor;
import io.recstream.model.ItemModel;
import io.recstream.model.ItemReplica;
import io.recstream.model.TestItems;

import org.junit.jupiter.api.Test;

/** Session-neighbour scores on a hand-made clickstream, computed by hand. */
class SessionNeighboursTest {
    private static final long T0 = 1_700_000_000_000L;
    private static final long MINUTE = 60_000L;
    private static final long GAP = 30 * MINUTE;
    private static final long U = 100;
    private static final long ANN = 1;
    private static final long BOB = 2;
    private static final long CAT = 3;

    private final ItemReplica replica = new ItemReplica(new ItemModel(LearningConfig.builder().build()));

    SessionNeighboursTest() {
        for (String name : new String[] {"a", "b", "c", "d", "e", "f"}) {
            replica.applyPublished(TestItems.item(name, new float[] {0f}));
        }
    }

    private static void click(RecentSessions sessions, long user, String item, long ts) {
        sessions.record(user, TestItems.id(item), ts);
    }

    private float score(SessionNeighbours neighbours, String item) {
        ItemFactor f = replica.get(TestItems.id(item));
        return neighbours.score(f);
    }

    /**
     * Ann's session a b c, Bob's b d, Cat's a e, then the user's session a b (b the latest). With a
     * ring of 4 sessions the user's own is the newest (rank recency 1), Cat's 3/4, Bob's 2/4 and
     * Ann's 1/4. Position weights: b (latest of 2) 1, a 1/2.
     */
    @Test
    void neighbourSessionsVoteByPositionOfTheSharedItemsRecencyAndLength() {
        RecentSessions sessions = new RecentSessions(4, GAP, 5, 3);
        click(sessions, ANN, "a", T0);
        click(sessions, ANN, "b", T0 + MINUTE);
        click(sessions, ANN, "c", T0 + 2 * MINUTE);
        click(sessions, BOB, "b", T0 + 3 * MINUTE);
        click(sessions, BOB, "d", T0 + 4 * MINUTE);
        click(sessions, CAT, "a", T0 + 5 * MINUTE);
        click(sessions, CAT, "e", T0 + 6 * MINUTE);
        click(sessions, U, "a", T0 + 7 * MINUTE);
        click(sessions, U, "b", T0 + 8 * MINUTE);

        SessionNeighbours neighbours = new SessionNeighbours();
        neighbours.collect(U, TestItems.ids("b", "a", "f"), 2, 10, sessions, replica);

        double ann = (1 + 0.5) * 0.25 / Math.sqrt(3);
        double bob = 1 * 0.5 / Math.sqrt(2);
        double cat = 0.5 * 0.75 / Math.sqrt(2);
        double total = ann + bob + cat;
        assertThat(score(neighbours, "d")).isCloseTo((float) (bob / total), within(1e-6f));
        assertThat(score(neighbours, "e")).isCloseTo((float) (cat / total), within(1e-6f));
        assertThat(score(neighbours, "c")).isCloseTo((float) (ann / total), within(1e-6f));
        assertThat(score(neighbours, "a")).isCloseTo((float) ((ann + cat) / total), within(1e-6f));
        assertThat(score(neighbours, "b")).isCloseTo((float) ((ann + bob) / total), within(1e-6f));
        assertThat(score(neighbours, "f")).isZero(); // f is in the user's history, not in any session
        assertThat(neighbours.size()).isEqualTo(5);
    }

    @Test
    void aGapLongerThanTheSessionGapStartsANewSession() {
        RecentSessions sessions = new RecentSessions(4, GAP, 5, 3);
        click(sessions, ANN, "a", T0);
        click(sessions, ANN, "c", T0 + GAP + 1); // a new session: c no longer follows a
        click(sessions, ANN, "d", T0 + GAP + 2);
        click(sessions, U, "a", T0 + GAP + 3);

        SessionNeighbours neighbours = new SessionNeighbours();
        neighbours.collect(U, TestItems.ids("a"), 1, 10, sessions, replica);

        assertThat(score(neighbours, "c")).isZero();
        assertThat(score(neighbours, "d")).isZero();
        assertThat(score(neighbours, "a")).isEqualTo(1f); // Ann's first session holds only a
        assertThat(neighbours.size()).isEqualTo(1);
    }

    @Test
    void theOldestSessionLeavesTheRingWithItsItems() {
        RecentSessions sessions = new RecentSessions(2, GAP, 5, 3);
        click(sessions, ANN, "a", T0);
        click(sessions, ANN, "c", T0 + MINUTE);
        click(sessions, BOB, "b", T0 + 2 * MINUTE);
        click(sessions, CAT, "a", T0 + 3 * MINUTE); // takes Ann's place
        click(sessions, CAT, "e", T0 + 4 * MINUTE);

        assertThat(sessions.postingsOf(TestItems.id("c"))).isNull();
        SessionNeighbours neighbours = new SessionNeighbours();
        neighbours.collect(U, TestItems.ids("a"), 1, 10, sessions, replica);
        assertThat(score(neighbours, "c")).isZero();
        assertThat(score(neighbours, "e")).isEqualTo(1f); // Cat's a e, the only neighbour: all of the votes
    }

    /** Only the items of the current session (sessionItems) and at most maxItems of them match. */
    @Test
    void onlyTheCurrentSessionsItemsMatch() {
        RecentSessions sessions = new RecentSessions(4, GAP, 5, 3);
        click(sessions, ANN, "a", T0);
        click(sessions, ANN, "c", T0 + MINUTE);
        click(sessions, BOB, "b", T0 + 2 * MINUTE);
        click(sessions, BOB, "d", T0 + 3 * MINUTE);

        SessionNeighbours neighbours = new SessionNeighbours();
        neighbours.collect(U, TestItems.ids("b", "a"), 1, 10, sessions, replica);
        assertThat(score(neighbours, "d")).isEqualTo(1f); // Bob's b d, the only neighbour of b
        assertThat(score(neighbours, "c")).isZero();
        neighbours.collect(U, TestItems.ids("b", "a"), 2, 1, sessions, replica);
        assertThat(score(neighbours, "c")).isZero();
        neighbours.collect(U, TestItems.ids("b", "a"), 0, 10, sessions, replica);
        assertThat(neighbours.size()).isZero();
        assertThat(score(neighbours, "d")).isZero();
    }
}
