package io.recstream.experiment;

import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Counts the publisher's {@link StickinessEvent}s per bucket and event-time window in memory, in
 * the publisher's chain, and sends each subtask's counts on once per window (when the watermark
 * passes the window's end), before every checkpoint barrier and at the end of input: so the
 * windows downstream, keyed by bucket, take a few records per window instead of one per event,
 * and this operator keeps no state. Counts are sent stamped with their window's last
 * millisecond and before the watermark that closes the window, so they are never late there.
 *
 * <p>An event whose window the watermark has already passed is late: it is counted in the
 * bucket's {@code late-events} metric and left out. The bucket's live counters
 * (interactions, click-throughs, purchases, purchases from lists, lists published) are Flink
 * metrics under {@code recstream.bucket.<name>}.
 */
public class StickinessCombiner extends AbstractStreamOperator<StickinessCounts>
        implements OneInputStreamOperator<StickinessEvent, StickinessCounts>, BoundedOneInput {
    private static final long serialVersionUID = 1L;

    private final String[] bucketNames;
    private final long windowMs;
    /** The counts of windows still open, a few per bucket: searched in a list, no map per event. */
    private transient List<StickinessCounts> open;
    private transient Counter[] interactions;
    private transient Counter[] clickThroughs;
    private transient Counter[] purchases;
    private transient Counter[] purchasesFromLists;
    private transient Counter[] listsPublished;
    private transient Counter[] late;
    private transient long watermark;

    public StickinessCombiner(String[] bucketNames, long windowMs) {
        if (windowMs < 1) {
            throw new IllegalArgumentException("the stickiness window must be at least 1 ms: " + windowMs);
        }
        this.bucketNames = bucketNames.clone();
        this.windowMs = windowMs;
    }

    @Override
    public void open() throws Exception {
        super.open();
        open = new ArrayList<>();
        watermark = Long.MIN_VALUE;
        int n = bucketNames.length;
        interactions = new Counter[n];
        clickThroughs = new Counter[n];
        purchases = new Counter[n];
        purchasesFromLists = new Counter[n];
        listsPublished = new Counter[n];
        late = new Counter[n];
        for (int b = 0; b < n; b++) {
            MetricGroup bucket = getMetricGroup().addGroup("recstream").addGroup("bucket", bucketNames[b]);
            interactions[b] = bucket.counter("interactions");
            clickThroughs[b] = bucket.counter("click-throughs");
            purchases[b] = bucket.counter("purchases");
            purchasesFromLists[b] = bucket.counter("purchases-from-lists");
            listsPublished[b] = bucket.counter("lists-published");
            late[b] = bucket.counter("late-events");
        }
    }

    @Override
    public void processElement(StreamRecord<StickinessEvent> record) {
        StickinessEvent e = record.getValue();
        long start = TimeWindow.getWindowStartWithOffset(e.ts, 0, windowMs);
        if (start + windowMs - 1 <= watermark) {
            late[e.bucket].inc();
            return;
        }
        countLive(e);
        countsOf(e.bucket, start).add(e);
    }

    private void countLive(StickinessEvent e) {
        if (e.interaction && e.hadList) {
            interactions[e.bucket].inc();
            if (e.fromList) {
                clickThroughs[e.bucket].inc();
            }
            if (e.purchase) {
                purchases[e.bucket].inc();
                if (e.fromList) {
                    purchasesFromLists[e.bucket].inc();
                }
            }
        }
        if (e.shown != null) {
            listsPublished[e.bucket].inc();
        }
    }

    private StickinessCounts countsOf(int bucket, long windowStart) {
        for (int n = 0; n < open.size(); n++) {
            StickinessCounts c = open.get(n);
            if (c.bucket == bucket && c.windowStart == windowStart) {
                return c;
            }
        }
        StickinessCounts c = new StickinessCounts(bucket, windowStart, windowStart + windowMs);
        open.add(c);
        return c;
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        watermark = mark.getTimestamp();
        sendUpTo(mark.getTimestamp());
        super.processWatermark(mark);
    }

    /** Sends the counts of every window that ends at or before {@code watermark} (all: Long.MAX_VALUE). */
    private void sendUpTo(long watermark) {
        Iterator<StickinessCounts> it = open.iterator();
        while (it.hasNext()) {
            StickinessCounts c = it.next();
            if (c.windowEnd - 1 <= watermark) {
                output.collect(new StreamRecord<>(c, c.windowEnd - 1));
                it.remove();
            }
        }
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        super.prepareSnapshotPreBarrier(checkpointId);
        sendUpTo(Long.MAX_VALUE);
    }

    @Override
    public void endInput() {
        sendUpTo(Long.MAX_VALUE);
    }
}
