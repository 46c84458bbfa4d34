package io.recstream.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.recstream.recommend.CandidateList;
import io.recstream.recommend.PublishRule;
import io.recstream.recommend.Reason;
import io.recstream.recommend.Recommendation;

import io.recstream.recommend.IntentItem;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

class RecommendationPublisherTest {
    /** Publishes every change: what the tests of versions and state need. */
    private static final PublishRule EVERY_CHANGE = new PublishRule(1, 10);

    private KeyedOneInputStreamOperatorTestHarness<String, CandidateList, Recommendation> harness;

    private void open(OperatorSubtaskState restored) throws Exception {
        open(restored, Duration.ZERO, EVERY_CHANGE);
    }

    private void open(OperatorSubtaskState restored, Duration userStateTtl) throws Exception {
        open(restored, userStateTtl, EVERY_CHANGE);
    }

    private void open(OperatorSubtaskState restored, Duration userStateTtl, PublishRule rule) throws Exception {
        harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new RecommendationPublisher("model-7", 10, userStateTtl, rule)), r -> r.user, Types.STRING);
        if (restored != null) {
            harness.initializeState(restored);
        }
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private void computed(String user, long ts, String... items) throws Exception {
        harness.processElement(list(user, ts, items), ts);
    }

    /** A list computed after the user bought something. */
    private void afterPurchase(String user, long ts, String... items) throws Exception {
        CandidateList list = list(user, ts, items);
        list.afterPurchase = true;
        harness.processElement(list, ts);
    }

    /** A list whose items are there by co-occurrence with "seed", the first by a search for shoes. */
    private static CandidateList list(String user, long ts, String... items) {
        CandidateList list = TestLists.byCooccurrence(user, ts, items);
        if (items.length > 0) {
            list.reasons[0] = Reason.SEARCH;
            list.reasonItems[0] = IntentItem.of("shoes");
        }
        return list;
    }

    private List<Recommendation> published() {
        return harness.extractOutputValues();
    }

    @Test
    void versionsCountUpPerUser() throws Exception {
        open(null);
        computed("u1", 1, "a", "b");
        computed("u1", 2, "b", "a");
        computed("u2", 3, "a");
        computed("u1", 4, "c");

        assertThat(published())
                .extracting(r -> r.user, r -> r.version, r -> r.modelVersion, r -> r.ts)
                .containsExactly(tuple("u1", 1L, "model-7", 1L), tuple("u1", 2L, "model-7", 2L),
                        tuple("u2", 1L, "model-7", 3L), tuple("u1", 3L, "model-7", 4L));
        assertThat(published().get(1).items).extracting(i -> i.item).containsExactly("b", "a");
        assertThat(published().get(1).channel).isEqualTo("web");
    }

    @Test
    void everyPublishedItemCarriesItsReason() throws Exception {
        open(null);
        computed("u1", 1, "a", "b");

        Recommendation.ScoredItem[] items = published().get(0).items;
        assertThat(items[0].reason).extracting(r -> r.because, r -> r.intent, r -> r.item).containsExactly("search", "shoes", null);
        assertThat(items[1].reason).extracting(r -> r.because, r -> r.intent, r -> r.item).containsExactly("co-occurrence", null, "seed");
    }

    @Test
    void aListFromABuildBeforeExplanationsIsPublishedWithoutReasons() throws Exception {
        open(null);
        CandidateList restored = list("u1", 1, "a", "b"); // in flight in a savepoint of that build
        restored.reasons = null;
        restored.reasonItems = null;
        harness.processElement(restored, 1);

        assertThat(published().get(0).items).extracting(i -> i.item, i -> i.reason).containsExactly(tuple("a", null), tuple("b", null));
    }

    @Test
    void aListThatChangesByFewerThanMItemsAndKeepsItsTopIsHeldBack() throws Exception {
        open(null, Duration.ZERO, new PublishRule(2, 3));
        computed("u1", 1, "a", "b", "c", "d", "e");
        computed("u1", 2, "a", "b", "c", "d", "f"); // one new item below the top 3
        computed("u1", 3, "a", "b", "c", "e", "d"); // reordered below the top 3
        computed("u1", 4, "a", "b", "c", "f", "x"); // two new items against the published list
        computed("u1", 5, "a", "b", "c", "x", "f"); // reordered below the top 3
        computed("u1", 6, "b", "a", "c", "x", "f"); // the top 3 reordered
        computed("u1", 7, "b", "a", "y", "x", "f"); // a new item in the top 3
        computed("u1", 8, "b", "a", "y", "x", "f"); // the same

        assertThat(published()).extracting(r -> r.version, r -> r.ts)
                .containsExactly(tuple(1L, 1L), tuple(2L, 4L), tuple(3L, 6L), tuple(4L, 7L));
        assertThat(published().get(1).items).extracting(i -> i.item).containsExactly("a", "b", "c", "f", "x");
    }

    @Test
    void aPurchaseGivesANewVersionAtOnce() throws Exception {
        open(null, Duration.ZERO, new PublishRule(3, 3));
        computed("u1", 1, "a", "b", "c", "d", "e");
        computed("u1", 2, "a", "b", "c", "d", "f"); // bought e, seen as a view: held back
        afterPurchase("u1", 3, "a", "b", "c", "d", "g"); // bought e: the list without it, at once
        afterPurchase("u1", 4, "a", "b", "c", "d", "g"); // bought something not listed: nothing changed

        assertThat(published()).extracting(r -> r.version, r -> r.ts).containsExactly(tuple(1L, 1L), tuple(2L, 3L));
        assertThat(published().get(1).items).extracting(i -> i.item).containsExactly("a", "b", "c", "d", "g");
    }

    @Test
    void anUnchangedOrEmptyListIsNotPublished() throws Exception {
        open(null);
        computed("u1", 1, "a", "b");
        computed("u1", 2, "a", "b");
        computed("u1", 3);
        computed("u1", 4, "a", "b");
        computed("u1", 5, "a", "b", "c");

        assertThat(published()).extracting(r -> r.version, r -> r.ts).containsExactly(tuple(1L, 1L), tuple(2L, 5L));
    }

    @Test
    void versionsContinueAfterARestore() throws Exception {
        open(null);
        computed("u1", 1, "a");
        computed("u1", 2, "b");
        OperatorSubtaskState snapshot = harness.snapshot(1L, 10L);
        harness.close();

        open(snapshot);
        computed("u1", 3, "b"); // the same as the last published before the restore
        computed("u1", 4, "c");
        computed("u2", 5, "c");

        assertThat(published()).extracting(r -> r.user, r -> r.version)
                .containsExactly(tuple("u1", 3L), tuple("u2", 1L));
    }

    @Test
    void aUsersStateExpiresWithTheirProfileAndAnActiveUsersStays() throws Exception {
        long day = Duration.ofDays(1).toMillis();
        open(null, Duration.ofDays(30));
        harness.setStateTtlProcessingTime(0);
        computed("gone", 1, "a");
        computed("active", 1, "a");
        computed("active", 2, "b");
        // the active user's list stays the same for 40 days: each list that arrives renews the state
        for (long d = 10; d <= 40; d += 10) {
            harness.setStateTtlProcessingTime(d * day);
            computed("active", 2 + d, "b");
        }
        assertThat(harness.numKeyedStateEntries()).isEqualTo(2);

        harness.setStateTtlProcessingTime(40 * day);
        OperatorSubtaskState snapshot = harness.snapshot(1L, 10L); // a full snapshot leaves expired entries out
        harness.close();
        open(snapshot, Duration.ofDays(30));
        harness.setStateTtlProcessingTime(40 * day);
        assertThat(harness.numKeyedStateEntries()).isEqualTo(1);

        computed("gone", 100, "a");
        computed("active", 101, "c");
        assertThat(published()).extracting(r -> r.user, r -> r.version)
                .containsExactly(tuple("gone", 1L), tuple("active", 3L));
    }

    @Test
    void aNumberingThatStartsAgainAfterExpiryStartsLater() throws Exception {
        long day = Duration.ofDays(1).toMillis();
        open(null, Duration.ofDays(30));
        at(5 * day);
        computed("u1", 1, "a");
        at(6 * day);
        computed("u1", 2, "b");
        OperatorSubtaskState snapshot = harness.snapshot(1L, 10L);
        harness.close();

        open(snapshot, Duration.ofDays(30));
        at(7 * day);
        computed("u1", 3, "c"); // restored: the same numbering
        at(40 * day);
        computed("u1", 4, "d"); // expired: a new numbering

        assertThat(published()).extracting(r -> r.version, r -> r.versionsSince)
                .containsExactly(tuple(3L, 5 * day), tuple(1L, 40 * day));
    }

    /** Processing time, as the publisher's timer service and its state's time-to-live see it. */
    private void at(long millis) throws Exception {
        harness.setProcessingTime(millis);
        harness.setStateTtlProcessingTime(millis);
    }
}
