package io.recstream.functions;

import io.recstream.recommend.CandidateList;
import io.recstream.recommend.Recommendation;

import org.apache.flink.streaming.api.operators.KeyedProcessOperator;

/**
 * Runs a {@link RecommendationPublisher} as Flink's keyed process operator does, and on a backend
 * whose state objects are the operator's own (RocksDB) gives it a {@link HeapStateCache} of the
 * users' last lists, which it writes back behind their changes, before every checkpoint barrier
 * and at the end of input: hooks a function does not have. On the heap backend it runs the
 * function exactly as {@code KeyedStream#process} would.
 */
public final class RecommendationPublisherOperator extends KeyedProcessOperator<Long, CandidateList, Recommendation> {
    private static final long serialVersionUID = 1L;

    private final int cachedUsers;
    private final long writeBehindMillis;
    private final long keepMillis;

    /**
     * @param cachedUsers       users whose last list the {@link HeapStateCache} holds (0: no cache)
     * @param writeBehindMillis how long a changed list stays on the heap only (processing time)
     * @param keepMillis        how long after its last write an unchanged list is still served from the heap
     */
    public RecommendationPublisherOperator(RecommendationPublisher publisher, int cachedUsers, long writeBehindMillis, long keepMillis) {
        super(publisher);
        this.cachedUsers = cachedUsers;
        this.writeBehindMillis = writeBehindMillis;
        this.keepMillis = keepMillis;
    }

    @Override
    public void open() throws Exception {
        super.open();
        if (cachedUsers > 0 && getKeyedStateBackend().isSafeToReuseKVState()) {
            publisher().cacheLists(cachedUsers, writeBehindMillis, keepMillis, getProcessingTimeService()::getCurrentProcessingTime, this);
        }
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        super.prepareSnapshotPreBarrier(checkpointId);
        publisher().writeBackLists();
    }

    @Override
    public void finish() throws Exception {
        publisher().writeBackLists();
        super.finish();
    }

    private RecommendationPublisher publisher() {
        return (RecommendationPublisher) userFunction;
    }
}
