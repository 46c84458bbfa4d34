package io.recstream.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.recstream.learn.LearningConfig;
import io.recstream.learn.TestConfigs;
import io.recstream.model.ItemFactor;
import io.recstream.model.ItemModel;
import io.recstream.model.ItemReplica;

import org.junit.jupiter.api.Test;

import java.util.Set;

class RecommenderTest {
    private static ItemFactor item(String id, float[] vector, double popularity, String[] neighbours, float[] weights) {
        ItemFactor f = new ItemFactor(id, vector);
        f.version = 1;
        f.popularity = popularity;
        f.neighbours = neighbours;
        f.neighbourWeights = weights;
        return f;
    }

    private static ItemReplica replica(LearningConfig config, ItemFactor... items) {
        ItemReplica replica = new ItemReplica(new ItemModel(config));
        for (ItemFactor f : items) {
            replica.applyPublished(f);
        }
        return replica;
    }

    private static UserProfile profile(float[] vector, String... recent) {
        UserProfile p = new UserProfile(vector);
        p.recent = recent;
        p.seen = recent;
        p.interactions = recent.length;
        return p;
    }

    @Test
    void blendsFactorCooccurrenceAndPopularity() {
        LearningConfig config = TestConfigs.handComputable().dim(2).factorWeight(1f).cooccurrenceWeight(1f)
                .popularityWeight(0.1f).contextDecay(0.5f).build();
        ItemReplica replica = replica(config,
                item("r1", new float[] {0f, 0f}, 4, new String[] {"n"}, new float[] {2f}),
                item("r2", new float[] {0f, 0f}, 4, new String[] {"n", "m"}, new float[] {1f, 3f}),
                item("n", new float[] {0.5f, 0f}, 1, new String[0], new float[0]),
                item("m", new float[] {0f, 1f}, 0, new String[0], new float[0]));
        UserProfile user = profile(new float[] {1f, 2f}, "r1", "r2");

        TopK top = new Recommender(config).recommend(user, user.seenSet(), replica);

        // n: factor 1*0.5 + 2*0 = 0.5; co-occurrence r1: 2/2 = 1, r2 (recency 0.5): 0.5 * 1/4 = 0.125;
        //    popularity 0.1 * (ln 1 - ln 4) = -0.1386294   => 0.5 + 1.125 - 0.1386294 = 1.4863706
        // m: factor 2; co-occurrence 0.5 * 3/4 = 0.375; no popularity: 0.1 * -50 = -5 => -2.625
        assertThat(top.items()).containsExactly("n", "m");
        assertThat(top.scores()).containsExactly(new float[] {1.4863706f, -2.625f}, within(1e-5f));
    }

    @Test
    void liveRecommendationsScoreOnlyCandidatesWhileRankAllScoresEveryUnseenItem() {
        LearningConfig config = TestConfigs.handComputable().dim(2).trendingCandidates(1).popularityWeight(0f).build();
        ItemReplica replica = replica(config,
                item("r", new float[] {0f, 0f}, 1, new String[] {"n"}, new float[] {1f}),
                item("n", new float[] {0f, 0f}, 1, new String[0], new float[0]),
                item("p", new float[] {0f, 0f}, 50, new String[0], new float[0]),
                item("q", new float[] {1f, 1f}, 2, new String[0], new float[0])); // best factor score, no candidate
        UserProfile user = profile(new float[] {1f, 1f}, "r");
        Recommender recommender = new Recommender(config);

        assertThat(recommender.recommend(user, user.seenSet(), replica).items()).containsExactly("n", "p");
        assertThat(recommender.rankAll(user, user.seenSet(), replica).items()).containsExactly("q", "n", "p");
    }

    @Test
    void aUserWithoutInteractionsGetsTheMostPopularUnseenItems() {
        LearningConfig config = TestConfigs.handComputable().dim(2).topK(2).build();
        ItemReplica replica = replica(config,
                item("a", new float[] {0f, 0f}, 3, new String[0], new float[0]),
                item("b", new float[] {0f, 0f}, 2, new String[0], new float[0]),
                item("c", new float[] {0f, 0f}, 1, new String[0], new float[0]));
        UserProfile cold = new UserProfile(new float[] {1f, 1f});

        assertThat(new Recommender(config).recommend(cold, Set.of(), replica).items()).containsExactly("a", "b");
        assertThat(Recommender.mostPopularUnseen(replica, Set.of("a"), 2).items()).containsExactly("b", "c");
    }

    @Test
    void seenItemsAreNeverRecommended() {
        LearningConfig config = TestConfigs.handComputable().dim(2).build();
        ItemReplica replica = replica(config,
                item("r", new float[] {1f, 1f}, 9, new String[] {"s"}, new float[] {1f}),
                item("s", new float[] {1f, 1f}, 9, new String[] {"r"}, new float[] {1f}),
                item("t", new float[] {0f, 0f}, 1, new String[0], new float[0]));
        UserProfile user = profile(new float[] {1f, 1f}, "r", "s");
        Recommender recommender = new Recommender(config);

        assertThat(recommender.recommend(user, user.seenSet(), replica).items()).containsExactly("t");
        assertThat(recommender.rankAll(user, user.seenSet(), replica).items()).containsExactly("t");
    }

    @Test
    void rankAllLeavesNoTraceOfOneUserInTheNextUsersRanking() {
        LearningConfig config = TestConfigs.handComputable().dim(2).popularityWeight(0f).build();
        ItemReplica replica = replica(config,
                item("r", new float[] {0f, 0f}, 1, new String[] {"z"}, new float[] {1f}),
                item("z", new float[] {0f, 0f}, 1, new String[0], new float[0]),
                item(IntentItem.of("books"), new float[] {5f, 5f}, 1, new String[0], new float[0]),
                item("q", new float[] {1f, 0f}, 1, new String[0], new float[0]),
                item("w", new float[] {0f, 0.5f}, 1, new String[0], new float[0]));
        Recommender recommender = new Recommender(config);
        UserProfile first = profile(new float[] {1f, 1f}, "r", "q");
        UserProfile second = profile(new float[] {0f, 1f}, "q");

        // first: z by co-occurrence with r, then w; r and q seen; the intent pseudo-item never
        // ranked despite its factor score
        assertThat(recommender.rankAll(first, first.seenSet(), replica).items()).containsExactly("z", "w");
        // second: neither the first user's co-occurrence for z nor their exclusion of r carries over
        assertThat(recommender.rankAll(second, second.seenSet(), replica).items()).containsExactly("w", "r", "z");
    }
}
