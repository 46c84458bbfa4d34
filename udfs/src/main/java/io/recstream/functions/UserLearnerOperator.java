package io.recstream.functions;

import io.recstream.event.Event;
import io.recstream.model.ItemFactorBatch;
import io.recstream.recommend.CandidateList;

import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;

import java.util.List;

/**
 * Runs a {@link UserLearner} as Flink's broadcast operator does, and on a backend whose state
 * objects are the operator's own (RocksDB) gives it a {@link UserProfileCache}, which it writes
 * back before every checkpoint barrier and at the end of input: hooks a function does not have.
 * On the heap backend it runs the function exactly as {@code BroadcastConnectedStream#process} would.
 */
public final class UserLearnerOperator extends CoBroadcastWithKeyedOperator<Long, Event, ItemFactorBatch, CandidateList> {
    private static final long serialVersionUID = 1L;

    /**
     * Profiles the {@link UserProfileCache} holds: a few MB with the synthetic shop's young profiles,
     * at most ~37 MB with 1,000 seen items each. What pays is the users in session (an event of a
     * session after its first finds its user cached); the cache keeps those of about the last two
     * checkpoint intervals.
     */
    static final int CACHED_PROFILES = 4096;

    private final int cachedProfiles;

    public UserLearnerOperator(UserLearner learner) {
        this(learner, CACHED_PROFILES);
    }

    /** @param cachedProfiles profiles the {@link UserProfileCache} holds */
    UserLearnerOperator(UserLearner learner, int cachedProfiles) {
        super(learner, List.of());
        this.cachedProfiles = cachedProfiles;
    }

    @Override
    public void open() throws Exception {
        super.open();
        if (getKeyedStateBackend().isSafeToReuseKVState()) {
            learner().cacheProfiles(cachedProfiles, this);
        }
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        super.prepareSnapshotPreBarrier(checkpointId);
        learner().writeBackProfiles();
    }

    @Override
    public void finish() throws Exception {
        learner().writeBackProfiles();
        super.finish();
    }

    private UserLearner learner() {
        return (UserLearner) userFunction;
    }
}
