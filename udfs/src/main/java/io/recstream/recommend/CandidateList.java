package io.recstream.recommend;

import io.recstream.event.EventType;

import org.apache.flink.api.common.typeinfo.TypeInfo;

import java.util.Arrays;

/**
 * A user's candidates with their features, on the way from the user-learner through the
 * ranking model to the publisher (live) or to the quality check (evaluation), in
 * {@link CandidateListSerializer}'s format (it keeps the shape of a Flink POJO, public fields and
 * a no-argument constructor, as which earlier builds held it in flight in savepoints).
 *
 * <p>{@code features} is row-major: candidate {@code n}'s features are
 * {@code features[n * RankingFeatures.COUNT ...]}. {@code scores} starts as the blend score and
 * is replaced by the ranking model's when it answers in time. A live list's features end at the
 * ranking model: nothing after it reads them, so the lists it orders and the ones on their way to
 * the publisher carry none (null). {@code reasons} and
 * {@code reasonItems} say why each candidate is there ({@link Reason}); they move with their
 * candidate wherever the list is re-ordered or cut.
 */
@TypeInfo(CandidateListSerializer.TypeInfo.class)
public class CandidateList {
    public String user;
    /** The user's numeric id: the key of the publisher. */
    public long userId;
    /** The candidates' numeric ids, in the order of {@code items}. */
    public long[] itemIds;
    /** The candidates' names. */
    public String[] items;
    public float[] scores;
    public float[] features;
    /**
     * Per candidate: why it is there, a {@link Reason} kind. Null, as {@code reasonItems}, in a list
     * a build before explanations computed (held in flight by the ranking model's operator in a
     * savepoint): its items are published without a reason.
     */
    public byte[] reasons;
    /**
     * Per candidate: the name of the recent item (or search-intent pseudo-item) behind a
     * {@link Reason#COOCCURRENCE} or {@link Reason#SEARCH} reason; null for the other reasons.
     */
    public String[] reasonItems;
    /** Event time of the event that asked for the list. */
    public long ts;
    public String channel;
    /** Whether the event that asked for the list was a purchase: such a list is published at once. */
    public boolean afterPurchase;
    /** Evaluation only: the item the user went on to interact with, null in live mode. */
    public String target;
    /** Evaluation only: whether the user had interacted with the target before (a repeat). */
    public boolean targetSeen;
    /** Evaluation only: whether popularity alone would have recommended the target. */
    public boolean popularityHit;
    /** Which model ordered the list: "blend" until a ranking model has scored it. */
    public String rankedBy = "blend";
    /** The user's experiment bucket: an index into the job's {@code Experiment} (0 when there is none). */
    public int bucket;
    /**
     * The numeric id of the item of the event that asked for the list (0 for a search): stickiness
     * checks it against the current list. 0 as well in a list held in flight in a savepoint of
     * formats v1-v3, which named the item instead.
     */
    public long eventItemId;
    /** The type of the event that asked for the list. */
    public EventType eventType;
    /** Event time of the user's latest event before this one; 0 for a user the job has not seen. */
    public long previousTs;
    /** The model-store version of the ranking model to order the list with, null for the configured model. */
    public String rankerVersion;

    public CandidateList() {}

    public int size() {
        return items.length;
    }

    /** A new list of this one's first {@code k} candidates (features included), the rest as here. */
    public CandidateList top(int k) {
        CandidateList top = topWithoutFeatures(k);
        top.features = Arrays.copyOf(features, top.size() * RankingFeatures.COUNT);
        return top;
    }

    /** {@link #top} without the features (null): what the publisher reads. */
    public CandidateList topWithoutFeatures(int k) {
        int n = Math.min(k, size());
        CandidateList top = new CandidateList();
        top.user = user;
        top.userId = userId;
        top.itemIds = Arrays.copyOf(itemIds, n);
        top.items = Arrays.copyOf(items, n);
        top.scores = Arrays.copyOf(scores, n);
        top.reasons = reasons == null ? null : Arrays.copyOf(reasons, n);
        top.reasonItems = reasonItems == null ? null : Arrays.copyOf(reasonItems, n);
        top.ts = ts;
        top.channel = channel;
        top.afterPurchase = afterPurchase;
        top.target = target;
        top.targetSeen = targetSeen;
        top.popularityHit = popularityHit;
        top.rankedBy = rankedBy;
        top.bucket = bucket;
        top.eventItemId = eventItemId;
        top.eventType = eventType;
        top.previousTs = previousTs;
        top.rankerVersion = rankerVersion;
        return top;
    }
}
