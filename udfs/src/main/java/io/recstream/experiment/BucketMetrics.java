package io.recstream.experiment;

/**
 * One bucket's stickiness in one event-time window: a record of the {@code recstream-metrics}
 * topic (JSON, key = bucket). Counts as in {@link StickinessCounts}; a rate is null when its
 * denominator is 0. Times are epoch milliseconds, the window is [windowStart, windowEnd).
 */
public class BucketMetrics {
    public String bucket;
    public long windowStart;
    public long windowEnd;
    public long users;
    public long returningUsers;
    /** returningUsers / users. */
    public Double returnRate;
    public long interactions;
    public long clickThroughs;
    /** clickThroughs / interactions. */
    public Double clickThroughRate;
    public long purchases;
    public long purchasesFromLists;
    public long listsPublished;
    /** Distinct items in the lists published in the window. */
    public long coverage;

    public BucketMetrics() {}

    public static BucketMetrics of(String bucket, StickinessCounts c) {
        BucketMetrics m = new BucketMetrics();
        m.bucket = bucket;
        m.windowStart = c.windowStart;
        m.windowEnd = c.windowEnd;
        m.users = c.users;
        m.returningUsers = c.returningUsers;
        m.returnRate = ratio(c.returningUsers, c.users);
        m.interactions = c.interactions;
        m.clickThroughs = c.clickThroughs;
        m.clickThroughRate = ratio(c.clickThroughs, c.interactions);
        m.purchases = c.purchases;
        m.purchasesFromLists = c.purchasesFromLists;
        m.listsPublished = c.listsPublished;
        m.coverage = c.shownItems.size();
        return m;
    }

    private static Double ratio(long part, long whole) {
        return whole == 0 ? null : (double) part / whole;
    }
}
