package io.recstream.functions;

import io.recstream.event.EventType;
import io.recstream.event.NumericId;
import io.recstream.experiment.Experiment;
import io.recstream.experiment.StickinessEvent;
import io.recstream.recommend.CandidateList;
import io.recstream.recommend.PublishRule;
import io.recstream.recommend.Reason;
import io.recstream.recommend.Recommendation;

import org.apache.flink.annotation.VisibleForTesting;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInfo;
import org.apache.flink.metrics.Counter;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyContext;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import java.time.Duration;
import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * Keyed by user: turns ranked candidate lists into published top-K lists. A list is published only when
 * {@link PublishRule} says it changed enough from the last one published for the user (or follows a
 * purchase), so consumers see a change, not a heartbeat or a flicker; the others count in
 * {@code recstream.lists-unchanged} (the same list) and {@code recstream.lists-held-back} (changed, not
 * enough). Each published item carries its {@link Reason}. Each published list carries the next version number of the user (1, 2, 3, ...) and the model
 * version (the learner's, plus the ranking model's when it ordered the list). Both live in keyed state, so versions keep increasing across restarts.
 *
 * <p>The state expires with the user's profile: the same time-to-live in processing time,
 * renewed by every list that arrives (one per event of the user), so it does not go while the
 * user is active and their list stays the same. The renewal is one write per list: the new list
 * when one is published, else the last one written back. (Renewal on read, Flink's
 * {@code OnReadAndWrite}, wrote the state back on every read and a published list once more.) A user who comes back after it
 * expired starts again from version 1, as their profile starts again from scratch, with a later
 * {@link Recommendation#versionsSince}: the current processing time, which a numbering that
 * expired (or one of an earlier job started without this state) cannot reach.
 *
 * <p>Each list names the user's experiment bucket. As the publisher knows the user's current list
 * before it replaces it, it also tells, per event, whether the event's item was in that list,
 * on the side output {@link #STICKINESS} (see {@code StickinessCombiner}).
 */
public class RecommendationPublisher extends KeyedProcessFunction<Long, CandidateList, Recommendation> {
    private static final long serialVersionUID = 1L;

    public static final OutputTag<StickinessEvent> STICKINESS =
            new OutputTag<>("stickiness", TypeInformation.of(StickinessEvent.class));

    private final String modelVersion;
    private final int topK;
    private final Duration userStateTtl;
    private final PublishRule rule;
    /** The experiment bucket names by index. */
    private final String[] bucketNames;

    /** The last list published for the user and its version. */
    private transient ValueState<PublishedList> lastPublished;
    /** Recently used users' {@link #lastPublished} on the heap, null without one ({@link #cacheLists}). */
    private transient HeapStateCache<PublishedList> cache;
    private transient Counter publishedLists;
    private transient Counter unchangedLists;
    private transient Counter heldBackLists;

    /** @param userStateTtl the user-learner's profile time-to-live ({@link Duration#ZERO}: never) */
    public RecommendationPublisher(String modelVersion, int topK, Duration userStateTtl, PublishRule rule) {
        this(modelVersion, topK, userStateTtl, rule, new String[] {Experiment.DEFAULT_BUCKET});
    }

    /** @param bucketNames the experiment's bucket names by index ({@code Experiment#names}) */
    public RecommendationPublisher(String modelVersion, int topK, Duration userStateTtl, PublishRule rule,
                                   String[] bucketNames) {
        this.modelVersion = modelVersion;
        this.topK = topK;
        this.userStateTtl = userStateTtl;
        this.rule = rule;
        this.bucketNames = bucketNames.clone();
    }

    @Override
    public void open(OpenContext openContext) {
        ValueStateDescriptor<PublishedList> descriptor = new ValueStateDescriptor<>("last-published", PublishedList.class);
        if (!userStateTtl.isZero()) {
            // full snapshots (savepoints) leave expired users out; RocksDB drops them on compaction
            descriptor.enableTimeToLive(StateTtlConfig.newBuilder(userStateTtl)
                    .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite).cleanupFullSnapshot().build());
        }
        lastPublished = getRuntimeContext().getState(descriptor);
        publishedLists = getRuntimeContext().getMetricGroup().addGroup("recstream").counter("lists-published");
        unchangedLists = getRuntimeContext().getMetricGroup().addGroup("recstream").counter("lists-unchanged");
        heldBackLists = getRuntimeContext().getMetricGroup().addGroup("recstream").counter("lists-held-back");
    }

    /**
     * Keeps up to {@code capacity} users' last lists on the heap ({@link HeapStateCache}), each
     * written back {@code writeBehindMillis} after its change by {@code clock} and served unchanged
     * until {@code keepMillis} after its last write, or the list's time-to-live if that is shorter;
     * only on a backend that hands out its own copies of state objects, after {@link #open}.
     * {@code keys} is the operator's, which calls {@link #writeBackLists} before every barrier and
     * at the end of input.
     */
    void cacheLists(int capacity, long writeBehindMillis, long keepMillis, LongSupplier clock, KeyContext keys) {
        this.cache = new HeapStateCache<>(capacity, writeBehindMillis, HeapStateCache.keepWithin(keepMillis, userStateTtl), clock,
                HeapStateCache.into(lastPublished, keys));
        cache.reportTo(getRuntimeContext().getMetricGroup().addGroup("recstream"), "list");
    }

    /** The last lists' cache, null without one; for tests. */
    @VisibleForTesting
    HeapStateCache<PublishedList> listCache() {
        return cache;
    }

    /** Writes the cached lists that changed back to the backend (nothing without a cache). */
    void writeBackLists() throws Exception {
        if (cache != null) {
            cache.writeBack();
        }
    }

    private PublishedList read(long user) throws Exception {
        PublishedList cached = cache == null ? null : cache.get(user);
        return cached != null ? cached : lastPublished.value();
    }

    /** Stores {@code list} as the user's last one, which also renews its time-to-live. */
    private void store(long user, PublishedList list) throws Exception {
        if (cache == null) {
            lastPublished.update(list);
        } else {
            cache.put(user, list);
        }
    }

    @Override
    public void processElement(CandidateList computed, Context ctx, Collector<Recommendation> out) throws Exception {
        PublishedList previous = read(computed.userId);
        long[] last = previous == null ? null : previous.itemIds();
        StickinessEvent stickiness = stickiness(computed, last);
        int k = Math.min(topK, computed.itemIds.length);
        long[] best = k == computed.itemIds.length ? computed.itemIds : Arrays.copyOf(computed.itemIds, k);
        if (!rule.publishes(last, best, computed.afterPurchase)) {
            if (best.length == 0 || Arrays.equals(last, best)) {
                unchangedLists.inc();
            } else {
                heldBackLists.inc();
            }
            ctx.output(STICKINESS, stickiness);
            if (previous != null) {
                store(computed.userId, previous); // renews its time-to-live
            }
            return;
        }
        stickiness.shown = best;
        ctx.output(STICKINESS, stickiness);
        long version = previous == null ? 1 : previous.version + 1;
        long versionsSince = previous == null ? ctx.timerService().currentProcessingTime() : previous.versionsSince;
        store(computed.userId, new PublishedList(version, versionsSince, best));
        Recommendation.ScoredItem[] items = new Recommendation.ScoredItem[k];
        for (int n = 0; n < k; n++) {
            Reason reason = computed.reasons == null ? null : Reason.of(computed.reasons[n], computed.reasonItems[n]);
            items[n] = new Recommendation.ScoredItem(computed.items[n], computed.scores[n], reason);
        }
        publishedLists.inc();
        String model = "blend".equals(computed.rankedBy) ? modelVersion : modelVersion + "+" + computed.rankedBy;
        Recommendation list = new Recommendation(computed.user, version, model, items, computed.ts, computed.channel);
        list.versionsSince = versionsSince;
        list.bucket = bucketNames[computed.bucket];
        out.collect(list);
    }

    /** What the event behind {@code computed} did with the user's current list, {@code current} (null: none). */
    private static StickinessEvent stickiness(CandidateList computed, long[] current) {
        StickinessEvent e = new StickinessEvent();
        e.bucket = computed.bucket;
        e.ts = computed.ts;
        e.previousTs = computed.previousTs;
        e.interaction = computed.eventType != null && computed.eventType.isInteraction();
        e.purchase = computed.eventType == EventType.PURCHASE;
        e.hadList = current != null;
        e.fromList = current != null && computed.eventItemId != 0 && contains(current, computed.eventItemId);
        return e;
    }

    private static boolean contains(long[] items, long item) {
        for (long listed : items) {
            if (listed == item) {
                return true;
            }
        }
        return false;
    }

    /**
     * State: what was published last for a user, in {@link PublishedListSerializer}'s format: the
     * items' numeric ids. It keeps the shape of a Flink POJO (public fields, a no-argument
     * constructor), as which earlier builds wrote it with the items' names: their savepoints
     * restore through Flink's POJO serializer of this class, into {@link #items}.
     */
    @TypeInfo(PublishedListSerializer.TypeInfo.class)
    public static class PublishedList {
        public long version;
        /** See {@link Recommendation#versionsSince}; 0 in state restored from before it existed. */
        public long versionsSince;
        /** The items' numeric ids, in their order; null in state of a format before ids (then {@link #items} holds them). */
        public long[] itemIds;
        /** The items' names, as formats before ids held them (v1-v3 savepoints); null in today's. */
        public String[] items;

        public PublishedList() {}

        public PublishedList(long version, long versionsSince, long[] itemIds) {
            this.version = version;
            this.versionsSince = versionsSince;
            this.itemIds = itemIds;
        }

        /**
         * The items' numeric ids; for state restored from a format that held names, their ids,
         * derived once (the user's next list writes the state back in today's format).
         */
        public long[] itemIds() {
            if (itemIds == null && items != null) {
                itemIds = new long[items.length];
                for (int n = 0; n < items.length; n++) {
                    itemIds[n] = NumericId.of(items[n]);
                }
                items = null;
            }
            return itemIds;
        }
    }
}
