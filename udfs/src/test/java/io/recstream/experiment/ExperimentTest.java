package io.recstream.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recstream.event.NumericId;
import io.recstream.learn.LearningConfig;

import org.junit.jupiter.api.Test;

class ExperimentTest {
    private static final LearningConfig CONFIG = LearningConfig.builder().build();
    private static final int USERS = 100_000;

    private static int[] split(Experiment experiment) {
        int[] users = new int[experiment.size()];
        for (int u = 0; u < USERS; u++) {
            users[experiment.bucketOf(NumericId.of("user-" + u))]++;
        }
        return users;
    }

    @Test
    void usersSplitByTheShares() {
        Experiment experiment = new Experiment("s", new Bucket("a", 90, CONFIG, false), new Bucket("b", 10, CONFIG, false));

        int[] users = split(experiment);

        // binomial(100000, 0.1): standard deviation ~95 users
        assertThat(users[1]).isBetween(USERS / 10 - 500, USERS / 10 + 500);
        assertThat(users[0] + users[1]).isEqualTo(USERS);
    }

    @Test
    void aUserStaysInTheirBucketWhateverOrderTheBucketsAreWrittenIn() {
        Experiment ab = new Experiment("s", new Bucket("a", 1, CONFIG, false), new Bucket("b", 1, CONFIG, false));
        Experiment ba = new Experiment("s", new Bucket("b", 1, CONFIG, false), new Bucket("a", 1, CONFIG, false));

        for (int u = 0; u < 1_000; u++) {
            long id = NumericId.of("user-" + u);
            assertThat(ba.bucket(ba.bucketOf(id)).name).isEqualTo(ab.bucket(ab.bucketOf(id)).name);
        }
    }

    @Test
    void anotherSaltSplitsTheUsersIndependently() {
        Experiment first = new Experiment("one", new Bucket("a", 1, CONFIG, false), new Bucket("b", 1, CONFIG, false));
        Experiment second = new Experiment("two", new Bucket("a", 1, CONFIG, false), new Bucket("b", 1, CONFIG, false));

        int same = 0;
        for (int u = 0; u < USERS; u++) {
            long id = NumericId.of("user-" + u);
            if (first.bucketOf(id) == second.bucketOf(id)) {
                same++;
            }
        }

        // independent halves agree for half of the users (standard deviation ~160)
        assertThat(same).isBetween(USERS / 2 - 1_000, USERS / 2 + 1_000);
    }

    @Test
    void withoutAnExperimentEveryUserIsInTheDefaultBucket() {
        Experiment none = Experiment.single(CONFIG, true);

        assertThat(none.size()).isEqualTo(1);
        assertThat(none.bucketOf(NumericId.of("anyone"))).isZero();
        assertThat(none.names()).containsExactly("default");
        assertThat(none.anyRanked()).isTrue();
    }

    @Test
    void aBucketNamedTwiceIsRefused() {
        assertThatThrownBy(() -> new Experiment("s", new Bucket("a", 1, CONFIG, false), new Bucket("a", 1, CONFIG, false)))
                .hasMessageContaining("defined twice");
    }
}
