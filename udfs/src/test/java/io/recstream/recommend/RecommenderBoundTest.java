package io.recstream.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import io.recstream.event.Event;
import io.recstream.event.EventType;
import io.recstream.learn.Dot;
import io.recstream.learn.LearningConfig;
import io.recstream.model.ItemFactor;
import io.recstream.model.ItemModel;
import io.recstream.model.ItemReplica;
import io.recstream.model.ItemUpdate;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * The factor bound ({@link FactorBound}) changes no list: a recommender that bounds factor terms
 * and one that computes every one give the same lists, bit for bit, on random replicas whose
 * vectors, popularity and neighbours change between lists by the replica's own updates and by
 * published copies (so every way a vector changes is checked to keep its norm in step), with items
 * that leave and come back and neighbours the replica does not hold (placeholders). The factor
 * feature of every listed candidate, computed once when it was scored, is its dot product as
 * computed afresh.
 */
class RecommenderBoundTest {
    static final int ITEMS = 400;
    static final long TS = 1_700_000_000_000L;

    static Stream<LearningConfig> configs() {
        return Stream.of(
                LearningConfig.builder().build(), // the defaults: the factor term a tie-breaker
                LearningConfig.builder().factorWeight(0.05f).itemBiases(true).build(), // a factor term that reorders
                LearningConfig.builder().factorWeight(1f).popularityWeight(0.01f).dim(8).build(), // one that dominates
                LearningConfig.builder().factorWeight(-0.01f).refindWeight(0f).build()); // a negative weight
    }

    @ParameterizedTest
    @MethodSource("configs")
    void boundedAndExactScoringGiveTheSameLists(LearningConfig config) {
        SplittableRandom random = new SplittableRandom(config.dim * 31L + Float.floatToIntBits(config.factorWeight));
        ItemReplica replica = new ItemReplica(new ItemModel(config));
        for (int i = 0; i < ITEMS; i++) {
            replica.applyPublished(published(config, random, i, 1));
        }
        Recommender bounded = new Recommender(config, null, true);
        Recommender exact = new Recommender(config, null, false);
        int users = 40;
        UserProfile[] profiles = new UserProfile[users];
        SeenItems[] seen = new SeenItems[users];
        for (int u = 0; u < users; u++) {
            profiles[u] = new UserProfile(vector(random, config.dim, 0.05f + 3f * (float) random.nextDouble()));
            seen[u] = new SeenItems();
        }
        int compared = 0;
        for (int step = 0; step < 3_000; step++) {
            int u = random.nextInt(users);
            UserProfile profile = profiles[u];
            long ts = TS + step * 1_000L;
            int item = profile.recent.length > 0 && random.nextInt(4) > 0
                    ? neighbourOf(replica, profile.recent[0], random) : random.nextInt(ITEMS);
            EventType type = EventType.values()[random.nextInt(4)];
            profile.remember(id(item), type, ts, seen[u], config.maxSeen, config.recentItems);
            changeItems(config, replica, random, ts, step);
            Event event = Event.interaction("user-" + u, name(item), type, "web", ts);
            int n = random.nextBoolean() ? config.rankingCandidates : config.topK;
            CandidateList expected = exact.recommend(event, profile, seen[u], replica, n);
            CandidateList actual = bounded.recommend(event, profile, seen[u], replica, n);
            assertThat(actual.itemIds).as("step %d", step).containsExactly(expected.itemIds);
            assertThat(actual.scores).as("step %d", step).containsExactly(expected.scores);
            assertThat(actual.features).as("step %d", step).containsExactly(expected.features);
            assertThat(actual.reasons).as("step %d", step).containsExactly(expected.reasons);
            assertThat(actual.reasonItems).as("step %d", step).containsExactly(expected.reasonItems);
            ItemFactor latest = replica.get(profile.recent[0]);
            for (int c = 0; c < actual.itemIds.length; c++) { // computed once, when scored, and read again for the features
                ItemFactor f = replica.get(actual.itemIds[c]);
                assertThat(actual.features[c * RankingFeatures.COUNT + RankingFeatures.FACTOR]).as("step %d", step)
                        .isEqualTo(Dot.of(profile.vector, f.vector) + (config.itemBiases ? f.bias : 0f));
                // computed four at once: each the cosine of one dot product
                float norms = latest == null ? 0f : latest.norm() * f.norm(); // null: the latest item left the replica
                assertThat(actual.features[c * RankingFeatures.COUNT + RankingFeatures.LAST_ITEM_SIMILARITY]).as("step %d", step)
                        .isEqualTo(norms > 0f ? Dot.of(latest.vector, f.vector) / norms : 0f);
            }
            compared += expected.itemIds.length;
        }
        assertThat(compared).isGreaterThan(3_000 * 10);
    }

    /** Local updates (factor steps with and without co-occurrences and popularity) and published copies. */
    static void changeItems(LearningConfig config, ItemReplica replica, SplittableRandom random, long ts, int step) {
        for (int k = 0; k < 5; k++) {
            int i = random.nextInt(ITEMS);
            ItemUpdate update = random.nextBoolean()
                    ? ItemUpdate.factorStep(id(i), null, ts)
                    : ItemUpdate.interaction(id(i), name(i), ts, 1f, new long[] {id(random.nextInt(ITEMS))},
                            new float[] {(float) random.nextDouble() * 3f});
            update.factorDelta = vector(random, config.dim, (float) random.nextDouble());
            update.steps = 1;
            replica.applyLocal(update);
        }
        if (step % 7 == 0) {
            int i = random.nextInt(ITEMS);
            ItemFactor held = replica.get(id(i));
            replica.applyPublished(published(config, random, i, held == null ? 1 : held.version + 100));
        }
        if (step % 50 == 0) { // gone: the lists that name it hold a placeholder until it comes back
            replica.applyPublished(ItemFactor.tombstone(id(random.nextInt(ITEMS)), null));
        }
    }

    static int neighbourOf(ItemReplica replica, long item, SplittableRandom random) {
        ItemFactor f = replica.get(item);
        if (f == null) {
            return random.nextInt(ITEMS);
        }
        long[] neighbours = replica.neighbourIds(f);
        if (neighbours.length == 0) {
            return random.nextInt(ITEMS);
        }
        long neighbour = neighbours[random.nextInt(neighbours.length)];
        for (int i = 0; i < ITEMS; i++) {
            if (id(i) == neighbour) {
                return i;
            }
        }
        return random.nextInt(ITEMS);
    }

    static ItemFactor published(LearningConfig config, SplittableRandom random, int i, long version) {
        ItemFactor f = new ItemFactor(id(i), name(i), vector(random, config.dim, 0.01f + 2f * (float) random.nextDouble()));
        f.version = version;
        f.bias = (float) random.nextGaussian();
        f.popularity = random.nextInt(10) == 0 ? 0 : random.nextDouble() * 100;
        f.popularityTs = TS;
        int count = random.nextInt(Math.min(ITEMS - 1, config.neighboursPerItem) + 1);
        f.neighbours = new long[count];
        f.neighbourWeights = new float[count];
        // distinct items after this one, never this one; one in ten the replica never holds (a placeholder)
        int offset = random.nextInt(ITEMS - count);
        for (int n = 0; n < count; n++) {
            f.neighbours[n] = random.nextInt(10) == 0 ? id(ITEMS + (i + 1 + offset + n) % ITEMS) : id((i + 1 + offset + n) % ITEMS);
            f.neighbourWeights[n] = (float) (random.nextDouble() * random.nextDouble() * 50);
        }
        return f;
    }

    static float[] vector(SplittableRandom random, int dim, float norm) {
        float[] v = new float[dim];
        for (int n = 0; n < dim; n++) {
            v[n] = (float) random.nextGaussian() * norm / (float) Math.sqrt(dim);
        }
        return v;
    }

    static String name(int i) {
        return "item-" + i;
    }

    static long id(int i) {
        return io.recstream.event.NumericId.of(name(i));
    }
}
