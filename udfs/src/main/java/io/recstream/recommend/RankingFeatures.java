package io.recstream.recommend;

/**
 * The features of one (user, candidate) pair that the ranking model scores, in the order of its
 * input columns. The layout is part of the model contract: the feature log the trainer reads,
 * the ONNX model's input and the job must agree. It is append-only: a model with n inputs reads
 * the first n features (ranking-v1 and v2 take the first {@link #FIRST_MODELS_COUNT}, v3 and v4 the
 * first {@link #SECOND_MODELS_COUNT}, v5 the first {@link #THIRD_MODELS_COUNT}), so a new feature goes at the end and older models keep working.
 */
public final class RankingFeatures {
    private RankingFeatures() {}

    /** Recency-weighted co-occurrence of the candidate with the user's recent items. */
    public static final int COOCCURRENCE = 0;
    /** Factor score u.v + b. */
    public static final int FACTOR = 1;
    /** Log popularity relative to the most popular item (<= 0). */
    public static final int POPULARITY = 2;
    /** Share of the candidate's popularity gained recently: its trend. */
    public static final int TREND = 3;
    /** How recently the user touched one of the candidate's neighbours (1 = the latest item). */
    public static final int NEIGHBOUR_RECENCY = 4;
    /** Probability of the candidate's category under the user's recent search intent. */
    public static final int INTENT_MATCH = 5;
    /** One-hot channel of the event that asked for the list. */
    public static final int CHANNEL_APP = 6;
    public static final int CHANNEL_WEB = 7;
    public static final int CHANNEL_STORE = 8;
    /** The fixed blend score: what the list is ordered by without the ranking model. */
    public static final int BLEND = 9;

    /** Co-occurrence relative to the list's strongest (1 = the best co-occurring candidate). */
    public static final int COOCCURRENCE_SHARE = 10;
    /** Factor score minus the list's best factor score (0 = the best-matching candidate). */
    public static final int FACTOR_GAP = 11;

    /** Share of the user's latest item's neighbour mass that goes to the candidate: the next-step signal. */
    public static final int LAST_ITEM_COOCCURRENCE = 12;

    /** The features of ranking-v1 and ranking-v2, and the width of lists built before the ones below. */
    public static final int FIRST_MODELS_COUNT = 13;

    /**
     * A re-find candidate's recency: {@code contextDecay^i} for the user's i-th most recent item
     * listed again as a re-find candidate (1 = the latest), 0 for a candidate the user has not
     * touched. It marks the candidates a model trained without repeats never saw.
     */
    public static final int REFIND = 13;
    /**
     * How many of the list's new-item (not re-find) candidates the blend scores above this one:
     * 0 for the blend's best new item. Unlike the blend score itself, it has the same range on
     * every log.
     */
    public static final int BLEND_RANK = 14;

    /** The features of ranking-v3 and ranking-v4, and the width of lists built before the ones below. */
    public static final int SECOND_MODELS_COUNT = 15;

    /**
     * Share of the context items (the recent items that score a list) whose neighbours hold the
     * candidate: how many of them agree, where {@link #COOCCURRENCE} sums how strongly.
     */
    public static final int CONTEXT_VOTES = 15;
    /**
     * The mean {@link #POPULARITY} of the user's context items, the same for every candidate of a
     * list: how mainstream the user's recent taste is, against which a candidate's popularity reads.
     */
    public static final int RECENT_POPULARITY = 16;
    /** Cosine of the candidate's factor vector and the user's latest item's (0 without one). */
    public static final int LAST_ITEM_SIMILARITY = 17;

    /** The features of ranking-v5, and the width of lists built before the ones below. */
    public static final int THIRD_MODELS_COUNT = 18;

    /**
     * Share of the context items whose neighbour lists give the candidate more than the list's
     * mean weight: the agreeing items that name it strongly, where {@link #CONTEXT_VOTES} counts any.
     */
    public static final int STRONG_VOTES = 18;

    public static final int COUNT = 19;

    public static final String[] NAMES = {
        "cooccurrence", "factor", "popularity", "trend", "neighbour_recency",
        "intent_match", "channel_app", "channel_web", "channel_store", "blend",
        "cooccurrence_share", "factor_gap", "last_item_cooccurrence", "refind", "blend_rank",
        "context_votes", "recent_popularity", "last_item_similarity", "strong_votes"
    };
}
