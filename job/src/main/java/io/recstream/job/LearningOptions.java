package io.recstream.job;

import io.recstream.event.EventType;
import io.recstream.learn.LearningConfig;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.ReadableConfig;

import java.time.Duration;

/** Learning and ranking knobs as typed options; defaults come from {@link LearningConfig}. */
public final class LearningOptions {
    private LearningOptions() {}

    private static final LearningConfig DEFAULTS = LearningConfig.builder().build();

    public static final ConfigOption<Integer> DIM = ConfigOptions.key("recstream.factors.dim")
            .intType().defaultValue(DEFAULTS.dim).withDescription("Size k of user and item factor vectors.");
    public static final ConfigOption<Float> LEARNING_RATE = ConfigOptions.key("recstream.learning.rate")
            .floatType().defaultValue(DEFAULTS.learningRate).withDescription("SGD step size.");
    public static final ConfigOption<Float> REGULARIZATION = ConfigOptions.key("recstream.learning.regularization")
            .floatType().defaultValue(DEFAULTS.regularization).withDescription("L2 regularisation of the SGD step.");
    public static final ConfigOption<Float> MAX_NORM = ConfigOptions.key("recstream.learning.max-norm")
            .floatType().defaultValue(DEFAULTS.maxNorm).withDescription("Vectors are clipped to this L2 norm.");
    public static final ConfigOption<Boolean> ITEM_BIASES = ConfigOptions.key("recstream.learning.item-biases")
            .booleanType().defaultValue(DEFAULTS.itemBiases).withDescription("Learn a bias per item.");
    public static final ConfigOption<LearningConfig.Loss> LOSS = ConfigOptions.key("recstream.learning.loss")
            .enumType(LearningConfig.Loss.class).defaultValue(DEFAULTS.loss)
            .withDescription("ISGD (pointwise, Vinagre et al. 2014) or BPR (pairwise against sampled negatives).");
    public static final ConfigOption<Integer> NEGATIVES = ConfigOptions.key("recstream.learning.negatives")
            .intType().defaultValue(DEFAULTS.negatives).withDescription("Sampled negatives per interaction.");
    public static final ConfigOption<Integer> NEGATIVE_ITEM_STEPS = ConfigOptions.key("recstream.learning.negative-item-steps")
            .intType().defaultValue(DEFAULTS.negativeItemSteps)
            .withDescription("How many of the sampled negatives also move their item (an item update each); the rest move only the user's vector.");
    public static final ConfigOption<Long> SEED = ConfigOptions.key("recstream.learning.seed")
            .longType().defaultValue(DEFAULTS.seed).withDescription("Seed of vector initialisation and negative sampling.");
    public static final ConfigOption<Integer> RECENT_ITEMS = ConfigOptions.key("recstream.cooccurrence.recent-items")
            .intType().defaultValue(DEFAULTS.recentItems).withDescription("A user's latest items used as co-occurrence context.");
    public static final ConfigOption<Float> RECENCY_DECAY = ConfigOptions.key("recstream.cooccurrence.recency-decay")
            .floatType().defaultValue(DEFAULTS.recencyDecay)
            .withDescription("Learning: a new item's co-occurrence with the user's i-th most recent item weighs decay^i.");
    public static final ConfigOption<Float> CONTEXT_DECAY = ConfigOptions.key("recstream.cooccurrence.context-decay")
            .floatType().defaultValue(DEFAULTS.contextDecay)
            .withDescription("Scoring: neighbours of the user's i-th most recent item count decay^i.");
    public static final ConfigOption<Integer> CONTEXT_ITEMS = ConfigOptions.key("recstream.cooccurrence.context-items")
            .intType().defaultValue(DEFAULTS.contextItems)
            .withDescription("Scoring: of the user's recent items, the latest this many name candidates and add co-occurrence.");
    public static final ConfigOption<Float> REFIND_WEIGHT = ConfigOptions.key("recstream.repeat.refind-weight")
            .floatType().defaultValue(DEFAULTS.refindWeight)
            .withDescription("Blend weight of a user's recent items as \"re-find\" candidates (viewed, clicked or carted items, "
                    + "and purchases after the pause; rated items never): weight * context-decay^i for the i-th most recent. "
                    + "0 never lists an item the user interacted with.");
    public static final ConfigOption<Duration> PURCHASE_PAUSE = ConfigOptions.key("recstream.repeat.purchase-pause")
            .durationType().defaultValue(Duration.ofMillis(DEFAULTS.purchasePauseMs))
            .withDescription("A purchased item may come back as a re-find candidate this long after the purchase (event time).");
    public static final ConfigOption<Duration> SESSION_GAP = ConfigOptions.key("recstream.session.gap")
            .durationType().defaultValue(Duration.ofMillis(DEFAULTS.sessionGapMs))
            .withDescription("A user's events further apart than this (event time) belong to different sessions.");
    public static final ConfigOption<Float> SESSION_WEIGHT = ConfigOptions.key("recstream.session.weight")
            .floatType().defaultValue(DEFAULTS.sessionWeight)
            .withDescription("Blend weight of session-neighbour candidates (V-SKNN family: other users' recent sessions that "
                    + "share items with the current session vote for their items); 0: off (docs/QUALITY.md, Sessions).");
    public static final ConfigOption<Integer> NEIGHBOUR_SESSIONS = ConfigOptions.key("recstream.session.neighbour-sessions")
            .intType().defaultValue(DEFAULTS.neighbourSessions)
            .withDescription("Latest sessions each user-learner subtask keeps as neighbours (in memory, not checkpointed).");
    public static final ConfigOption<Integer> SESSIONS_PER_ITEM = ConfigOptions.key("recstream.session.sessions-per-item")
            .intType().defaultValue(DEFAULTS.sessionsPerItem)
            .withDescription("Of the kept sessions holding an item, the latest this many are looked at per item of the current session.");
    public static final ConfigOption<Float> BACKWARD = ConfigOptions.key("recstream.cooccurrence.backward-weight")
            .floatType().defaultValue(DEFAULTS.backwardCooccurrence)
            .withDescription("Going from j to i makes i a neighbour of j, and j of i with this share of the weight.");
    public static final ConfigOption<Float> SMOOTHING = ConfigOptions.key("recstream.cooccurrence.smoothing")
            .floatType().defaultValue(DEFAULTS.cooccurrenceSmoothing)
            .withDescription("Added to a neighbour list's mass when normalising it, so rarely seen items vote less.");
    public static final ConfigOption<Float> POPULARITY_DAMPING = ConfigOptions.key("recstream.cooccurrence.popularity-damping")
            .floatType().defaultValue(DEFAULTS.popularityDamping)
            .withDescription("Co-occurrence is divided by the candidate's popularity to this power (0: not at all).");
    public static final ConfigOption<Integer> NEIGHBOURS = ConfigOptions.key("recstream.cooccurrence.neighbours-per-item")
            .intType().defaultValue(DEFAULTS.neighboursPerItem).withDescription("Co-occurring neighbours kept per item.");
    public static final ConfigOption<Integer> MAX_SEEN = ConfigOptions.key("recstream.user.max-seen")
            .intType().defaultValue(DEFAULTS.maxSeen).withDescription("Seen items remembered per user (never recommended).");
    public static final ConfigOption<Duration> POPULARITY_HALF_LIFE = ConfigOptions.key("recstream.popularity.half-life")
            .durationType().defaultValue(Duration.ofMillis(DEFAULTS.popularityHalfLifeMs))
            .withDescription("Half-life of item popularity in event time (0: plain counts).");
    public static final ConfigOption<Integer> TOP_K = ConfigOptions.key("recstream.recommend.top-k")
            .intType().defaultValue(DEFAULTS.topK).withDescription("Length of each recommendation list.");
    public static final ConfigOption<Integer> RANKING_CANDIDATES = ConfigOptions.key("recstream.recommend.ranking-candidates")
            .intType().defaultValue(DEFAULTS.rankingCandidates)
            .withDescription("Candidates per list passed to the ranking stage; the best top-k are published.");
    public static final ConfigOption<Integer> TRENDING_CANDIDATES = ConfigOptions.key("recstream.recommend.trending-candidates")
            .intType().defaultValue(DEFAULTS.trendingCandidates).withDescription("Most popular items added to every candidate set.");
    public static final ConfigOption<Boolean> LIVE_LISTS = ConfigOptions.key("recstream.recommend.live-lists")
            .booleanType().defaultValue(DEFAULTS.liveLists)
            .withDescription("Compute and publish a list per event; false: the user-learner only learns "
                    + "(to measure the learning path alone; evaluate ranks regardless).");
    public static final ConfigOption<Float> FACTOR_WEIGHT = ConfigOptions.key("recstream.recommend.weight.factor")
            .floatType().defaultValue(DEFAULTS.factorWeight).withDescription("Blend weight of the factor score.");
    public static final ConfigOption<Float> COOCCURRENCE_WEIGHT = ConfigOptions.key("recstream.recommend.weight.cooccurrence")
            .floatType().defaultValue(DEFAULTS.cooccurrenceWeight).withDescription("Blend weight of the co-occurrence score.");
    public static final ConfigOption<Float> POPULARITY_WEIGHT = ConfigOptions.key("recstream.recommend.weight.popularity")
            .floatType().defaultValue(DEFAULTS.popularityWeight).withDescription("Blend weight of the log-popularity score.");

    public static ConfigOption<Float> typeWeight(EventType type) {
        return ConfigOptions.key("recstream.weight." + type.wireName())
                .floatType().defaultValue(DEFAULTS.weightOf(type))
                .withDescription("Learning weight of a " + type.wireName() + " event (0: not learnt).");
    }

    public static LearningConfig toLearningConfig(ReadableConfig c) {
        LearningConfig.Builder b = LearningConfig.builder()
                .dim(c.get(DIM))
                .learningRate(c.get(LEARNING_RATE))
                .regularization(c.get(REGULARIZATION))
                .maxNorm(c.get(MAX_NORM))
                .itemBiases(c.get(ITEM_BIASES))
                .loss(c.get(LOSS))
                .negatives(c.get(NEGATIVES))
                .negativeItemSteps(c.get(NEGATIVE_ITEM_STEPS))
                .seed(c.get(SEED))
                .recentItems(c.get(RECENT_ITEMS))
                .recencyDecay(c.get(RECENCY_DECAY))
                .contextDecay(c.get(CONTEXT_DECAY))
                .contextItems(c.get(CONTEXT_ITEMS))
                .refindWeight(c.get(REFIND_WEIGHT))
                .purchasePauseMs(c.get(PURCHASE_PAUSE).toMillis())
                .sessionGapMs(c.get(SESSION_GAP).toMillis())
                .sessionWeight(c.get(SESSION_WEIGHT))
                .neighbourSessions(c.get(NEIGHBOUR_SESSIONS))
                .sessionsPerItem(c.get(SESSIONS_PER_ITEM))
                .backwardCooccurrence(c.get(BACKWARD))
                .cooccurrenceSmoothing(c.get(SMOOTHING))
                .popularityDamping(c.get(POPULARITY_DAMPING))
                .neighboursPerItem(c.get(NEIGHBOURS))
                .maxSeen(c.get(MAX_SEEN))
                .popularityHalfLifeMs(c.get(POPULARITY_HALF_LIFE).toMillis())
                .topK(c.get(TOP_K))
                .rankingCandidates(c.get(RANKING_CANDIDATES))
                .trendingCandidates(c.get(TRENDING_CANDIDATES))
                .liveLists(c.get(LIVE_LISTS))
                .factorWeight(c.get(FACTOR_WEIGHT))
                .cooccurrenceWeight(c.get(COOCCURRENCE_WEIGHT))
                .popularityWeight(c.get(POPULARITY_WEIGHT));
        for (EventType type : EventType.values()) {
            b.typeWeight(type, c.get(typeWeight(type)));
        }
        return b.build();
    }
}
