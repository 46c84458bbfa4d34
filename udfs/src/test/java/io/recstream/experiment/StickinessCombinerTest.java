package io.recstream.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

class StickinessCombinerTest {
    private static final long HOUR = 3_600_000L;
    private static final long MINUTE = 60_000L;
    private static final long T0 = 1_000 * HOUR; // a window start
    private OneInputStreamOperatorTestHarness<StickinessEvent, StickinessCounts> harness;

    @BeforeEach
    void open() throws Exception {
        harness = new OneInputStreamOperatorTestHarness<>(new StickinessCombiner(new String[] {"a", "b"}, HOUR));
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private static StickinessEvent event(int bucket, long ts, long previousTs) {
        StickinessEvent e = new StickinessEvent();
        e.bucket = bucket;
        e.ts = ts;
        e.previousTs = previousTs;
        return e;
    }

    private static StickinessEvent interaction(int bucket, long ts, boolean fromList, boolean purchase) {
        StickinessEvent e = event(bucket, ts, ts - MINUTE);
        e.interaction = true;
        e.hadList = true;
        e.fromList = fromList;
        e.purchase = purchase;
        return e;
    }

    private void process(StickinessEvent e) throws Exception {
        harness.processElement(new StreamRecord<>(e, e.ts));
    }

    private List<StreamRecord<StickinessCounts>> sent() {
        List<StreamRecord<StickinessCounts>> records = new ArrayList<>();
        for (Object o : harness.getOutput()) {
            if (o instanceof StreamRecord<?> r) {
                @SuppressWarnings("unchecked")
                StreamRecord<StickinessCounts> counts = (StreamRecord<StickinessCounts>) r;
                records.add(counts);
            }
        }
        return records;
    }

    @Test
    void countsEachBucketsWindowAndSendsItOnceTheWatermarkPassesItsEnd() throws Exception {
        process(interaction(0, T0 + MINUTE, true, false));
        process(interaction(0, T0 + 2 * MINUTE, false, false));
        process(interaction(0, T0 + 3 * MINUTE, true, true));
        process(interaction(1, T0 + 4 * MINUTE, false, true));
        StickinessEvent published = event(0, T0 + 5 * MINUTE, T0 + 3 * MINUTE);
        published.shown = new long[] {1, 2, 3};
        process(published);
        StickinessEvent again = event(0, T0 + 6 * MINUTE, T0 + 5 * MINUTE);
        again.shown = new long[] {2, 3, 4};
        process(again);
        process(interaction(0, T0 + HOUR + MINUTE, true, false)); // the next window

        harness.processWatermark(new Watermark(T0 + HOUR - 2));
        assertThat(sent()).isEmpty();
        harness.processWatermark(new Watermark(T0 + HOUR - 1));

        List<StreamRecord<StickinessCounts>> sent = sent();
        assertThat(sent).hasSize(2).allSatisfy(r -> assertThat(r.getTimestamp()).isEqualTo(T0 + HOUR - 1));
        StickinessCounts a = sent.stream().filter(r -> r.getValue().bucket == 0).findFirst().orElseThrow().getValue();
        assertThat(a.windowStart).isEqualTo(T0);
        assertThat(a.windowEnd).isEqualTo(T0 + HOUR);
        assertThat(a.interactions).isEqualTo(3);
        assertThat(a.clickThroughs).isEqualTo(2);
        assertThat(a.purchases).isEqualTo(1);
        assertThat(a.purchasesFromLists).isEqualTo(1);
        assertThat(a.listsPublished).isEqualTo(2);
        assertThat(a.shownItems.size()).as("coverage: distinct items shown").isEqualTo(4);
        StickinessCounts b = sent.stream().filter(r -> r.getValue().bucket == 1).findFirst().orElseThrow().getValue();
        assertThat(b.interactions).isEqualTo(1);
        assertThat(b.clickThroughs).isZero();
        assertThat(b.purchases).isEqualTo(1);
        assertThat(b.purchasesFromLists).isZero();
    }

    @Test
    void aUserCountsOnceAWindowAndReturnsAfterThirtyMinutesAwayWithinSevenDays() throws Exception {
        long day = 24 * HOUR;
        process(event(0, T0 + MINUTE, 0));                              // new: a user, not returning
        process(event(0, T0 + 2 * MINUTE, T0 + MINUTE));                // same user again: not counted twice
        process(event(0, T0 + 3 * MINUTE, T0 - 10 * MINUTE));           // continuing a session: a user, not returning
        process(event(0, T0 + 4 * MINUTE, T0 + 4 * MINUTE - 2 * day));  // back after 2 days: returning
        process(event(0, T0 + 5 * MINUTE, T0 + 5 * MINUTE - 8 * day));  // back after 8 days: not returning
        process(event(0, T0 + 6 * MINUTE, T0 - 31 * MINUTE + 6 * MINUTE)); // back after 31 minutes: returning

        harness.endInput();

        StickinessCounts counts = sent().get(0).getValue();
        assertThat(counts.users).isEqualTo(5);
        assertThat(counts.returningUsers).isEqualTo(2);
    }

    @Test
    void anEventOfAClosedWindowIsLateAndLeftOut() throws Exception {
        harness.processWatermark(new Watermark(T0 + HOUR));
        process(interaction(0, T0 + MINUTE, true, false));
        harness.endInput();

        assertThat(sent()).isEmpty();
    }

    @Test
    void aCheckpointSendsWhatIsPendingSoTheOperatorKeepsNoState() throws Exception {
        process(interaction(1, T0 + MINUTE, true, false));

        harness.prepareSnapshotPreBarrier(1);

        assertThat(sent()).hasSize(1);
        assertThat(sent().get(0).getValue().clickThroughs).isEqualTo(1);
    }
}
