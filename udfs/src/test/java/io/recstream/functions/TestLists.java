package io.recstream.functions;

import io.recstream.event.NumericId;
import io.recstream.recommend.CandidateList;
import io.recstream.recommend.Reason;

import java.util.Arrays;

/** Candidate lists for the publisher's tests. */
final class TestLists {

    private TestLists() {}

    /** A list of {@code items} for {@code user} on the web, each scored 1 and there by co-occurrence with "seed". */
    static CandidateList byCooccurrence(String user, long ts, String... items) {
        float[] scores = new float[items.length];
        Arrays.fill(scores, 1f);
        CandidateList list = new CandidateList();
        list.user = user;
        list.userId = NumericId.of(user);
        list.items = items;
        list.itemIds = Arrays.stream(items).mapToLong(NumericId::of).toArray();
        list.scores = scores;
        list.reasons = new byte[items.length];
        list.reasonItems = new String[items.length];
        Arrays.fill(list.reasons, Reason.COOCCURRENCE);
        Arrays.fill(list.reasonItems, "seed");
        list.ts = ts;
        list.channel = "web";
        return list;
    }
}
