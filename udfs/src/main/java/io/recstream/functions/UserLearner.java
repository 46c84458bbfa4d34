package io.recstream.functions;

import io.recstream.recommend.SeenItems;
import io.recstream.event.Event;
import io.recstream.event.EventType;
import io.recstream.experiment.Bucket;
import io.recstream.experiment.Experiment;
import io.recstream.learn.FactorInit;
import io.recstream.learn.LearningConfig;
import io.recstream.model.ItemFactor;
import io.recstream.model.ItemFactorBatch;
import io.recstream.model.InteractionLearner;
import io.recstream.model.ItemModel;
import io.recstream.model.ItemReplica;
import io.recstream.model.ItemUpdate;
import io.recstream.model.ReplicaChunk;
import io.recstream.model.ReplicaChunkSerializer;
import io.recstream.ranking.ExampleSampler;
import io.recstream.ranking.RankingExampleCodec;
import io.recstream.recommend.CandidateList;
import io.recstream.recommend.QualityOutcome;
import io.recstream.recommend.RecentSessions;
import io.recstream.recommend.Recommender;
import io.recstream.recommend.TopK;
import io.recstream.recommend.UserProfile;

import org.apache.flink.annotation.VisibleForTesting;
import org.apache.flink.api.common.TaskInfo;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.streaming.api.operators.KeyContext;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * Keyed by user: learns from each of the user's interactions and recommends for them.
 *
 * <p>Every event yields one {@link QualityOutcome} (evaluated or not), so a local run can tell
 * when it has seen all its input. Per interaction, in this order: (1) test: was the item among what the job recommended
 * (and among the most popular), emitted as a {@link QualityOutcome}; (2) train: one ISGD step
 * on the user vector against the replica's item vector, plus sampled negatives, with the
 * matching {@link ItemUpdate}s applied to the replica at once and sent to the item owners;
 * (3) recommend: the new top-K, scored with the settings of the user's experiment bucket
 * ({@link Experiment}), sent on to the publisher. With live lists off
 * ({@code LearningConfig#liveLists}) only (2) happens: no list, so nothing to test either.
 *
 * <p>The item replica is this subtask's copy of the item model, fed by the {@code item-factors}
 * broadcast stream (in batches, see {@link ItemFactorBatcher}; an expired item's tombstone drops it) and by this subtask's own updates. It is checkpointed as union list
 * state {@value #REPLICA_STATE} (broadcast state cannot be written while processing events), each
 * subtask writing only its share of the items ({@link ItemReplica#checkpoint}), own updates
 * included, so a restored job at parallelism 1 gives the same lists as an uninterrupted one. On
 * restore every subtask reads every share: the whole item model once, whatever the parallelism.
 *
 * <p>Keyed by the user's numeric id; items are numeric ids throughout (see {@code NumericId}).
 * The job runs it in {@link UserLearnerOperator}, which on RocksDB gives it a cache of recently
 * active users' profiles ({@link HeapStateCache}).
 */
public class UserLearner extends KeyedBroadcastProcessFunction<Long, Event, ItemFactorBatch, CandidateList>
        implements CheckpointedFunction, CheckpointListener {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(UserLearner.class);

    public static final OutputTag<ItemUpdate> ITEM_UPDATES = new OutputTag<>("item-updates", TypeInformation.of(ItemUpdate.class));
    public static final OutputTag<QualityOutcome> QUALITY = new OutputTag<>("quality", TypeInformation.of(QualityOutcome.class));
    /** Sampled users' live lists in blend order, encoded ({@link RankingExampleCodec}); only with {@link #writeRankingExamples}. */
    public static final OutputTag<byte[]> RANKING_EXAMPLES =
            new OutputTag<>("ranking-examples", PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO);
    /** The operator state of the replica's checkpoint; savepoints name it, so it never changes. */
    public static final String REPLICA_STATE = "item-replica-shares";
    /**
     * The replica's state in savepoints of earlier builds: every subtask's whole copy, item by
     * item. Read once and emptied, so it leaves the next checkpoint.
     */
    static final String WHOLE_REPLICA_STATE = "item-replica";

    private final LearningConfig config;
    private final Experiment experiment;
    /** Evaluation mode: rank every known item before learning, and publish nothing. */
    private final boolean rankAllItems;
    private final Duration profileTtl;
    private final Duration itemTtl;
    /** The users whose lists go to {@link #RANKING_EXAMPLES}; null: none, and no cost per event. */
    private ExampleSampler rankingExamples;

    /** The user's vector, history and counters; expires after {@code profileTtl} without events. */
    private transient ValueState<UserProfile> profiles;
    /** Recently active users' profiles on the heap, written back later; null: every event reads and writes {@link #profiles}. */
    private transient HeapStateCache<UserProfile> cache;
    private transient ItemReplica replica;
    private transient ListState<ReplicaChunk> replicaCheckpoint;
    private transient InteractionLearner learner;
    /** This subtask's users' latest sessions, for session-neighbour candidates; null when they are off. */
    private transient RecentSessions sessions;
    /** One per experiment bucket, scoring with the bucket's settings. */
    private transient Recommender[] recommenders;
    /** The current user's seen items as a set: scratch of one event, refilled at its start. */
    private transient SeenItems seen;
    /** The popularity baseline of one test: scratch, cleared before use. */
    private transient TopK popular;
    private transient Counter learned;
    private transient Counter searches;
    private transient Counter rejectedSteps;
    private transient Counter evaluated;
    private transient Counter hits;
    private transient Counter popularityHits;
    /** How long ago the oldest item of the latest batch was published: the item loop's lag. */
    private transient volatile long itemFactorsLagMs;

    /**
     * @param profileTtl a user's profile is dropped after this long (processing time) without events
     * @param itemTtl the item-learner's expiry, which the replica needs to tell an expired item's
     *     stale copy (see {@link ItemReplica})
     */
    public UserLearner(LearningConfig config, boolean rankAllItems, Duration profileTtl, Duration itemTtl) {
        this(config, Experiment.single(config, false), rankAllItems, profileTtl, itemTtl);
    }

    /** @param experiment the buckets users are scored in; every bucket learns with {@code config} */
    public UserLearner(LearningConfig config, Experiment experiment, boolean rankAllItems, Duration profileTtl, Duration itemTtl) {
        this.config = config;
        this.experiment = experiment;
        this.rankAllItems = rankAllItems;
        this.profileTtl = profileTtl;
        this.itemTtl = itemTtl;
    }

    /** Sends the live lists of the users {@code sampler} picks to {@link #RANKING_EXAMPLES}. */
    public UserLearner writeRankingExamples(ExampleSampler sampler) {
        this.rankingExamples = sampler;
        return this;
    }

    @Override
    public void open(OpenContext openContext) {
        ValueStateDescriptor<UserProfile> descriptor = new ValueStateDescriptor<>("user-profile", UserProfile.class);
        if (profileTtl != null && !profileTtl.isZero()) {
            descriptor.enableTimeToLive(StateTtlConfig.newBuilder(profileTtl).build());
        }
        profiles = getRuntimeContext().getState(descriptor);
        learner = new InteractionLearner(config, replica);
        if (config.sessionWeight != 0f) {
            sessions = new RecentSessions(config.neighbourSessions, config.sessionGapMs, config.recentItems, config.sessionsPerItem);
        }
        recommenders = new Recommender[experiment.size()];
        for (int b = 0; b < recommenders.length; b++) {
            recommenders[b] = new Recommender(experiment.bucket(b).scoring, sessions);
        }
        seen = new SeenItems();
        popular = new TopK(config.topK);
        MetricGroup metrics = getRuntimeContext().getMetricGroup().addGroup("recstream");
        learned = metrics.counter("events-learned");
        searches = metrics.counter("searches");
        rejectedSteps = metrics.counter("non-finite-steps-rejected");
        evaluated = metrics.counter("quality-evaluated");
        hits = metrics.counter("quality-hits");
        popularityHits = metrics.counter("quality-popularity-hits");
        metrics.gauge("replica-items", () -> replica.size());
        metrics.gauge("item-factors-lag-ms", () -> itemFactorsLagMs);
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        replica = new ItemReplica(new ItemModel(config), itemTtl.toMillis());
        replicaCheckpoint = context.getOperatorStateStore()
                .getUnionListState(new ListStateDescriptor<>(REPLICA_STATE, ReplicaChunkSerializer.INSTANCE));
        if (context.isRestored()) {
            if (context.getOperatorStateStore().getRegisteredStateNames().contains(WHOLE_REPLICA_STATE)) {
                ListState<ItemFactor> whole = context.getOperatorStateStore()
                        .getUnionListState(new ListStateDescriptor<>(WHOLE_REPLICA_STATE, ItemFactor.class));
                for (ItemFactor item : whole.get()) {
                    replica.applyPublished(item);
                }
                whole.clear();
            }
            replica.restore(replicaCheckpoint.get());
            replicaCheckpoint.clear(); // the restored bytes are the replica now: do not hold them twice
        }
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        // the replica as it is now, encoded when the backend writes it, off the task thread (ItemReplica#checkpoint)
        TaskInfo task = getRuntimeContext().getTaskInfo();
        replicaCheckpoint.update(replica.checkpoint(task.getIndexOfThisSubtask(), task.getNumberOfParallelSubtasks()));
    }

    /**
     * Drops the share once its checkpoint is done with it: the backend copied the list when the
     * checkpoint was taken, and held on here the share's snapshot would keep every array the
     * replica has copied since until the next checkpoint.
     */
    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        replicaCheckpoint.clear();
    }

    @Override
    public void notifyCheckpointAborted(long checkpointId) {
        replicaCheckpoint.clear();
    }

    /** The replica's chunks this operator state holds now; for tests. */
    @VisibleForTesting
    Iterable<ReplicaChunk> heldChunks() throws Exception {
        return replicaCheckpoint.get();
    }

    /**
     * Keeps up to {@code capacity} profiles on the heap ({@link HeapStateCache}), each written
     * back {@code writeBehindMillis} after its change by {@code clock} and served unchanged until
     * {@code keepMillis} after its last write, or the profile's time-to-live if that is shorter;
     * only on a backend that hands out its own copies of state objects, after {@link #open}.
     * {@code keys} is the operator's, which calls {@link #writeBackProfiles} before every barrier
     * and at the end of input.
     */
    void cacheProfiles(int capacity, long writeBehindMillis, long keepMillis, LongSupplier clock, KeyContext keys) {
        this.cache = new HeapStateCache<>(capacity, writeBehindMillis, HeapStateCache.keepWithin(keepMillis, profileTtl), clock,
                HeapStateCache.into(profiles, keys));
        cache.reportTo(getRuntimeContext().getMetricGroup().addGroup("recstream"), "profile");
    }

    @Override
    public void close() throws Exception {
        if (cache != null) {
            LOG.info("user profiles: {} found in the cache, {} read from the backend", cache.hits(), cache.misses());
        }
        super.close();
    }

    /** Writes the cached profiles that changed back to the backend (nothing without a cache). */
    void writeBackProfiles() throws Exception {
        if (cache != null) {
            cache.writeBack();
        }
    }

    /** The profile cache, null without one; for tests. */
    @VisibleForTesting
    HeapStateCache<UserProfile> profileCache() {
        return cache;
    }

    /** This subtask's replica; for tests. */
    @VisibleForTesting
    ItemReplica replica() {
        return replica;
    }

    @Override
    public void processBroadcastElement(ItemFactorBatch batch, Context ctx, Collector<CandidateList> out) {
        for (ItemFactor published : batch.items) {
            replica.applyPublished(published, ctx.currentWatermark());
        }
        if (batch.oldestPublishedAt > 0) {
            itemFactorsLagMs = Math.max(0L, System.currentTimeMillis() - batch.oldestPublishedAt);
        }
    }

    @Override
    public void processElement(Event event, ReadOnlyContext ctx, Collector<CandidateList> out) throws Exception {
        UserProfile profile = cache == null ? null : cache.get(event.userId);
        if (profile == null) {
            profile = profiles.value();
        }
        if (profile == null) {
            profile = new UserProfile(FactorInit.vector(event.userId, config.dim, config.initStdDev, config.seed));
        }
        profile.seenInto(seen);
        profile.startSessionIfIdle(event.ts, config.sessionGapMs);
        int bucket = experiment.bucketOf(event.userId);
        Recommender recommender = recommenders[bucket];
        long previousTs = profile.lastTs;
        if (event.isInteraction()) {
            test(event, profile, bucket, ctx, out);
            float weight = config.weightOf(event.type);
            if (weight > 0f) {
                train(event, weight, profile, ctx);
            }
            profile.remember(event.itemId, event.type, event.ts, seen, config.maxSeen, config.recentItems);
            profile.interactions++;
            if (sessions != null) {
                sessions.record(event.userId, event.itemId, event.ts);
            }
        } else {
            profile.searches++;
            searches.inc();
            if (event.intent != null) {
                replica.nameIntent(event.intentItemId, event.intent);
                profile.touchRecent(event.intentItemId, 0L, config.recentItems);
            }
            ctx.output(QUALITY, QualityOutcome.notEvaluated(event.user, null, event.ts));
        }
        profile.lastTs = Math.max(profile.lastTs, event.ts);
        if (!rankAllItems && config.liveLists) {
            Bucket arm = experiment.bucket(bucket);
            // a sampled user's list has the ranking model's candidates in any bucket: they are what a trainer learns to order
            boolean example = rankingExamples != null && rankingExamples.sampled(event.userId);
            CandidateList list = recommender.recommend(event, profile, seen, replica,
                    example ? arm.scoring.rankingCandidates : arm.liveCandidates());
            list.afterPurchase = event.type == EventType.PURCHASE;
            profile.lastRecommended = Arrays.copyOf(list.itemIds, Math.min(arm.scoring.topK, list.itemIds.length));
            list.bucket = bucket;
            list.eventItemId = event.itemId;
            list.eventType = event.type;
            list.previousTs = previousTs;
            list.rankerVersion = event.rankerVersion;
            if (example) {
                ctx.output(RANKING_EXAMPLES, RankingExampleCodec.encode(list, event.itemId, profile.interactions + profile.searches));
            }
            out.collect(list);
        }
        if (cache == null) {
            profiles.update(profile);
        } else {
            cache.put(event.userId, profile);
        }
    }

    /**
     * The test half of test-then-train. Live: was the item in the list last recommended to the
     * user? Evaluation: the candidates of a ranking of every known item, with the item as target,
     * go downstream to be (re-)ranked and checked there.
     */
    private void test(Event event, UserProfile profile, int bucket, ReadOnlyContext ctx, Collector<CandidateList> out) {
        if (profile.interactions == 0 || !(rankAllItems || config.liveLists)) {
            ctx.output(QUALITY, QualityOutcome.notEvaluated(event.user, event.item, event.ts));
            return;
        }
        boolean repeat = seen.contains(event.itemId);
        Recommender recommender = recommenders[bucket];
        if (repeat && !recommender.mayComeBack(profile, event.itemId, event.ts)) {
            evaluated.inc(); // no list holds this seen item: a miss, with nothing to rank
            ctx.output(QUALITY, QualityOutcome.repeat(event.user, event.item, event.ts));
            return;
        }
        popular.clear();
        Recommender.mostPopularUnseen(replica, seen, popular);
        boolean popularityHit = popular.rankOf(event.itemId) >= 0;
        if (rankAllItems) {
            CandidateList list = recommender.rankAll(event, profile, seen, replica, experiment.bucket(bucket).scoring.rankingCandidates);
            list.bucket = bucket;
            list.target = event.item;
            list.targetSeen = repeat;
            list.popularityHit = popularityHit;
            list.rankerVersion = event.rankerVersion;
            out.collect(list);
            return;
        }
        int rank = indexOf(profile.lastRecommended, event.itemId);
        evaluated.inc();
        if (rank >= 0) {
            hits.inc();
        }
        if (popularityHit) {
            popularityHits.inc();
        }
        QualityOutcome outcome = QualityOutcome.evaluated(event.user, event.item, event.ts, rank, popularityHit);
        outcome.repeat = repeat;
        ctx.output(QUALITY, outcome);
    }

    private void train(Event event, float weight, UserProfile profile, ReadOnlyContext ctx) {
        long rejectedBefore = learner.rejectedSteps();
        for (ItemUpdate update : learner.learn(event.userId, event.itemId, event.item, event.ts, weight, profile, seen)) {
            ctx.output(ITEM_UPDATES, update);
        }
        rejectedSteps.inc(learner.rejectedSteps() - rejectedBefore);
        learned.inc();
    }

    private static int indexOf(long[] items, long item) {
        for (int n = 0; n < items.length; n++) {
            if (items[n] == item) {
                return n;
            }
        }
        return -1;
    }
}
