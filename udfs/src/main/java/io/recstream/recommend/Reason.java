package io.recstream.recommend;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Why an item is in a published list, as its JSON reads: {@code {"because":"co-occurrence","item":"X"}}
 * (X: the user's recent item that led to it), {@code {"because":"search","intent":"shoes"}},
 * {@code {"because":"re-find"}}, {@code {"because":"factor"}}, {@code {"because":"trending"}} or
 * {@code {"because":"popularity"}} (a user with no history yet). A Flink POJO.
 *
 * <p>On the way from the recommender to the publisher a reason is one of the {@code byte} kinds
 * below per candidate plus the name of the recent item behind it ({@code CandidateList.reasons},
 * {@code reasonItems}), so scoring allocates nothing for it; the publisher makes this object for
 * the items it publishes. The rule that picks the kind is {@code Recommender}'s.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Reason {
    /** Co-occurrence with a recent item carries the largest part of the blend score. */
    public static final byte COOCCURRENCE = 1;
    /** As {@link #COOCCURRENCE}, and the recent entry that contributed the most is a search intent. */
    public static final byte SEARCH = 2;
    /** The re-find bonus of one of the user's own recent items carries the largest part. */
    public static final byte REFIND = 3;
    /** The factor score (the user's learnt taste) carries the largest part. */
    public static final byte FACTOR = 4;
    /** A trending candidate that no positive part of the blend score explains. */
    public static final byte TRENDING = 5;
    /** The most popular items, the list of a user with no recent items or searches. */
    public static final byte POPULARITY = 6;

    private static final String[] BECAUSE = {null, "co-occurrence", "search", "re-find", "factor", "trending", "popularity"};

    public String because;
    /** The recent item behind a co-occurrence; null for other reasons. */
    public String item;
    /** The search intent behind a search; null for other reasons. */
    public String intent;

    public Reason() {}

    /**
     * The reason of {@code kind}; {@code source} is the name of the recent item (an intent
     * pseudo-item for {@link #SEARCH}) behind a co-occurrence or search, null otherwise.
     */
    public static Reason of(byte kind, String source) {
        if (kind < COOCCURRENCE || kind > POPULARITY) {
            throw new IllegalArgumentException("no reason of kind " + kind);
        }
        Reason reason = new Reason();
        reason.because = BECAUSE[kind];
        if (kind == COOCCURRENCE) {
            reason.item = source;
        } else if (kind == SEARCH && source != null) {
            reason.intent = IntentItem.intentOf(source);
        }
        return reason;
    }
}
