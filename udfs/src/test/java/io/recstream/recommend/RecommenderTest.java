package io.recstream.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.recstream.event.Event;
import io.recstream.event.EventType;
import io.recstream.learn.LearningConfig;
import io.recstream.learn.TestConfigs;
import io.recstream.model.ItemFactor;
import io.recstream.model.ItemModel;
import io.recstream.model.ItemReplica;
import io.recstream.model.TestItems;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

class RecommenderTest {
    private static final long TS = 1_700_000_000_000L;

    private static ItemFactor item(String id, float[] vector, double popularity, String[] neighbours, float[] weights) {
        ItemFactor f = TestItems.item(id, vector);
        f.version = 1;
        f.popularity = popularity;
        f.neighbours = TestItems.ids(neighbours);
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

    /** The event a list is made for: only its user, time and channel matter here. */
    private static Event event() {
        return Event.interaction("u", "x", EventType.VIEW, "app", TS);
    }

    private static UserProfile profile(float[] vector, String... recent) {
        UserProfile p = new UserProfile(vector);
        p.recent = TestItems.ids(recent);
        p.seen = TestItems.seen(recent);
        p.interactions = recent.length;
        return p;
    }

    private static SeenItems seen(UserProfile user) {
        SeenItems seen = new SeenItems();
        user.seenInto(seen);
        return seen;
    }

    /** The names in the order of a tie: by numeric id. */
    private static String[] tied(String... names) {
        return Arrays.stream(names).sorted((a, b) -> Long.compare(TestItems.id(a), TestItems.id(b))).toArray(String[]::new);
    }

    private static String[] concat(String[]... parts) {
        return Arrays.stream(parts).flatMap(Arrays::stream).toArray(String[]::new);
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

        CandidateList top = new Recommender(config).recommend(event(), user, seen(user), replica, config.topK);

        // n: factor 1*0.5 + 2*0 = 0.5; co-occurrence r1: 2/2 = 1, r2 (recency 0.5): 0.5 * 1/4 = 0.125;
        //    popularity 0.1 * (ln 1 - ln 4) = -0.1386294   => 0.5 + 1.125 - 0.1386294 = 1.4863706
        // m: factor 2; co-occurrence 0.5 * 3/4 = 0.375; no popularity: 0.1 * -50 = -5 => -2.625
        assertThat(top.items).containsExactly("n", "m");
        assertThat(top.scores).containsExactly(new float[] {1.4863706f, -2.625f}, within(1e-5f));
    }

    /**
     * How many context items name a candidate, how popular the context items are, and how like the
     * latest item a candidate's factor vector is: hand-computed, live and in the evaluation's ranking.
     */
    @Test
    void aListCarriesTheContextVotesTheRecentPopularityAndTheLatestItemsSimilarity() {
        LearningConfig config = TestConfigs.handComputable().dim(2).contextDecay(0.5f).build();
        ItemReplica replica = replica(config,
                item("r1", new float[] {1f, 0f}, 4, new String[] {"n"}, new float[] {2f}),
                item("r2", new float[] {0f, 0f}, 2, new String[] {"n", "m"}, new float[] {1f, 3f}),
                item("r3", new float[] {0f, 0f}, 1, new String[] {"m", "o"}, new float[] {1f, 1f}),
                item("n", new float[] {3f, 4f}, 1, new String[0], new float[0]),
                item("m", new float[] {0f, 2f}, 1, new String[0], new float[0]),
                item("o", new float[] {-1f, 0f}, 1, new String[0], new float[0]));
        UserProfile user = profile(new float[] {1f, 2f}, "r1", "r2", "r3"); // r1 the latest
        Recommender recommender = new Recommender(config);
        // popularity relative to the most popular item (r1, 4): ln(4/4), ln(2/4), ln(1/4)
        float recentPopularity = (float) ((0 + Math.log(0.5) + Math.log(0.25)) / 3);

        for (CandidateList list : List.of(recommender.recommend(event(), user, seen(user), replica, config.topK),
                recommender.rankAll(event(), user, seen(user), replica, config.topK))) {
            assertThat(list.items).containsExactlyInAnyOrder("n", "m", "o");
            // n: r1 and r2 name it; m: r2 and r3; o: r3 alone
            assertThat(featureOf(list, "n", RankingFeatures.CONTEXT_VOTES)).isCloseTo(2f / 3f, within(1e-6f));
            assertThat(featureOf(list, "m", RankingFeatures.CONTEXT_VOTES)).isCloseTo(2f / 3f, within(1e-6f));
            assertThat(featureOf(list, "o", RankingFeatures.CONTEXT_VOTES)).isCloseTo(1f / 3f, within(1e-6f));
            for (String item : List.of("n", "m", "o")) {
                assertThat(featureOf(list, item, RankingFeatures.RECENT_POPULARITY)).isCloseTo(recentPopularity, within(1e-5f));
            }
            // cosine with r1 (1, 0): n (3, 4) 0.6, m (0, 2) 0, o (-1, 0) -1
            assertThat(featureOf(list, "n", RankingFeatures.LAST_ITEM_SIMILARITY)).isCloseTo(0.6f, within(1e-6f));
            assertThat(featureOf(list, "m", RankingFeatures.LAST_ITEM_SIMILARITY)).isZero();
            assertThat(featureOf(list, "o", RankingFeatures.LAST_ITEM_SIMILARITY)).isCloseTo(-1f, within(1e-6f));
        }
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

        assertThat(recommender.recommend(event(), user, seen(user), replica, config.topK).items).containsExactly("n", "p");
        assertThat(recommender.rankAll(event(), user, seen(user), replica, config.topK).items).containsExactly(concat(new String[] {"q"}, tied("n", "p")));
    }

    /**
     * r names n; n expires, and a new item c arrives. Had c taken n's freed slot, r's list would
     * now name c and make it a co-occurrence candidate.
     */
    @Test
    void aRemovedNeighbourIsNeverScoredEvenWhenANewItemArrivesAfterIt() {
        LearningConfig config = TestConfigs.handComputable().dim(2).trendingCandidates(0).popularityWeight(0f).build();
        ItemReplica replica = replica(config,
                item("r", new float[] {0f, 0f}, 1, new String[] {"n"}, new float[] {1f}),
                item("n", new float[] {0f, 0f}, 1, new String[0], new float[0]));
        UserProfile user = profile(new float[] {1f, 1f}, "r");
        Recommender recommender = new Recommender(config);
        assertThat(recommender.recommend(event(), user, seen(user), replica, config.topK).items).containsExactly("n");

        replica.applyPublished(TestItems.tombstone("n"));
        replica.applyPublished(item("c", new float[] {1f, 1f}, 1, new String[0], new float[0]));

        assertThat(recommender.recommend(event(), user, seen(user), replica, config.topK).items).isEmpty();
        assertThat(recommender.rankAll(event(), user, seen(user), replica, config.topK).scores)
                .containsExactly(2f); // c by its factor alone, no co-occurrence
    }

    /** r names x before the replica holds x: nothing until x arrives, then x with r's co-occurrence. */
    @Test
    void aNeighbourArrivingAfterTheListThatNamesItIsScored() {
        LearningConfig config = TestConfigs.handComputable().dim(2).trendingCandidates(0).popularityWeight(0f).build();
        ItemReplica replica = replica(config, item("r", new float[] {0f, 0f}, 1, new String[] {"x"}, new float[] {1f}));
        UserProfile user = profile(new float[] {1f, 1f}, "r");
        Recommender recommender = new Recommender(config);
        assertThat(recommender.recommend(event(), user, seen(user), replica, config.topK).items).isEmpty();

        replica.applyPublished(item("x", new float[] {0f, 0f}, 1, new String[0], new float[0]));

        CandidateList list = recommender.recommend(event(), user, seen(user), replica, config.topK);
        assertThat(list.items).containsExactly("x");
        assertThat(list.scores).containsExactly(new float[] {1f}, within(1e-6f)); // co-occurrence 1/1
    }

    /**
     * Bob's session r s and Ann's r n s: the user's session r makes s and n session candidates,
     * s held by both neighbour sessions (share 1), n by Ann's alone (1/sqrt 3 of the votes against
     * Bob's 0.5/sqrt 2 : Bob's session is the newer, recency 1, Ann's 1/2 of a ring of 2).
     */
    @Test
    void sessionNeighboursAddCandidatesWithTheirWeightedShare() {
        LearningConfig config = TestConfigs.handComputable().dim(2).trendingCandidates(0).popularityWeight(0f)
                .factorWeight(0f).sessionWeight(2f).build();
        ItemReplica replica = replica(config,
                item("r", new float[] {0f, 0f}, 1, new String[0], new float[0]),
                item("s", new float[] {0f, 0f}, 1, new String[0], new float[0]),
                item("n", new float[] {0f, 0f}, 1, new String[0], new float[0]));
        RecentSessions sessions = new RecentSessions(2, config.sessionGapMs, 5, 5);
        for (String item : new String[] {"r", "n", "s"}) {
            sessions.record(1, TestItems.id(item), TS);
        }
        for (String item : new String[] {"r", "s"}) {
            sessions.record(2, TestItems.id(item), TS);
        }
        UserProfile user = profile(new float[] {1f, 1f}, "r");
        user.sessionItems = 1;
        double ann = 0.5 / Math.sqrt(3);
        double bob = 1 / Math.sqrt(2);

        Recommender recommender = new Recommender(config, sessions);
        CandidateList live = recommender.recommend(event(), user, seen(user), replica, config.topK);
        assertThat(live.items).containsExactly("s", "n");
        assertThat(live.scores).containsExactly(new float[] {2f, (float) (2 * ann / (ann + bob))}, within(1e-6f));
        CandidateList all = recommender.rankAll(event(), user, seen(user), replica, config.topK);
        assertThat(all.items).containsExactly("s", "n");
        assertThat(all.scores).containsExactly(live.scores);

        user.sessionItems = 0; // a new session: nothing to match on yet
        assertThat(recommender.recommend(event(), user, seen(user), replica, config.topK).items).isEmpty();
        user.sessionItems = 1;
        LearningConfig off = TestConfigs.handComputable().dim(2).trendingCandidates(0).build();
        assertThat(new Recommender(off, sessions).recommend(event(), user, seen(user), replica, config.topK).items).isEmpty();
    }

    @Test
    void onlyTheLatestContextItemsNameCandidatesAndAddCooccurrence() {
        LearningConfig config = TestConfigs.handComputable().dim(2).trendingCandidates(0).popularityWeight(0f)
                .factorWeight(0f).contextDecay(0.5f).contextItems(1).build();
        ItemReplica replica = replica(config,
                item("r1", new float[] {0f, 0f}, 1, new String[] {"n"}, new float[] {2f}),
                item("r2", new float[] {0f, 0f}, 1, new String[] {"n", "old"}, new float[] {2f, 2f}),
                item("n", new float[] {0f, 0f}, 1, new String[0], new float[0]),
                item("old", new float[] {0f, 0f}, 1, new String[0], new float[0]));
        UserProfile user = profile(new float[] {1f, 1f}, "r1", "r2");

        CandidateList live = new Recommender(config).recommend(event(), user, seen(user), replica, config.topK);
        // n from r1 alone: 2/2 = 1 (with r2 it would be 1 + 0.5 * 2/4 = 1.25); r2's "old" is no candidate
        assertThat(live.items).containsExactly("n");
        assertThat(live.scores).containsExactly(1f);
        CandidateList all = new Recommender(config).rankAll(event(), user, seen(user), replica, config.topK);
        assertThat(all.items).containsExactly("n", "old"); // "old" scored, without r2's co-occurrence
        assertThat(all.scores).containsExactly(1f, 0f);
    }

    @Test
    void aUserWithoutInteractionsGetsTheMostPopularUnseenItems() {
        LearningConfig config = TestConfigs.handComputable().dim(2).topK(2).build();
        ItemReplica replica = replica(config,
                item("a", new float[] {0f, 0f}, 3, new String[0], new float[0]),
                item("b", new float[] {0f, 0f}, 2, new String[0], new float[0]),
                item("c", new float[] {0f, 0f}, 1, new String[0], new float[0]));
        UserProfile cold = new UserProfile(new float[] {1f, 1f});

        CandidateList list = new Recommender(config).recommend(event(), cold, new SeenItems(), replica, config.topK);
        assertThat(list.items).containsExactly("a", "b");
        assertThat(list.reasons).containsExactly(Reason.POPULARITY, Reason.POPULARITY);
        TopK popular = new TopK(2);
        Recommender.mostPopularUnseen(replica, seen(profile(new float[0], "a")), popular);
        assertThat(popular.items(2)).containsExactly(TestItems.ids("b", "c"));
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

        assertThat(recommender.recommend(event(), user, seen(user), replica, config.topK).items).containsExactly("t");
        assertThat(recommender.rankAll(event(), user, seen(user), replica, config.topK).items).containsExactly("t");
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
        assertThat(recommender.rankAll(event(), first, seen(first), replica, config.topK).items).containsExactly("z", "w");
        // second: neither the first user's co-occurrence for z nor their exclusion of r carries over
        assertThat(recommender.rankAll(event(), second, seen(second), replica, config.topK).items).containsExactly(concat(new String[] {"w"}, tied("r", "z")));
    }

    @Test
    void aUsersListAndFeaturesDependOnThatUserAloneWhateverWasAskedBefore() {
        LearningConfig config = TestConfigs.handComputable().dim(2).trendingCandidates(2).build();
        ItemReplica replica = replica(config,
                item("r1", new float[] {0.1f, 0f}, 4, new String[] {"n", "m"}, new float[] {2f, 1f}),
                item("r2", new float[] {0f, 0.1f}, 3, new String[] {"m"}, new float[] {1f}),
                item("n", new float[] {0.5f, 0f}, 2, new String[] {"r1"}, new float[] {1f}),
                item("m", new float[] {0f, 1f}, 1, new String[0], new float[0]),
                item("b1", new float[] {0.2f, 0.2f}, 1, new String[0], new float[0]),
                item(IntentItem.of("books"), new float[] {0f, 0f}, 2, new String[] {"b1", "n"}, new float[] {3f, 1f}));
        UserProfile withHistory = profile(new float[] {1f, 2f}, "r1", "r2");
        UserProfile searchedOnly = new UserProfile(new float[] {0.5f, -1f});
        searchedOnly.recent = TestItems.ids(IntentItem.of("books"));
        searchedOnly.searches = 1;
        UserProfile cold = new UserProfile(new float[] {-1f, 1f});
        List<UserProfile> users = List.of(withHistory, searchedOnly, cold);

        int[][] orders = {{0, 1, 2}, {0, 2, 1}, {1, 0, 2}, {1, 2, 0}, {2, 0, 1}, {2, 1, 0}, {0, 1, 0, 2, 1, 2, 0}};
        for (int[] order : orders) {
            Recommender shared = new Recommender(config);
            for (int u : order) {
                UserProfile user = users.get(u);
                CandidateList live = shared.recommend(event(), user, seen(user), replica, 5);
                CandidateList alone = new Recommender(config).recommend(event(), user, seen(user), replica, 5);
                assertSameList(live, alone, "recommend, user " + u + " in order " + Arrays.toString(order));
                CandidateList all = shared.rankAll(event(), user, seen(user), replica, 5);
                CandidateList allAlone = new Recommender(config).rankAll(event(), user, seen(user), replica, 5);
                assertSameList(all, allAlone, "rankAll, user " + u + " in order " + Arrays.toString(order));
            }
        }
        // the case that once leaked: the searcher's candidates carry no co-occurrence of another's items
        CandidateList searcher = new Recommender(config).recommend(event(), searchedOnly, new SeenItems(), replica, 5);
        assertThat(searcher.items).startsWith("b1");
    }

    @Test
    void anItemThatChangedSlotBetweenTwoCallsCarriesNothingOver() {
        LearningConfig config = TestConfigs.handComputable().dim(2).trendingCandidates(0).build();
        ItemReplica replica = replica(config,
                item("r", new float[] {0f, 0f}, 1, new String[] {"gone", "n"}, new float[] {5f, 1f}),
                item("gone", new float[] {0f, 0f}, 1, new String[0], new float[0]),
                item("n", new float[] {0f, 0f}, 1, new String[0], new float[0]),
                item("s", new float[] {0f, 0f}, 1, new String[] {"m"}, new float[] {1f}),
                item("m", new float[] {0f, 0f}, 1, new String[0], new float[0]),
                item("late", new float[] {0f, 0f}, 1, new String[0], new float[0]));
        Recommender shared = new Recommender(config);
        UserProfile first = profile(new float[] {1f, 1f}, "r");
        UserProfile second = profile(new float[] {1f, 1f}, "s");
        assertThat(shared.recommend(event(), first, seen(first), replica, 5).items).containsExactly("gone", "n");

        // "gone" expires: the last slot's item ("late") moves into its slot
        replica.applyPublished(ItemFactor.tombstone(TestItems.id("gone"), "gone"));

        CandidateList afterMove = shared.recommend(event(), second, seen(second), replica, 5);
        assertThat(afterMove.items).containsExactly("m");
        assertSameList(afterMove, new Recommender(config).recommend(event(), second, seen(second), replica, 5), "after the move");
        assertSameList(shared.rankAll(event(), second, seen(second), replica, 5),
                new Recommender(config).rankAll(event(), second, seen(second), replica, 5), "rankAll after the move");
    }

    /** The reason of {@code item} in {@code list} as it is published. */
    private static Reason reasonOf(CandidateList list, String item) {
        int n = Arrays.asList(list.items).indexOf(item);
        assertThat(n).as(item + " in the list").isNotNegative();
        return Reason.of(list.reasons[n], list.reasonItems[n]);
    }

    @Test
    void aUserWhoViewedXThenYGetsItemsBecauseOfYAndBecauseOfX() {
        LearningConfig config = TestConfigs.handComputable().dim(2).popularityWeight(0f).build();
        ItemReplica replica = replica(config,
                item("X", new float[] {0f, 0f}, 2, new String[] {"a", "s"}, new float[] {2f, 2f}),
                item("Y", new float[] {0f, 0f}, 2, new String[] {"b", "s"}, new float[] {1f, 3f}),
                item("a", new float[] {0f, 0f}, 1, new String[0], new float[0]),
                item("b", new float[] {0f, 0f}, 1, new String[0], new float[0]),
                item("s", new float[] {0f, 0f}, 1, new String[0], new float[0]),
                item("f", new float[] {1f, 0f}, 5, new String[0], new float[0]),
                item("t", new float[] {0f, 0f}, 9, new String[0], new float[0]));
        UserProfile user = profile(new float[] {1f, 0f}, "Y", "X"); // viewed X, then Y

        CandidateList list = new Recommender(config).recommend(event(), user, seen(user), replica, config.topK);

        // s: from Y 1 * 3/4 = 0.75, from X 0.9 * 2/4 = 0.45; f: factor 1, no co-occurrence;
        // a: X 0.45; b: Y 0.25; t: trending, nothing positive in its score
        assertThat(list.items).containsExactly("s", "f", "a", "b", "t");
        assertThat(reasonOf(list, "s")).usingRecursiveComparison().isEqualTo(Reason.of(Reason.COOCCURRENCE, "Y"));
        assertThat(reasonOf(list, "s").item).isEqualTo("Y");
        assertThat(reasonOf(list, "a").item).isEqualTo("X");
        assertThat(reasonOf(list, "b").item).isEqualTo("Y");
        assertThat(reasonOf(list, "f").because).isEqualTo("factor");
        assertThat(reasonOf(list, "t").because).isEqualTo("trending");
        assertThat(reasonOf(list, "f").item).isNull();
    }

    @Test
    void aSearchLedItemCarriesTheIntentAndARecentItemComesBackAsAReFind() {
        LearningConfig config = TestConfigs.handComputable().dim(2).popularityWeight(0f).factorWeight(0f)
                .trendingCandidates(0).refindWeight(1f).build();
        String shoes = IntentItem.of("shoes");
        ItemReplica replica = replica(config,
                item(shoes, new float[] {0f, 0f}, 1, new String[] {"k", "a"}, new float[] {3f, 1f}),
                item("X", new float[] {0f, 0f}, 2, new String[] {"a"}, new float[] {2f}),
                item("a", new float[] {0f, 0f}, 1, new String[0], new float[0]),
                item("k", new float[] {0f, 0f}, 1, new String[0], new float[0]));
        UserProfile user = profile(new float[] {1f, 0f}, shoes, "X"); // viewed X, then searched for shoes
        user.seen = TestItems.seen("X");
        user.recentBoughtTs = new long[2]; // never bought: both may come back

        CandidateList list = new Recommender(config).recommend(event(), user, seen(user), replica, config.topK);

        // X: re-find 1 * 0.9 = 0.9; a: X 0.9 * 2/2 = 0.9 > shoes 1/4; k: shoes 3/4 = 0.75
        assertThat(list.items).containsExactly(concat(tied("X", "a"), new String[] {"k"}));
        Reason k = reasonOf(list, "k");
        assertThat(k.because).isEqualTo("search");
        assertThat(k.intent).isEqualTo("shoes");
        assertThat(k.item).isNull();
        assertThat(reasonOf(list, "a")).usingRecursiveComparison().isEqualTo(Reason.of(Reason.COOCCURRENCE, "X"));
        assertThat(reasonOf(list, "X").because).isEqualTo("re-find");
        // the re-find candidate is marked by its recency (0.9^1: the second most recent entry),
        // and only new items count in the blend rank
        assertThat(featureOf(list, "X", RankingFeatures.REFIND)).isCloseTo(0.9f, within(1e-6f));
        assertThat(featureOf(list, "a", RankingFeatures.REFIND)).isZero();
        assertThat(featureOf(list, "k", RankingFeatures.REFIND)).isZero();
        assertThat(featureOf(list, "a", RankingFeatures.BLEND_RANK)).isZero();
        assertThat(featureOf(list, "k", RankingFeatures.BLEND_RANK)).isEqualTo(1f);
        assertThat(featureOf(list, "X", RankingFeatures.BLEND_RANK)).isEqualTo(list.items[0].equals("X") ? 0f : 1f);
    }

    /**
     * The strong votes: the share of the context items whose neighbour lists give the candidate
     * more than the list's mean weight, hand-computed, live and in the evaluation's ranking.
     */
    @Test
    void aListCarriesTheStrongVotes() {
        LearningConfig config = TestConfigs.handComputable().dim(2).contextDecay(0.5f).build();
        ItemReplica replica = replica(config,
                item("r1", new float[] {1f, 0f}, 4, new String[] {"n", "m"}, new float[] {3f, 1f}),
                item("r2", new float[] {0f, 0f}, 2, new String[] {"n", "m", "o"}, new float[] {1f, 2.5f, 2.5f}),
                item("r3", new float[] {0f, 0f}, 1, new String[] {"m", "o"}, new float[] {4f, 1f}),
                item("n", new float[] {1f, 1f}, 1, new String[0], new float[0]),
                item("m", new float[] {1f, 1f}, 2, new String[0], new float[0]),
                item("o", new float[] {1f, 1f}, 1, new String[0], new float[0]));
        UserProfile user = profile(new float[] {1f, 2f}, "r1", "r2", "r3");
        Recommender recommender = new Recommender(config);

        for (CandidateList list : List.of(recommender.recommend(event(), user, seen(user), replica, config.topK),
                recommender.rankAll(event(), user, seen(user), replica, config.topK))) {
            assertThat(list.items).containsExactlyInAnyOrder("n", "m", "o");
            // above the list's mean weight: r1 (mean 2) n; r2 (mean 2) m and o; r3 (mean 2.5) m
            assertThat(featureOf(list, "n", RankingFeatures.STRONG_VOTES)).isCloseTo(1f / 3f, within(1e-6f));
            assertThat(featureOf(list, "m", RankingFeatures.STRONG_VOTES)).isCloseTo(2f / 3f, within(1e-6f));
            assertThat(featureOf(list, "o", RankingFeatures.STRONG_VOTES)).isCloseTo(1f / 3f, within(1e-6f));
            // every context item names m: a vote is any weight, a strong vote more than the mean
            assertThat(featureOf(list, "m", RankingFeatures.CONTEXT_VOTES)).isCloseTo(1f, within(1e-6f));
        }
    }

    /**
     * The trend feature is what it was when it was computed with {@code Math.log1p}, to the bit:
     * every whole millisecond of the first six hours, and a sample of ages up to three years.
     */
    @Test
    void freshnessIsMinusLog1pOfTheHoursSinceTheItemWasLastUsed() {
        ItemFactor f = TestItems.item("i", new float[] {1f});
        f.popularityTs = TS;
        assertThat(Recommender.freshness(f, TS + 3_600_000L)).isEqualTo((float) -Math.log(2.0));
        assertThat(Recommender.freshness(f, TS - 1L)).as("an event older than the item's last use").isEqualTo(-0f);
        for (long ms = 0; ms < 6 * 3_600_000L; ms++) {
            assertFreshness(f, ms);
        }
        SplittableRandom random = new SplittableRandom(7);
        for (int n = 0; n < 1_000_000; n++) {
            assertFreshness(f, random.nextLong(100_000_000_000L));
        }
    }

    private static void assertFreshness(ItemFactor f, long ageMs) {
        float expected = (float) -Math.log1p(ageMs / 3_600_000.0);
        float actual = Recommender.freshness(f, TS + ageMs);
        if (Float.floatToRawIntBits(actual) != Float.floatToRawIntBits(expected)) { // one assertThat per value is slow
            assertThat(actual).as("freshness %d ms after the last use", ageMs).isEqualTo(expected);
        }
    }

    private static float featureOf(CandidateList list, String item, int feature) {
        int n = Arrays.asList(list.items).indexOf(item);
        return list.features[n * RankingFeatures.COUNT + feature];
    }

    private static void assertSameList(CandidateList actual, CandidateList expected, String what) {
        assertThat(actual.items).as(what + ": items").containsExactly(expected.items);
        assertThat(actual.scores).as(what + ": scores").containsExactly(expected.scores);
        assertThat(actual.features).as(what + ": features").containsExactly(expected.features);
        assertThat(actual.reasons).as(what + ": reasons").containsExactly(expected.reasons);
        assertThat(actual.reasonItems).as(what + ": reason items").containsExactly(expected.reasonItems);
    }
}
