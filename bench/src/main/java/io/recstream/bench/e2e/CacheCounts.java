package io.recstream.bench.e2e;

/**
 * The user state caches' lookups in a window (docs/ARCHITECTURE.md, the user state caches): the
 * user-learner's profiles and the publisher's last lists, each as found on the heap (hits) and
 * read from RocksDB (misses), summed over subtasks. All zero on the heap backend, which has no cache.
 */
record CacheCounts(long profileHits, long profileMisses, long listHits, long listMisses) {
    static final CacheCounts NONE = new CacheCounts(0, 0, 0, 0);

    static CacheCounts now() {
        return new CacheCounts(OperatorCounters.gaugeSum(Harness.USER_LEARNER, "profile-cache-hits"),
                OperatorCounters.gaugeSum(Harness.USER_LEARNER, "profile-cache-misses"),
                OperatorCounters.gaugeSum(Harness.PUBLISHER, "list-cache-hits"),
                OperatorCounters.gaugeSum(Harness.PUBLISHER, "list-cache-misses"));
    }

    CacheCounts since(CacheCounts start) {
        return new CacheCounts(profileHits - start.profileHits, profileMisses - start.profileMisses,
                listHits - start.listHits, listMisses - start.listMisses);
    }
}
