package io.recstream.functions;

import io.recstream.recommend.CandidateList;

import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * The live lists (those without an evaluation target) on their way to the publisher, cut to the
 * top K it publishes (the list length of the user's experiment bucket), without their features:
 * the other candidates and the features were there for the ranking model only. Each cut list is
 * new, so the publisher, in the same chain, may keep its arrays. A list that comes without features
 * and no longer than the top K was cut so by the ranking model ({@code AsyncRanker}, a new list that
 * nothing else holds): it goes on as it is.
 */
public class LiveLists implements FlatMapFunction<CandidateList, CandidateList> {
    private static final long serialVersionUID = 1L;

    /** The list length by experiment bucket index. */
    private final int[] topKByBucket;

    public LiveLists(int topK) {
        this(new int[] {topK});
    }

    public LiveLists(int[] topKByBucket) {
        this.topKByBucket = topKByBucket.clone();
    }

    @Override
    public void flatMap(CandidateList list, Collector<CandidateList> out) {
        if (list.target == null) {
            int topK = topKByBucket[list.bucket];
            // a list the ranker cut (AsyncRanker's live lengths) is already what the publisher reads, and new
            out.collect(list.features == null && list.size() <= topK ? list : list.topWithoutFeatures(topK));
        }
    }
}
