package io.recstream.recommend;

import static io.recstream.recommend.RecommenderBoundTest.ITEMS;
import static io.recstream.recommend.RecommenderBoundTest.TS;
import static io.recstream.recommend.RecommenderBoundTest.changeItems;
import static io.recstream.recommend.RecommenderBoundTest.id;
import static io.recstream.recommend.RecommenderBoundTest.name;
import static io.recstream.recommend.RecommenderBoundTest.neighbourOf;
import static io.recstream.recommend.RecommenderBoundTest.published;
import static io.recstream.recommend.RecommenderBoundTest.vector;
import static org.assertj.core.api.Assertions.assertThat;

import io.recstream.event.Event;
import io.recstream.event.EventType;
import io.recstream.event.NumericId;
import io.recstream.learn.LearningConfig;
import io.recstream.model.ItemFactor;
import io.recstream.model.ItemModel;
import io.recstream.model.ItemReplica;
import io.recstream.model.ReplicaNeighbours;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.SplittableRandom;

/**
 * The co-occurrence signals of every listed candidate, bit for bit as the neighbour lists of the
 * user's context items give them when summed one entry after another, most recent item first:
 * its co-occurrence, the recency of the first context item that names it, its share of the latest
 * item's list, its votes and strong votes, its co-occurrence with searches, and the entry that
 * contributed the most (a tie to the more recent); and its re-find bonus. One recommender lists for every user in turn, on
 * a random replica that changes between lists (items leave, come back, and get new neighbours), with
 * search intents among the recent entries and context items whose lists name the same candidates.
 */
class RecommenderSignalsTest {
    private static final int INTENTS = 12;

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 10, 20})
    void everyListedCandidateCarriesItsSignalsAsTheNeighbourListsSumThemAndItsReFindBonus(int contextItems) {
        LearningConfig config = LearningConfig.builder().contextItems(contextItems).build();
        SplittableRandom random = new SplittableRandom(contextItems);
        ItemReplica replica = new ItemReplica(new ItemModel(config));
        for (int i = 0; i < ITEMS; i++) {
            replica.applyPublished(published(config, random, i, 1));
        }
        for (int q = 0; q < INTENTS; q++) {
            ItemFactor intent = published(config, random, q, 1);
            ItemFactor named = new ItemFactor(NumericId.of(intent(q)), intent(q), intent.vector);
            named.version = 1;
            named.neighbours = intent.neighbours;
            named.neighbourWeights = intent.neighbourWeights;
            replica.applyPublished(named);
        }
        Recommender recommender = new Recommender(config);
        int users = 30;
        UserProfile[] profiles = new UserProfile[users];
        SeenItems[] seen = new SeenItems[users];
        for (int u = 0; u < users; u++) {
            profiles[u] = new UserProfile(vector(random, config.dim, 1f));
            seen[u] = new SeenItems();
        }
        int checked = 0;
        int refound = 0;
        for (int step = 0; step < 1_000; step++) {
            int u = random.nextInt(users);
            UserProfile profile = profiles[u];
            long ts = TS + step * 1_000L;
            if (random.nextInt(8) == 0) {
                profile.touchRecent(NumericId.of(intent(random.nextInt(INTENTS))), 0L, config.recentItems);
            } else {
                int item = profile.recent.length > 0 && random.nextInt(4) > 0
                        ? neighbourOf(replica, profile.recent[0], random) : random.nextInt(ITEMS);
                profile.remember(id(item), EventType.VIEW, ts, seen[u], config.maxSeen, config.recentItems);
            }
            changeItems(config, replica, random, ts, step);
            Event event = Event.interaction("user-" + u, "x", EventType.VIEW, "web", ts);
            CandidateList list = recommender.recommend(event, profile, seen[u], replica, 200);
            for (int c = 0; c < list.itemIds.length; c++) {
                expectSignals(list, c, profile, replica, config, "step " + step + ", candidate " + c);
                refound += expectRefindBonus(list, c, profile, seen[u], config, "step " + step + ", candidate " + c);
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(1_000 * 50);
        assertThat(refound).isGreaterThan(500);
    }

    /**
     * Candidate {@code c}'s re-find feature: for a seen item among the recent ones, the k-th most
     * recent, {@code contextDecay^k} as the bonus is multiplied out; 0 for any other. Returns 1 for
     * a re-find past the latest item (whose bonus is a product), else 0.
     */
    private static int expectRefindBonus(CandidateList list, int c, UserProfile profile, SeenItems seen, LearningConfig config,
            String what) {
        long item = list.itemIds[c];
        float bonus = 0f;
        int at = -1;
        for (int k = 0; k < profile.recent.length && at < 0; k++) {
            if (profile.recent[k] == item) {
                at = k;
            }
        }
        if (at >= 0 && seen.contains(item)) {
            bonus = config.refindWeight;
            for (int k = 0; k < at; k++) {
                bonus *= config.contextDecay;
            }
        }
        assertThat(list.features[c * RankingFeatures.COUNT + RankingFeatures.REFIND]).as(what)
                .isEqualTo(bonus == 0f ? 0f : bonus / config.refindWeight);
        return at > 0 && bonus != 0f ? 1 : 0;
    }

    private static String intent(int q) {
        return IntentItem.of("query-" + q);
    }

    /** Candidate {@code c}'s signals, summed here entry by entry as the recommender is to sum them. */
    private static void expectSignals(CandidateList list, int c, UserProfile profile, ItemReplica replica, LearningConfig config,
            String what) {
        int slot = replica.get(list.itemIds[c]).slot();
        float cooccurrence = 0f;
        float recencyOfFirst = 0f;
        float lastItem = 0f;
        float votes = 0f;
        float strongVotes = 0f;
        float intentMatch = 0f;
        float largest = 0f;
        ItemFactor source = null;
        boolean named = false;
        float recency = 1f;
        int context = Math.min(profile.recent.length, config.contextItems);
        for (int k = 0; k < context; k++, recency *= config.contextDecay) {
            ItemFactor f = replica.get(profile.recent[k]);
            byte[] neighbours = f == null ? ReplicaNeighbours.EMPTY : f.replicaNeighbours();
            int count = ReplicaNeighbours.count(neighbours);
            if (count == 0) {
                continue;
            }
            float mass = ReplicaNeighbours.mass(neighbours);
            for (int n = 0; n < count; n++) {
                if (ReplicaNeighbours.slot(neighbours, n) != slot) {
                    continue;
                }
                float weight = ReplicaNeighbours.weight(neighbours, count, n);
                float contribution = weight * (recency / (mass + config.cooccurrenceSmoothing));
                cooccurrence = named ? cooccurrence + contribution : contribution;
                if (!named) {
                    recencyOfFirst = recency;
                    lastItem = k == 0 ? weight / mass : 0f;
                }
                named = true;
                votes++;
                strongVotes += weight > mass / count ? 1f : 0f;
                if (replica.isIntent(f.slot())) {
                    intentMatch += contribution;
                }
                if (contribution > largest) {
                    largest = contribution;
                    source = f;
                }
            }
        }
        float contextItems = context;
        int row = c * RankingFeatures.COUNT;
        assertThat(list.features[row + RankingFeatures.COOCCURRENCE]).as(what).isEqualTo(cooccurrence);
        assertThat(list.features[row + RankingFeatures.NEIGHBOUR_RECENCY]).as(what).isEqualTo(recencyOfFirst);
        assertThat(list.features[row + RankingFeatures.LAST_ITEM_COOCCURRENCE]).as(what).isEqualTo(lastItem);
        assertThat(list.features[row + RankingFeatures.CONTEXT_VOTES]).as(what).isEqualTo(named ? votes / contextItems : 0f);
        assertThat(list.features[row + RankingFeatures.STRONG_VOTES]).as(what).isEqualTo(named ? strongVotes / contextItems : 0f);
        assertThat(list.features[row + RankingFeatures.INTENT_MATCH]).as(what).isEqualTo(intentMatch);
        if (list.reasons[c] == Reason.COOCCURRENCE || list.reasons[c] == Reason.SEARCH) {
            assertThat(source).as(what).isNotNull();
            assertThat(list.reasonItems[c]).as(what).isEqualTo(source.item);
            assertThat(list.reasons[c]).as(what).isEqualTo(replica.isIntent(source.slot()) ? Reason.SEARCH : Reason.COOCCURRENCE);
        }
    }
}
