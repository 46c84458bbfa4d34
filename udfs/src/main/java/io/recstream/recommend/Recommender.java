package io.recstream.recommend;

import io.recstream.event.Event;
import io.recstream.learn.Dot;
import io.recstream.learn.LearningConfig;
import io.recstream.model.ItemFactor;
import io.recstream.model.ItemReplica;
import io.recstream.model.ReplicaNeighbours;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * Scores items for a user as a blend of three signals, with weights from {@link LearningConfig}:
 *
 * <ul>
 *   <li>factor: {@code u.v + b}, the online matrix factorisation;
 *   <li>co-occurrence: how often each candidate followed the user's recent items, the i-th most
 *       recent weighted by {@code recencyDecay^i}, each neighbour list normalised to sum 1;
 *   <li>popularity: log of the item's decayed popularity relative to the most popular item;
 *   <li>session neighbours, when their weight is not 0: see {@link SessionNeighbours}.
 * </ul>
 *
 * Live recommendations score only candidates (neighbours of recent items plus trending items):
 * a scan of the catalogue per event is a thousand times slower (docs/ARCHITECTURE.md). The evaluation
 * protocol ranks every known item with the same score. Items are numeric ids until the list is
 * described: only then are the names of its candidates looked up; items without a name yet are
 * not recommended.
 *
 * <p>Each candidate carries why it is there ({@link Reason}), decided where its score is: the
 * largest positive part of its blend score among co-occurrence, factor and the re-find bonus
 * names the reason; a co-occurrence is credited to the recent entry that contributed the most
 * co-occurrence mass to it, a search when that entry is a search intent. A candidate no positive
 * part explains is there as a trending item (live) or as the factor model's pick from the
 * catalogue (evaluation); a user with no history gets the most popular items, for popularity.
 */
public final class Recommender {
    /** Popularity score of an item nobody interacted with: far below any real one. */
    private static final float NO_POPULARITY = -50f;

    private final LearningConfig config;
    /**
     * Scratch of one call, reused so that a call allocates nothing, and cleared at the start of
     * every call: nothing of one user's call can reach the next user's list.
     */
    private final Signals signals = new Signals();
    /** The kept sessions of this subtask's users (null: no session candidates), and one call's scores from them. */
    private final RecentSessions sessions;
    private final SessionNeighbours sessionNeighbours = new SessionNeighbours();
    /** The best candidates of one call; cleared at its start. */
    private TopK top = new TopK(0);
    /**
     * The factor score of each candidate {@link #score} scored, by replica slot: every candidate of
     * a blend-scored list was scored in the call that lists it, so {@link #describe} reads its
     * factor feature here instead of computing the dot product again.
     */
    private float[] factorBySlot = new float[0];
    /**
     * Whether live candidates are first offered with a bound of their factor term
     * ({@link FactorBound}), so that the dot product is computed only for a candidate that could
     * make the list. The lists are the same either way; off only to check that.
     */
    private final boolean boundsFactors;
    /** How many live candidates are scored at once ({@link Dot#of4}). */
    private static final int PENDING = 4;
    /** Live candidates that passed the bound and wait to be scored: their slots, co-occurrence and dot products. */
    private final int[] pendingSlots = new int[PENDING];
    private final float[] pendingCooccurrence = new float[PENDING];
    private final float[] pendingDots = new float[PENDING];
    /** The item of each signal row of a live call ({@link #itemsOfRows}). */
    private ItemFactor[] rowItems = new ItemFactor[0];
    /** {@link #describe}'s scratch: each listed candidate's similarity to the user's latest item. */
    private float[] similarities = new float[0];
    private int pending;

    public Recommender(LearningConfig config) {
        this(config, null);
    }

    /** With {@code sessions}, lists also hold session-neighbour candidates (when their weight is not 0). */
    public Recommender(LearningConfig config, RecentSessions sessions) {
        this(config, sessions, true);
    }

    /** A recommender that computes every live candidate's factor term (the reference for {@link FactorBound}). */
    Recommender(LearningConfig config, RecentSessions sessions, boolean boundsFactors) {
        this.config = config;
        this.sessions = config.sessionWeight != 0f ? sessions : null;
        this.boundsFactors = boundsFactors;
    }

    /**
     * The live top {@code n} for the user of {@code event}, from candidates (neighbours of recent
     * items and searches, plus trending items), with their ranking features; the most popular
     * unseen items for a user with no recent items or searches yet.
     */
    public CandidateList recommend(Event event, UserProfile profile, SeenItems seen, ItemReplica replica, int n) {
        TopK top = clearedTop(n);
        pending = 0;
        collectSignals(event, profile, replica);
        if (profile.recent.length == 0) {
            mostPopularUnseen(replica, seen, top);
            return describe(top, event, profile, seen, replica, Reason.POPULARITY);
        }
        double topKey = replica.topTrendKey();
        float[] user = profile.vector;
        float userNorm = boundsFactors ? Dot.norm(user) : Float.NaN;
        int rows = itemsOfRows(replica);
        for (int row = 0; row < rows; row++) {
            ItemFactor f = rowItems[row];
            if (f != null && !replica.isIntent(signals.slotOfRow[row])) {
                offerUnseen(top, user, userNorm, f, signals.cooccurrence[row], topKey, seen, replica);
            }
        }
        for (int row = 0; row < sessionNeighbours.size(); row++) {
            ItemFactor f = sessionNeighbours.item(row);
            if (signals.rowOf(f) < 0) {
                offerUnseen(top, user, userNorm, f, 0f, topKey, seen, replica);
            }
        }
        Iterator<ItemFactor> trending = replica.popularityOrder();
        for (int k = 0; k < config.trendingCandidates && trending.hasNext(); k++) {
            ItemFactor f = trending.next();
            if (f.item != null && !replica.isIntent(f.slot()) && signals.rowOf(f) < 0 && sessionNeighbours.rowOf(f) < 0) {
                offerUnseen(top, user, userNorm, f, 0f, topKey, seen, replica);
            }
        }
        scorePending(top, user, topKey, seen, replica);
        offerRefind(top, profile, event.ts, seen, replica, topKey);
        return describe(top, event, profile, seen, replica, Reason.TRENDING);
    }

    /**
     * The item of each signal row into {@link #rowItems}, null for a row that holds none (a
     * placeholder's); returns the number of rows. A pass of its own, before the offers: its
     * iterations depend on nothing before them, so the processor fetches many rows' items at once,
     * where an offer waits on the list as it stands. In a replica larger than the processor's
     * caches each row's item is a memory read: a million items' lists took 11-19 % less CPU this way
     * (docs/BENCHMARKS.md, "The list at a million items").
     */
    private int itemsOfRows(ItemReplica replica) {
        int rows = signals.size;
        if (rowItems.length < rows) {
            rowItems = new ItemFactor[signals.slotOfRow.length];
        }
        for (int row = 0; row < rows; row++) {
            ItemFactor f = replica.inSlot(signals.slotOfRow[row]);
            rowItems[row] = f != null && f.item != null ? f : null;
        }
        return rows;
    }

    /** This call's co-occurrence and session-neighbour scores. */
    private void collectSignals(Event event, UserProfile profile, ItemReplica replica) {
        if (factorBySlot.length < replica.slotBound()) {
            factorBySlot = new float[replica.slotBound() * 2];
        }
        signals.collect(profile.recent, replica, config);
        sessionNeighbours.collect(event.userId, profile.recent, profile.sessionItems, config.contextItems, sessions, replica);
    }

    /**
     * Offers a candidate the user has not seen, each check after the cheaper one before it: whether
     * its score could make the list with a bound of its factor term ({@link FactorBound}; NaN: no
     * bound known, {@code userNorm} NaN: none asked for), whether its score does, whether it was seen.
     * A candidate that passes the bound waits for its dot product with three others
     * ({@link #scorePending}): the list is the same, since the bound only drops candidates that
     * the list as it stands already beats, and the list only gets better.
     */
    private void offerUnseen(TopK top, float[] user, float userNorm, ItemFactor f, float cooc, double topKey,
            SeenItems seen, ItemReplica replica) {
        float bound = plusOtherTerms(
                FactorBound.of(config.factorWeight, userNorm, f.norm(), config.itemBiases ? f.bias : 0f, user.length),
                f, cooc, topKey);
        if (bound == bound && !top.accepts(f.id, bound)) {
            return;
        }
        if (!boundsFactors || config.factorWeight == 0f) {
            offerScored(top, f, score(user, f, cooc, topKey), seen);
            return;
        }
        pendingSlots[pending] = f.slot();
        pendingCooccurrence[pending] = cooc;
        if (++pending == PENDING) {
            scorePending(top, user, topKey, seen, replica);
        }
    }

    /** Scores the candidates waiting for their dot products, four at once when four wait, and offers them. */
    private void scorePending(TopK top, float[] user, double topKey, SeenItems seen, ItemReplica replica) {
        if (pending == PENDING) {
            Dot.of4(user, replica.inSlot(pendingSlots[0]).vector, replica.inSlot(pendingSlots[1]).vector,
                    replica.inSlot(pendingSlots[2]).vector, replica.inSlot(pendingSlots[3]).vector, pendingDots);
        } else {
            for (int p = 0; p < pending; p++) {
                pendingDots[p] = Dot.of(user, replica.inSlot(pendingSlots[p]).vector);
            }
        }
        for (int p = 0; p < pending; p++) {
            ItemFactor f = replica.inSlot(pendingSlots[p]);
            offerScored(top, f, scoreOfDot(pendingDots[p], f, pendingCooccurrence[p], topKey), seen);
        }
        pending = 0;
    }

    private static void offerScored(TopK top, ItemFactor f, float score, SeenItems seen) {
        if (top.accepts(f.id, score) && !seen.contains(f.id)) {
            top.offer(f.id, f.slot(), score);
        }
    }

    private TopK clearedTop(int n) {
        if (top.capacity() != n) {
            top = new TopK(n);
        }
        top.clear();
        return top;
    }

    /**
     * The evaluation protocol's top {@code n} of every known item the user has not seen, with their
     * ranking features. A scan of the catalogue per event, so it walks the replica's items and
     * keeps per-item values in arrays by slot instead of hashing every item id (a quarter of the
     * time of a whole replay went into hashing ids); the seen check is a probe of {@code seen}.
     */
    public CandidateList rankAll(Event event, UserProfile profile, SeenItems seen, ItemReplica replica, int n) {
        TopK top = clearedTop(n);
        collectSignals(event, profile, replica);
        double topKey = replica.topTrendKey();
        for (ItemFactor f : replica.all()) {
            if (!replica.isIntent(f.slot()) && f.item != null && !seen.contains(f.id)) {
                top.offer(f.id, f.slot(), score(profile.vector, f, signals.cooccurrence(f), topKey));
            }
        }
        offerRefind(top, profile, event.ts, seen, replica, topKey);
        return describe(top, event, profile, seen, replica, Reason.FACTOR);
    }

    /**
     * Re-find candidates: the user's recent items that may come back (see
     * {@link UserProfile#refindable}), each with its blend score plus
     * {@code refindWeight * contextDecay^i} for the i-th most recent. Only seen items, which no
     * other candidate source offers, so no item is offered twice.
     */
    private void offerRefind(TopK top, UserProfile profile, long now, SeenItems seen, ItemReplica replica, double topKey) {
        if (config.refindWeight == 0f) {
            return;
        }
        float bonus = config.refindWeight;
        for (int k = 0; k < profile.recent.length; k++, bonus *= config.contextDecay) {
            if (profile.refindable(k, now, config.purchasePauseMs) && seen.contains(profile.recent[k])) {
                ItemFactor f = replica.get(profile.recent[k]);
                if (f != null && f.item != null && !replica.isIntent(f.slot())) {
                    top.offer(f.id, f.slot(), score(profile.vector, f, signals.cooccurrence(f), topKey) + bonus);
                }
            }
        }
    }

    /** Whether a list made for this user at {@code now} may hold {@code item}, which they interacted with. */
    public boolean mayComeBack(UserProfile profile, long item, long now) {
        if (config.refindWeight == 0f) {
            return false;
        }
        for (int k = 0; k < profile.recent.length; k++) {
            if (profile.recent[k] == item) {
                return profile.refindable(k, now, config.purchasePauseMs);
            }
        }
        return false;
    }

    /** The popularity baseline into {@code top} (cleared by the caller): the most popular items the user has not seen. */
    public static void mostPopularUnseen(ItemReplica replica, SeenItems seen, TopK top) {
        Iterator<ItemFactor> it = replica.popularityOrder();
        float rank = 0f;
        while (it.hasNext() && top.size() < top.capacity()) {
            ItemFactor f = it.next();
            if (f.item != null && !replica.isIntent(f.slot()) && !seen.contains(f.id)) {
                top.offer(f.id, f.slot(), -rank); // the index order is already the ranking
            }
            rank++;
        }
    }

    /**
     * The candidates of {@code top} with their ranking features and reasons, from this call's
     * signals; {@code unexplained} is the reason of a candidate no positive part of its score
     * explains (all candidates for {@link Reason#POPULARITY}: that list is not blend-scored).
     */
    private CandidateList describe(TopK top, Event event, UserProfile profile, SeenItems seen, ItemReplica replica,
            byte unexplained) {
        int size = top.size();
        CandidateList list = new CandidateList();
        list.user = event.user;
        list.userId = event.userId;
        list.itemIds = new long[size];
        list.items = new String[size];
        list.scores = new float[size];
        list.ts = event.ts;
        list.channel = event.channel;
        list.features = new float[size * RankingFeatures.COUNT];
        list.reasons = new byte[size];
        list.reasonItems = new String[size];
        double topKey = replica.topTrendKey();
        float app = "app".equals(event.channel) ? 1f : 0f;
        float web = "web".equals(event.channel) ? 1f : 0f;
        float store = "store".equals(event.channel) ? 1f : 0f;
        float contextItems = Math.min(profile.recent.length, config.contextItems);
        float recentPopularity = recentPopularity(profile, replica, topKey);
        lastItemSimilarities(latestItem(profile, replica), top, replica);
        for (int n = 0; n < size; n++) {
            long id = top.item(n);
            ItemFactor f = replica.inSlot(top.slot(n));
            list.itemIds[n] = id;
            list.items[n] = f.item;
            list.scores[n] = top.score(n);
            int row = n * RankingFeatures.COUNT;
            int signal = signals.rowOf(f);
            // a candidate the recent items do not neighbour has 0, the value of "no such signal"
            if (signal >= 0) {
                list.features[row + RankingFeatures.COOCCURRENCE] = dampedCooccurrence(f, signals.cooccurrence[signal]);
                list.features[row + RankingFeatures.NEIGHBOUR_RECENCY] = signals.neighbourRecency[signal];
                list.features[row + RankingFeatures.INTENT_MATCH] = signals.intentMatch[signal];
                list.features[row + RankingFeatures.LAST_ITEM_COOCCURRENCE] = signals.lastItem[signal];
                list.features[row + RankingFeatures.CONTEXT_VOTES] = signals.votes[signal] / contextItems;
                list.features[row + RankingFeatures.STRONG_VOTES] = signals.strongVotes[signal] / contextItems;
            }
            // a popularity list is not blend-scored; a score without a factor term computed none
            list.features[row + RankingFeatures.FACTOR] = unexplained == Reason.POPULARITY || config.factorWeight == 0f
                    ? factor(profile.vector, f) : factorBySlot[f.slot()];
            list.features[row + RankingFeatures.POPULARITY] = popularity(f, topKey);
            list.features[row + RankingFeatures.TREND] = freshness(f, event.ts);
            list.features[row + RankingFeatures.CHANNEL_APP] = app;
            list.features[row + RankingFeatures.CHANNEL_WEB] = web;
            list.features[row + RankingFeatures.CHANNEL_STORE] = store;
            list.features[row + RankingFeatures.BLEND] = list.scores[n];
            list.features[row + RankingFeatures.RECENT_POPULARITY] = recentPopularity;
            list.features[row + RankingFeatures.LAST_ITEM_SIMILARITY] = similarities[n];
            if (unexplained == Reason.POPULARITY) {
                list.reasons[n] = Reason.POPULARITY;
            } else {
                float refind = refindBonusOf(profile, id, seen);
                list.features[row + RankingFeatures.REFIND] = refind == 0f ? 0f : refind / config.refindWeight;
                explain(list, n, signal, refind, replica, unexplained);
            }
        }
        addListRelativeFeatures(list.features, list.items.length);
        return list;
    }

    /**
     * Sets candidate {@code n}'s reason: the largest positive part of its blend score, from its
     * features (its {@code signal} row, -1 for none, names the source of its co-occurrence).
     */
    private void explain(CandidateList list, int n, int signal, float refind, ItemReplica replica, byte unexplained) {
        int row = n * RankingFeatures.COUNT;
        float cooccurrence = config.cooccurrenceWeight * list.features[row + RankingFeatures.COOCCURRENCE];
        float factor = config.factorWeight * list.features[row + RankingFeatures.FACTOR];
        byte reason = unexplained;
        String source = null;
        float largest = 0f;
        if (refind > largest) {
            largest = refind;
            reason = Reason.REFIND;
        }
        if (cooccurrence > largest) {
            largest = cooccurrence;
            ItemFactor from = replica.inSlot(signals.sourceSlot[signal]);
            reason = replica.isIntent(from.slot()) ? Reason.SEARCH : Reason.COOCCURRENCE;
            source = from.item;
        }
        if (factor > largest) {
            reason = Reason.FACTOR;
            source = null;
        }
        list.reasons[n] = reason;
        list.reasonItems[n] = source;
    }

    /** The mean popularity of the user's context items the replica holds; 0 without one. */
    private float recentPopularity(UserProfile profile, ItemReplica replica, double topKey) {
        int context = Math.min(profile.recent.length, config.contextItems);
        float sum = 0f;
        int count = 0;
        for (int k = 0; k < context; k++) {
            ItemFactor f = replica.get(profile.recent[k]);
            if (f != null && !replica.isIntent(f.slot())) {
                sum += popularity(f, topKey);
                count++;
            }
        }
        return count == 0 ? 0f : sum / count;
    }

    /** The user's latest item when the replica holds its vector (not a search intent), else null. */
    private static ItemFactor latestItem(UserProfile profile, ItemReplica replica) {
        if (profile.recent.length == 0) {
            return null;
        }
        ItemFactor f = replica.get(profile.recent[0]);
        return f == null || f.vector == null || replica.isIntent(f.slot()) ? null : f;
    }

    /**
     * The cosine similarity of each candidate of {@code top} to {@code latest} (0 for all without
     * one) into {@link #similarities}, four dot products at once ({@link Dot#of4}).
     */
    private void lastItemSimilarities(ItemFactor latest, TopK top, ItemReplica replica) {
        int size = top.size();
        if (similarities.length < size) {
            similarities = new float[top.capacity()];
        }
        if (latest == null) {
            Arrays.fill(similarities, 0, size, 0f);
            return;
        }
        int n = 0;
        for (; n + PENDING <= size; n += PENDING) {
            ItemFactor f0 = replica.inSlot(top.slot(n));
            ItemFactor f1 = replica.inSlot(top.slot(n + 1));
            ItemFactor f2 = replica.inSlot(top.slot(n + 2));
            ItemFactor f3 = replica.inSlot(top.slot(n + 3));
            Dot.of4(latest.vector, f0.vector, f1.vector, f2.vector, f3.vector, pendingDots);
            similarities[n] = cosine(latest, f0, pendingDots[0]);
            similarities[n + 1] = cosine(latest, f1, pendingDots[1]);
            similarities[n + 2] = cosine(latest, f2, pendingDots[2]);
            similarities[n + 3] = cosine(latest, f3, pendingDots[3]);
        }
        for (; n < size; n++) {
            ItemFactor f = replica.inSlot(top.slot(n));
            similarities[n] = cosine(latest, f, Dot.of(latest.vector, f.vector));
        }
    }

    /** The cosine of {@code a} and {@code b}, whose vectors' dot product is {@code dot}. */
    private static float cosine(ItemFactor a, ItemFactor b, float dot) {
        float norms = a.norm() * b.norm();
        return norms > 0f ? dot / norms : 0f; // also 0 for a norm not measured (NaN)
    }

    /**
     * The re-find bonus {@link #offerRefind} gave {@code item}: 0 unless it is one of the user's
     * recent items they have seen. The recent items are looked through first: a few compares,
     * where a look into the seen set is a hash probe, and most listed candidates are not recent.
     */
    private float refindBonusOf(UserProfile profile, long item, SeenItems seen) {
        if (config.refindWeight == 0f) {
            return 0f;
        }
        long[] recent = profile.recent;
        for (int k = 0; k < recent.length; k++) {
            if (recent[k] == item) {
                return seen.contains(item) ? refindBonus(k) : 0f;
            }
        }
        return 0f;
    }

    /**
     * The re-find bonus of the {@code k}-th most recent item, {@code refindWeight * contextDecay^k},
     * multiplied out as {@link #offerRefind} multiplies it. Only for an item found among the recent
     * ones: the product carried through the search made every compare wait for a multiplication.
     */
    private float refindBonus(int k) {
        float bonus = config.refindWeight;
        for (int i = 0; i < k; i++) {
            bonus *= config.contextDecay;
        }
        return bonus;
    }

    /**
     * Features that place a candidate within its list: what a per-candidate score cannot see. The
     * list is in blend order, so a candidate's blend rank is the count of new items before it.
     */
    private static void addListRelativeFeatures(float[] features, int rows) {
        float bestCooccurrence = 0f;
        float bestFactor = Float.NEGATIVE_INFINITY;
        for (int n = 0; n < rows; n++) {
            bestCooccurrence = Math.max(bestCooccurrence, features[n * RankingFeatures.COUNT + RankingFeatures.COOCCURRENCE]);
            bestFactor = Math.max(bestFactor, features[n * RankingFeatures.COUNT + RankingFeatures.FACTOR]);
        }
        for (int n = 0; n < rows; n++) {
            int row = n * RankingFeatures.COUNT;
            features[row + RankingFeatures.COOCCURRENCE_SHARE] =
                    bestCooccurrence > 0f ? features[row + RankingFeatures.COOCCURRENCE] / bestCooccurrence : 0f;
            features[row + RankingFeatures.FACTOR_GAP] = features[row + RankingFeatures.FACTOR] - bestFactor;
        }
        int newItemsBefore = 0;
        for (int n = 0; n < rows; n++) {
            int row = n * RankingFeatures.COUNT;
            features[row + RankingFeatures.BLEND_RANK] = newItemsBefore;
            if (features[row + RankingFeatures.REFIND] == 0f) {
                newItemsBefore++;
            }
        }
    }

    float score(float[] user, ItemFactor f, float cooc, double topKey) {
        return config.factorWeight != 0f
                ? scoreOfDot(Dot.of(user, f.vector), f, cooc, topKey) : plusOtherTerms(0f, f, cooc, topKey);
    }

    /** The score of {@code f} whose vector's dot product with the user's is {@code dot} (a factor weight not 0). */
    private float scoreOfDot(float dot, ItemFactor f, float cooc, double topKey) {
        float factor = dot + (config.itemBiases ? f.bias : 0f);
        factorBySlot[f.slot()] = factor;
        float s = 0f;
        s += config.factorWeight * factor;
        return plusOtherTerms(s, f, cooc, topKey);
    }

    /**
     * {@code s}, the factor term of a score, plus the score's other terms, added in one order
     * always: a bound of the factor term in place of {@code s} then bounds the score.
     */
    private float plusOtherTerms(float s, ItemFactor f, float cooc, double topKey) {
        if (config.cooccurrenceWeight != 0f) {
            s += config.cooccurrenceWeight * dampedCooccurrence(f, cooc);
        }
        if (config.popularityWeight != 0f) {
            s += config.popularityWeight * popularity(f, topKey);
        }
        if (sessions != null) {
            s += config.sessionWeight * sessionNeighbours.score(f);
        }
        return s;
    }

    private float factor(float[] user, ItemFactor f) {
        return Dot.of(user, f.vector) + (config.itemBiases ? f.bias : 0f);
    }

    private float dampedCooccurrence(ItemFactor f, float cooc) {
        return config.popularityDamping == 0f || !(f.popularity > 1)
                ? cooc : cooc / (float) Math.pow(f.popularity, config.popularityDamping);
    }

    private static float popularity(ItemFactor f, double topKey) {
        double relative = f.trendKey() - topKey;
        return Double.isFinite(relative) ? (float) relative : NO_POPULARITY;
    }

    /**
     * Minus the log of one plus the hours since anyone last interacted with the item: its
     * freshness. {@code Math.log(1 + h)} rather than {@code Math.log1p(h)}: the JIT compiles the
     * first to an intrinsic and calls a software routine for the second, a sixtieth of the list's
     * thread; in {@code float} the two agree on every whole millisecond checked (RecommenderTest).
     */
    static float freshness(ItemFactor f, long now) {
        double hours = Math.max(0L, now - f.popularityTs) / 3_600_000.0;
        return (float) -Math.log(1.0 + hours);
    }

    /**
     * What one call learns from the user's recent items, per candidate: the items their neighbour
     * lists name, each in a dense row of parallel arrays. A candidate's row is found from its
     * replica slot; only the slots of the call's rows are reset, so clearing costs what the call used.
     * Items are slots here, not references: a row's values are primitives, so filling them reads no
     * item and stores no reference.
     */
    private static final class Signals {
        /** Co-occurrence score. */
        float[] cooccurrence = new float[256];
        /** Recency weight of the most recent item that the candidate neighbours. */
        float[] neighbourRecency = new float[256];
        /** Co-occurrence with the user's recent search intents. */
        float[] intentMatch = new float[256];
        /** Share of the neighbour mass of the user's latest item. */
        float[] lastItem = new float[256];
        /** How many context items have the candidate among their neighbours. */
        float[] votes = new float[256];
        /** How many context items give the candidate more than their neighbour list's mean weight. */
        float[] strongVotes = new float[256];
        /** The replica slot of the recent item (or search intent) that contributed the most co-occurrence. */
        int[] sourceSlot = new int[256];
        /** What {@code source} contributed. */
        float[] sourceCooccurrence = new float[256];
        /** The replica slot of each row's candidate. */
        int[] slotOfRow = new int[256];
        /** Row + 1 by replica slot; 0: no row. */
        int[] rowBySlot = new int[0];
        /** {@link #rowsOf}'s: the slots of one context item's neighbours, and their rows + 1. */
        private int[] entrySlots = new int[0];
        private int[] entryRows = new int[0];
        int size;

        /** The row of {@code f} in this call, or -1. */
        int rowOf(ItemFactor f) {
            return f.slot() < rowBySlot.length ? rowBySlot[f.slot()] - 1 : -1;
        }

        /** The co-occurrence score of {@code f}: 0 when the recent items do not neighbour it. */
        float cooccurrence(ItemFactor f) {
            int row = rowOf(f);
            return row >= 0 ? cooccurrence[row] : 0f;
        }

        void collect(long[] recent, ItemReplica replica, LearningConfig config) {
            for (int row = 0; row < size; row++) {
                rowBySlot[slotOfRow[row]] = 0;
            }
            size = 0;
            if (rowBySlot.length < replica.slotBound()) {
                rowBySlot = new int[replica.slotBound() * 2];
            }
            float recency = 1f;
            int context = Math.min(recent.length, config.contextItems);
            for (int k = 0; k < context; k++) {
                ItemFactor f = replica.get(recent[k]);
                byte[] neighbours = f == null ? ReplicaNeighbours.EMPTY : f.replicaNeighbours();
                int count = ReplicaNeighbours.count(neighbours);
                if (count > 0) {
                    float mass = ReplicaNeighbours.mass(neighbours);
                    float norm = recency / (mass + config.cooccurrenceSmoothing);
                    float mean = mass / count;
                    int from = f.slot();
                    boolean intent = replica.isIntent(from);
                    rowsOf(neighbours, count);
                    for (int n = 0; n < count; n++) {
                        int slot = entrySlots[n];
                        float weight = ReplicaNeighbours.weight(neighbours, count, n);
                        float contribution = weight * norm;
                        int row = entryRows[n] - 1;
                        // 1 when weight > mean (the sign bit of mean - weight), without a branch: the
                        // comparison goes either way for about half the neighbours, so a branch mispredicts
                        float strong = Float.floatToRawIntBits(mean - weight) >>> 31;
                        if (row < 0) {
                            add(slot, recency, from, contribution, k == 0 ? weight / mass : 0f, intent ? contribution : 0f, strong);
                            continue;
                        }
                        cooccurrence[row] += contribution;
                        if (contribution > sourceCooccurrence[row]) { // a tie goes to the more recent
                            sourceSlot[row] = from;
                            sourceCooccurrence[row] = contribution;
                        }
                        votes[row]++;
                        strongVotes[row] += strong;
                        if (intent) {
                            intentMatch[row] += contribution;
                        }
                    }
                }
                recency *= config.contextDecay;
            }
        }

        /**
         * The slots of {@code count} neighbours into {@link #entrySlots}, and their rows + 1 (0:
         * none yet) into {@link #entryRows}. A pass of its own: its reads of
         * {@link #rowBySlot} depend on nothing before them, so the processor makes many at once,
         * where the pass that adds up waits on each row it writes. A list names each slot once, so
         * no row its own pass adds is one of these.
         */
        private void rowsOf(byte[] neighbours, int count) {
            if (entrySlots.length < count) {
                entrySlots = new int[count];
                entryRows = new int[count];
            }
            for (int n = 0; n < count; n++) {
                int slot = ReplicaNeighbours.slot(neighbours, n);
                entrySlots[n] = slot;
                entryRows[n] = rowBySlot[slot];
            }
        }

        /**
         * A row for {@code slot}, first met as a neighbour of recent item {@code from} with
         * {@code contribution}: its values once that one neighbour is counted. A placeholder's slot
         * gets a row too, which is never scored (the caller skips slots that hold no item): a check
         * here would cost a look at the replica per new row.
         */
        private void add(int slot, float recency, int from, float contribution, float lastItemShare, float intent,
                float strong) {
            if (size == slotOfRow.length) {
                int capacity = size * 2;
                cooccurrence = Arrays.copyOf(cooccurrence, capacity);
                neighbourRecency = Arrays.copyOf(neighbourRecency, capacity);
                intentMatch = Arrays.copyOf(intentMatch, capacity);
                lastItem = Arrays.copyOf(lastItem, capacity);
                votes = Arrays.copyOf(votes, capacity);
                strongVotes = Arrays.copyOf(strongVotes, capacity);
                sourceSlot = Arrays.copyOf(sourceSlot, capacity);
                sourceCooccurrence = Arrays.copyOf(sourceCooccurrence, capacity);
                slotOfRow = Arrays.copyOf(slotOfRow, capacity);
            }
            int row = size++;
            cooccurrence[row] = contribution;
            neighbourRecency[row] = recency;
            intentMatch[row] = intent;
            lastItem[row] = lastItemShare;
            votes[row] = 1f;
            strongVotes[row] = strong;
            boolean source = contribution > 0f;
            sourceSlot[row] = source ? from : -1;
            sourceCooccurrence[row] = source ? contribution : 0f;
            slotOfRow[row] = slot;
            rowBySlot[slot] = row + 1;
        }
    }
}
