package io.recstream.recommend;

/**
 * The features of one (user, candidate) pair that the ranking model scores, in the order of its
 * input columns. The layout is part of the model contract: the feature log the trainer reads,
 * the ONNX model's input and the job must agree, so a change here is a new model version.
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

    public static final int COUNT = 13;

    public static final String[] NAMES = {
        "cooccurrence", "factor", "popularity", "trend", "neighbour_recency",
        "intent_match", "channel_app", "channel_web", "channel_store", "blend",
        "cooccurrence_share", "factor_gap", "last_item_cooccurrence"
    };
}
