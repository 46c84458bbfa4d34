package io.recstream.learn;

import io.recstream.event.EventType;

import java.io.Serializable;
import java.util.EnumMap;
import java.util.Map;

/**
 * Everything the learners and the recommender are tuned by. Immutable, serialisable into the
 * Flink job graph; built from the job's typed options (see {@code RecStreamOptions}) or in tests
 * with {@link #builder()}.
 */
public final class LearningConfig implements Serializable {
    private static final long serialVersionUID = 1L;

    public final int dim;
    public final float learningRate;
    public final float regularization;
    public final float initStdDev;
    public final float maxNorm;
    public final boolean itemBiases;
    public final long seed;
    /** How the factor model learns: pointwise ISGD, or pairwise BPR against sampled negatives. */
    public enum Loss { ISGD, BPR }

    public final Loss loss;
    /**
     * Negatives sampled uniformly from the replica per interaction: BPR's pairs, or extra
     * target-0 steps for ISGD.
     */
    public final int negatives;
    /**
     * How many of an interaction's sampled negatives also move their item (an item update each):
     * the first ones drawn; the rest move only the user's vector. Each is an item update the
     * replica applies and the accumulator sums. All of them by default: fewer cut the learning
     * work per event but cost recall@10 (3 of 10: the learners 10-26 % less CPU per event, the
     * default lists 1.1 % less recall on ml-latest-small; docs/BENCHMARKS.md, "Negatives on the
     * item side"), a trade for a deployment that is short of CPU to choose.
     */
    public final int negativeItemSteps;
    /** How many of the user's latest items feed co-occurrence and neighbour candidates. */
    public final int recentItems;
    /** Learning: a new item's co-occurrence with the i-th most recent item weighs recencyDecay^i. */
    public final float recencyDecay;
    /** Scoring: the neighbours of the user's i-th most recent item count contextDecay^i. */
    public final float contextDecay;
    /**
     * Scoring: how many of the user's latest items name candidates and add co-occurrence; older
     * ones weigh contextDecay^i, too little to change a list, and cost as much as the latest.
     */
    public final int contextItems;
    /**
     * Repeats: the blend weight of a "re-find" candidate, one of the user's recent items that may
     * come back, scored {@code refindWeight * contextDecay^i} for the i-th most recent on top of
     * its blend score; 0 keeps every seen item out of the lists.
     */
    public final float refindWeight;
    /** Repeats: a purchased item may come back as a re-find candidate this long after its purchase. */
    public final long purchasePauseMs;
    /** Sessions: a user's events further apart than this (event time) belong to different sessions. */
    public final long sessionGapMs;
    /**
     * Sessions: the blend weight of the session-neighbour score (see {@code SessionNeighbours});
     * 0 turns the candidate source off.
     */
    public final float sessionWeight;
    /** Sessions: how many of the latest sessions each user-learner subtask keeps as neighbours. */
    public final int neighbourSessions;
    /** Sessions: how many of the latest kept sessions holding an item are looked at per item. */
    public final int sessionsPerItem;
    /**
     * Weight of the backward direction of a co-occurrence: when a user goes from j to i, i
     * becomes j's neighbour with the pair's weight and j becomes i's with this share of it.
     */
    public final float backwardCooccurrence;
    /** Items remembered as seen per user (never recommended again); oldest forgotten first. */
    public final int maxSeen;
    /** Co-occurring neighbours kept per item. */
    public final int neighboursPerItem;
    /** Half-life of item popularity in event time; 0 means plain counts, no decay. */
    public final long popularityHalfLifeMs;
    public final int topK;
    /**
     * Candidates per list handed to the ranking stage (the publisher keeps the best topK). 50, not
     * 100: the same recall@10 with ranking-v3, at half the features and inference per list
     * (docs/BENCHMARKS.md, "Ranking candidates: 50").
     */
    public final int rankingCandidates;
    /** Trending items added to every candidate set. */
    public final int trendingCandidates;
    /**
     * Whether the user-learner computes and publishes a list per event; without lists it only
     * learns (the evaluation protocol ranks regardless).
     */
    public final boolean liveLists;
    /**
     * A neighbour list is normalised by its mass plus this: small lists (rarely seen items) then
     * count less than large ones instead of handing their one neighbour a full vote.
     */
    public final float cooccurrenceSmoothing;
    /** Co-occurrence with a candidate is divided by its popularity to this power (0: not at all). */
    public final float popularityDamping;
    public final float factorWeight;
    public final float cooccurrenceWeight;
    public final float popularityWeight;
    private final EnumMap<EventType, Float> typeWeights;
    /** {@link #typeWeights} by the type's ordinal: read per event, without a map lookup or a boxed default. */
    private final float[] weightByType;

    private LearningConfig(Builder b) {
        this.dim = b.dim;
        this.learningRate = b.learningRate;
        this.regularization = b.regularization;
        this.initStdDev = b.initStdDev;
        this.maxNorm = b.maxNorm;
        this.itemBiases = b.itemBiases;
        this.seed = b.seed;
        this.loss = b.loss;
        this.negatives = b.negatives;
        this.negativeItemSteps = b.negativeItemSteps;
        this.recentItems = b.recentItems;
        this.recencyDecay = b.recencyDecay;
        this.contextDecay = b.contextDecay;
        this.contextItems = b.contextItems;
        this.refindWeight = b.refindWeight;
        this.purchasePauseMs = b.purchasePauseMs;
        this.sessionGapMs = b.sessionGapMs;
        this.sessionWeight = b.sessionWeight;
        this.neighbourSessions = b.neighbourSessions;
        this.sessionsPerItem = b.sessionsPerItem;
        this.backwardCooccurrence = b.backwardCooccurrence;
        this.maxSeen = b.maxSeen;
        this.neighboursPerItem = b.neighboursPerItem;
        this.popularityHalfLifeMs = b.popularityHalfLifeMs;
        this.topK = b.topK;
        this.rankingCandidates = Math.max(b.rankingCandidates, b.topK);
        this.trendingCandidates = b.trendingCandidates;
        this.liveLists = b.liveLists;
        this.cooccurrenceSmoothing = b.cooccurrenceSmoothing;
        this.popularityDamping = b.popularityDamping;
        this.factorWeight = b.factorWeight;
        this.cooccurrenceWeight = b.cooccurrenceWeight;
        this.popularityWeight = b.popularityWeight;
        this.typeWeights = new EnumMap<>(b.typeWeights);
        this.weightByType = new float[EventType.values().length];
        typeWeights.forEach((type, weight) -> weightByType[type.ordinal()] = weight == null ? 0f : weight);
    }

    /** How strongly an interaction of this type pulls the vectors; 0 means "do not learn". */
    public float weightOf(EventType type) {
        return weightByType[type.ordinal()];
    }

    public IsgdStep isgdStep() {
        return new IsgdStep(learningRate, regularization, maxNorm, itemBiases);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.dim = dim;
        b.learningRate = learningRate;
        b.regularization = regularization;
        b.initStdDev = initStdDev;
        b.maxNorm = maxNorm;
        b.itemBiases = itemBiases;
        b.seed = seed;
        b.loss = loss;
        b.negatives = negatives;
        b.negativeItemSteps = negativeItemSteps;
        b.recentItems = recentItems;
        b.recencyDecay = recencyDecay;
        b.contextDecay = contextDecay;
        b.contextItems = contextItems;
        b.refindWeight = refindWeight;
        b.purchasePauseMs = purchasePauseMs;
        b.sessionGapMs = sessionGapMs;
        b.sessionWeight = sessionWeight;
        b.neighbourSessions = neighbourSessions;
        b.sessionsPerItem = sessionsPerItem;
        b.backwardCooccurrence = backwardCooccurrence;
        b.maxSeen = maxSeen;
        b.neighboursPerItem = neighboursPerItem;
        b.popularityHalfLifeMs = popularityHalfLifeMs;
        b.topK = topK;
        b.rankingCandidates = rankingCandidates;
        b.trendingCandidates = trendingCandidates;
        b.liveLists = liveLists;
        b.cooccurrenceSmoothing = cooccurrenceSmoothing;
        b.popularityDamping = popularityDamping;
        b.factorWeight = factorWeight;
        b.cooccurrenceWeight = cooccurrenceWeight;
        b.popularityWeight = popularityWeight;
        b.typeWeights = new EnumMap<>(typeWeights);
        return b;
    }

    /** Defaults are the tuned production model; see docs/QUALITY.md for how they were chosen. */
    public static final class Builder {
        private int dim = 32;
        /**
         * With {@code factorWeight}: larger steps and half the blend weight order the co-occurrence
         * candidates better by taste, +3.8 % recall@10 on ml-latest-small and a little more on the
         * synthetic streams (docs/QUALITY.md, "The factor score as a tie-breaker").
         */
        private float learningRate = 0.1f;
        private float regularization = 0.01f;
        private float initStdDev = 0.1f;
        private float maxNorm = 10f;
        private boolean itemBiases = false;
        private long seed = 7L;
        private Loss loss = Loss.BPR;
        private int negatives = 10;
        private int negativeItemSteps = 10;
        private int recentItems = 20;
        private float recencyDecay = 0.7f;
        private float contextDecay = 0.7f;
        private int contextItems = 10;
        private float refindWeight = 0.3f;
        private long purchasePauseMs = 30L * 24 * 3_600_000L;
        private long sessionGapMs = 30L * 60_000L;
        private float sessionWeight = 0f;
        private int neighbourSessions = 1000;
        private int sessionsPerItem = 20;
        private float backwardCooccurrence = 0.5f;
        private int maxSeen = 1000;
        private int neighboursPerItem = 100;
        private long popularityHalfLifeMs = 0L;
        private int topK = 10;
        private int rankingCandidates = 30;
        private int trendingCandidates = 100;
        private boolean liveLists = true;
        private float cooccurrenceSmoothing = 20f;
        private float popularityDamping = 0f;
        private float factorWeight = 0.0025f;
        private float cooccurrenceWeight = 1f;
        private float popularityWeight = 0.0003f;
        private EnumMap<EventType, Float> typeWeights = defaultTypeWeights();

        /**
         * Every interaction type learns alike: on the synthetic funnel, weighing deeper steps more
         * (click 1.5, cart 2, purchase 3, or 2/4/8) lowered recall on the tuning and the held-out
         * stream (docs/QUALITY.md, "Event types").
         */
        private static EnumMap<EventType, Float> defaultTypeWeights() {
            EnumMap<EventType, Float> w = new EnumMap<>(EventType.class);
            w.put(EventType.VIEW, 1f);
            w.put(EventType.CLICK, 1f);
            w.put(EventType.CART, 1f);
            w.put(EventType.PURCHASE, 1f);
            w.put(EventType.RATING, 1f);
            w.put(EventType.SEARCH, 0f);
            return w;
        }

        public Builder dim(int v) { dim = v; return this; }
        public Builder learningRate(float v) { learningRate = v; return this; }
        public Builder regularization(float v) { regularization = v; return this; }
        public Builder initStdDev(float v) { initStdDev = v; return this; }
        public Builder maxNorm(float v) { maxNorm = v; return this; }
        public Builder itemBiases(boolean v) { itemBiases = v; return this; }
        public Builder seed(long v) { seed = v; return this; }
        public Builder loss(Loss v) { loss = v; return this; }
        public Builder negatives(int v) { negatives = v; return this; }
        public Builder negativeItemSteps(int v) { negativeItemSteps = v; return this; }
        public Builder recentItems(int v) { recentItems = v; return this; }
        public Builder contextDecay(float v) { contextDecay = v; return this; }
        public Builder contextItems(int v) { contextItems = v; return this; }
        public Builder refindWeight(float v) { refindWeight = v; return this; }
        public Builder purchasePauseMs(long v) { purchasePauseMs = v; return this; }
        public Builder recencyDecay(float v) { recencyDecay = v; return this; }
        public Builder sessionGapMs(long v) { sessionGapMs = v; return this; }
        public Builder sessionWeight(float v) { sessionWeight = v; return this; }
        public Builder neighbourSessions(int v) { neighbourSessions = v; return this; }
        public Builder sessionsPerItem(int v) { sessionsPerItem = v; return this; }
        public Builder backwardCooccurrence(float v) { backwardCooccurrence = v; return this; }
        public Builder maxSeen(int v) { maxSeen = v; return this; }
        public Builder neighboursPerItem(int v) { neighboursPerItem = v; return this; }
        public Builder popularityHalfLifeMs(long v) { popularityHalfLifeMs = v; return this; }
        public Builder rankingCandidates(int v) { rankingCandidates = v; return this; }
        public Builder topK(int v) { topK = v; return this; }
        public Builder trendingCandidates(int v) { trendingCandidates = v; return this; }
        public Builder liveLists(boolean v) { liveLists = v; return this; }
        public Builder cooccurrenceSmoothing(float v) { cooccurrenceSmoothing = v; return this; }
        public Builder popularityDamping(float v) { popularityDamping = v; return this; }
        public Builder factorWeight(float v) { factorWeight = v; return this; }
        public Builder cooccurrenceWeight(float v) { cooccurrenceWeight = v; return this; }
        public Builder popularityWeight(float v) { popularityWeight = v; return this; }
        public Builder typeWeight(EventType type, float weight) { typeWeights.put(type, weight); return this; }
        public Builder typeWeights(Map<EventType, Float> weights) { typeWeights.putAll(weights); return this; }

        public LearningConfig build() {
            if (dim <= 0 || topK <= 0 || recentItems < 0 || contextItems < 0 || maxSeen <= 0 || neighboursPerItem < 0 || negativeItemSteps < 0
                    || neighbourSessions <= 0 || sessionsPerItem <= 0 || sessionGapMs < 0) {
                throw new IllegalArgumentException("dimensions and sizes must be positive");
            }
            if (!(learningRate > 0) || !(maxNorm > 0) || regularization < 0) {
                throw new IllegalArgumentException("learning rate and max norm must be > 0, regularization >= 0");
            }
            return new LearningConfig(this);
        }
    }
}
