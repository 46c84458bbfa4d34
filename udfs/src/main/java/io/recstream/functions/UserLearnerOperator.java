package io.recstream.functions;

import io.recstream.event.Event;
import io.recstream.model.ItemFactorBatch;
import io.recstream.recommend.CandidateList;

import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;

import java.util.List;

/**
 * Runs a {@link UserLearner} as Flink's broadcast operator does, and on a backend whose state
 * objects are the operator's own (RocksDB) gives it a {@link HeapStateCache}, which it writes
 * back behind its changes, before every checkpoint barrier and at the end of input: hooks a
 * function does not have.
 * On the heap backend it runs the function exactly as {@code BroadcastConnectedStream#process} would.
 */
public final class UserLearnerOperator extends CoBroadcastWithKeyedOperator<Long, Event, ItemFactorBatch, CandidateList> {
    private static final long serialVersionUID = 1L;

    private final int cachedProfiles;
    private final long writeBehindMillis;
    private final long keepMillis;

    /**
     * @param cachedProfiles    profiles the {@link HeapStateCache} holds (0: no cache)
     * @param writeBehindMillis how long a changed profile stays on the heap only (processing time)
     * @param keepMillis        how long after its last write an unchanged profile is still served from the heap
     */
    public UserLearnerOperator(UserLearner learner, int cachedProfiles, long writeBehindMillis, long keepMillis) {
        super(learner, List.of());
        this.cachedProfiles = cachedProfiles;
        this.writeBehindMillis = writeBehindMillis;
        this.keepMillis = keepMillis;
    }

    @Override
    public void open() throws Exception {
        super.open();
        if (cachedProfiles > 0 && getKeyedStateBackend().isSafeToReuseKVState()) {
            learner().cacheProfiles(cachedProfiles, writeBehindMillis, keepMillis, getProcessingTimeService()::getCurrentProcessingTime, this);
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
