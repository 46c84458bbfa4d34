package io.recstream.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import io.recstream.event.Event;
import io.recstream.event.NumericId;
import io.recstream.event.UserId;
import io.recstream.learn.LearningConfig;
import io.recstream.recommend.Recommendation;
import io.recstream.synthetic.SyntheticEventGenerator;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Experiments on the synthetic generator, in process and in simulated time: an A/A split agrees
 * on click-through within the noise of its sample, the same statistic tells two different
 * settings apart, and users with the same history get different lists in buckets with
 * different settings.
 */
class ExperimentAbTest {
    /**
     * The z of the A/A bound: two-sided 0.001. The binomial standard error treats interactions as
     * independent, but one user's interactions are alike (clustered), which widens the real spread
     * of an A/A difference; 3.29 instead of 1.96 leaves room for that (a design effect up to ~2.8)
     * and still tells real differences apart (see {@link #theSameStatisticTellsDifferentSettingsApart}).
     */
    static final double Z = 3.29;
    private static final int EVENTS = 20_000;
    private static final LearningConfig LEARNING = LearningConfig.builder().build();
    private static final LearningConfig POPULARITY_ONLY = LearningConfig.builder()
            .factorWeight(0f).cooccurrenceWeight(0f).refindWeight(0f).build();

    @Test
    void anAaSplitAgreesOnClickThroughWithinTheNoiseOfItsSample() throws Exception {
        for (String salt : new String[] {"aa-1", "aa-2", "aa-3"}) {
            Experiment aa = new Experiment(salt, new Bucket("a", 50, LEARNING, false), new Bucket("b", 50, LEARNING, false));
            StickinessCounts[] ab = run(aa, "a", "b");
            StickinessCounts a = ab[0];
            StickinessCounts b = ab[1];
            System.out.printf("A/A %s: %s%n", salt, describe(a, b));
            assertThat(a.interactions).isGreaterThan(5_000);
            assertThat(b.interactions).isGreaterThan(5_000);
            assertThat(ctr(a)).as("click-through of a real list").isGreaterThan(0.02);
            assertThat(Math.abs(ctr(a) - ctr(b))).as(describe(a, b)).isLessThanOrEqualTo(bound(a, b));
        }
    }

    @Test
    void theSameStatisticTellsDifferentSettingsApart() throws Exception {
        Experiment ab = new Experiment("ab", new Bucket("blend", 50, LEARNING, false),
                new Bucket("popular", 50, POPULARITY_ONLY, false));
        StickinessCounts[] counts = run(ab, "blend", "popular");
        System.out.printf("A/B: %s%n", describe(counts[0], counts[1]));
        assertThat(ctr(counts[0]) - ctr(counts[1])).as(describe(counts[0], counts[1]))
                .isGreaterThan(bound(counts[0], counts[1]));
    }

    /**
     * Matched users: every history of the generator is replayed for two users, one in each bucket
     * (interleaved event by event). Without the factor score (whose user vectors start from the
     * user id) twins in buckets of the same settings get nearly the same lists; in buckets of
     * different settings, different ones.
     */
    @Test
    void usersWithTheSameHistoryGetDifferentListsInBucketsWithDifferentSettings() throws Exception {
        LearningConfig cooccurrence = LEARNING.toBuilder().factorWeight(0f).build();
        LearningConfig popular = POPULARITY_ONLY.toBuilder().topK(5).build();

        double same = sharedItems(new Experiment("twins", new Bucket("a", 50, cooccurrence, false),
                new Bucket("b", 50, cooccurrence, false)));
        double different = sharedItems(new Experiment("twins", new Bucket("a", 50, cooccurrence, false),
                new Bucket("b", 50, popular, false)));

        System.out.printf("matched users share %.3f of their top 5 with the same settings, %.3f with different ones%n",
                same, different);
        assertThat(same).isGreaterThan(0.8);
        assertThat(different).isLessThan(0.3);
    }

    /** The mean share of top-5 items that twins (one in bucket "a", one in "b") have in common at the end. */
    private static double sharedItems(Experiment experiment) throws Exception {
        Map<String, String[]> twins = new HashMap<>();
        SyntheticEventGenerator generator = SyntheticEventGenerator.builder().users(100).seed(5).build();
        try (ExperimentSimulation simulation = new ExperimentSimulation(LEARNING, experiment)) {
            for (int n = 0; n < 5_000; n++) {
                Event e = generator.next();
                String[] pair = twins.computeIfAbsent(UserId.canonical(e.user), user -> twinsOf(experiment, user));
                for (String twin : pair) {
                    simulation.process(new Event(twin, e.item, e.type, e.channel, e.query, e.value, e.ts));
                }
            }
            double shared = 0;
            int compared = 0;
            for (String[] pair : twins.values()) {
                Recommendation a = simulation.latest(pair[0]);
                Recommendation b = simulation.latest(pair[1]);
                if (a == null || b == null) {
                    continue;
                }
                assertThat(a.bucket).isEqualTo("a");
                assertThat(b.bucket).isEqualTo("b");
                assertThat(b.items).hasSize(experiment.bucket(1).scoring.topK);
                Set<String> top = new HashSet<>(Arrays.asList(items(a)).subList(0, 5));
                top.retainAll(Arrays.asList(items(b)).subList(0, 5));
                shared += top.size() / 5.0;
                compared++;
            }
            assertThat(compared).isGreaterThan(90);
            return shared / compared;
        }
    }

    /** Two ids for {@code user}'s history: one in bucket 0, one in bucket 1. */
    private static String[] twinsOf(Experiment experiment, String user) {
        String[] pair = new String[2];
        for (int k = 0; pair[0] == null || pair[1] == null; k++) {
            String twin = user + "~" + k;
            int bucket = experiment.bucketOf(NumericId.of(twin));
            if (pair[bucket] == null) {
                pair[bucket] = twin;
            }
        }
        return pair;
    }

    private static String[] items(Recommendation r) {
        return Arrays.stream(r.items).map(i -> i.item).toArray(String[]::new);
    }

    private static StickinessCounts[] run(Experiment experiment, String first, String second) throws Exception {
        SyntheticEventGenerator generator = SyntheticEventGenerator.builder().users(2_000).seed(11).build();
        try (ExperimentSimulation simulation = new ExperimentSimulation(LEARNING, experiment)) {
            for (int n = 0; n < EVENTS; n++) {
                Event e = generator.next();
                simulation.process(new Event(UserId.canonical(e.user), e.item, e.type, e.channel, e.query, e.value, e.ts));
            }
            return new StickinessCounts[] {simulation.counts(first), simulation.counts(second)};
        }
    }

    static double ctr(StickinessCounts c) {
        return (double) c.clickThroughs / c.interactions;
    }

    /** z times the standard error of a difference of two proportions under "no difference" (pooled p). */
    static double bound(StickinessCounts a, StickinessCounts b) {
        double p = (double) (a.clickThroughs + b.clickThroughs) / (a.interactions + b.interactions);
        return Z * Math.sqrt(p * (1 - p) * (1.0 / a.interactions + 1.0 / b.interactions));
    }

    private static String describe(StickinessCounts a, StickinessCounts b) {
        return String.format("ctr %.4f (%d/%d) vs %.4f (%d/%d), |diff| %.4f, bound %.4f",
                ctr(a), a.clickThroughs, a.interactions, ctr(b), b.clickThroughs, b.interactions,
                Math.abs(ctr(a) - ctr(b)), bound(a, b));
    }
}
