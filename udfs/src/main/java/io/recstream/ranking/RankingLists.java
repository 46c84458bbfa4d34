package io.recstream.ranking;

import io.recstream.recommend.RankingFeatures;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Ranking examples grouped by list, in arrival (time) order: each list is the candidates one event
 * was ranked with, their {@link RankingFeatures} rows in list order (the blend's), its event time,
 * and which of its rows is the item the user went on to touch. Only lists that hold that item
 * are kept: a list without it teaches no order and is a miss whatever the order.
 */
public final class RankingLists {
    private static final int WIDTH = RankingFeatures.COUNT;

    private float[] features = new float[1024 * WIDTH];
    private int rows;
    private long[] times = new long[256];
    private int[] starts = new int[257];
    private int[] positives = new int[256];
    private int lists;

    /**
     * Appends the list of {@code count} rows at {@code features[from * COUNT ...]} whose row
     * {@code positive} (0-based within the list) is the user's next item, asked for at {@code ts}.
     */
    public void add(long ts, float[] features, int from, int count, int positive) {
        if (positive < 0 || positive >= count) {
            throw new IllegalArgumentException("positive row " + positive + " outside a list of " + count);
        }
        ensureLists(lists + 1);
        ensureRows(rows + count);
        System.arraycopy(features, from * WIDTH, this.features, rows * WIDTH, count * WIDTH);
        times[lists] = ts;
        starts[lists] = rows;
        positives[lists] = rows + positive;
        rows += count;
        lists++;
        starts[lists] = rows;
    }

    /**
     * Appends the list of {@code count} rows at {@code features[from * COUNT ...]} as a training
     * example: its row {@code positive} (the user's next item) first, then {@code keep} of its
     * other rows drawn by {@code random} (all of them when it has fewer), in list order. Each other
     * row is kept with the same odds (selection sampling, Knuth's algorithm S).
     */
    public void addSample(long ts, float[] features, int from, int count, int positive, int keep, SplittableRandom random) {
        if (positive < 0 || positive >= count) {
            throw new IllegalArgumentException("positive row " + positive + " outside a list of " + count);
        }
        int others = count - 1;
        int wanted = Math.min(keep, others);
        ensureLists(lists + 1);
        ensureRows(rows + wanted + 1);
        int to = rows;
        System.arraycopy(features, (from + positive) * WIDTH, this.features, to++ * WIDTH, WIDTH);
        for (int n = 0, seen = 0; n < count && to - rows <= wanted; n++) {
            if (n == positive) {
                continue;
            }
            if (random.nextInt(others - seen) < wanted - (to - rows - 1)) {
                System.arraycopy(features, (from + n) * WIDTH, this.features, to++ * WIDTH, WIDTH);
            }
            seen++;
        }
        times[lists] = ts;
        starts[lists] = rows;
        positives[lists] = rows;
        rows = to;
        lists++;
        starts[lists] = rows;
    }

    public int lists() {
        return lists;
    }

    public int rows() {
        return rows;
    }

    /** Event time of list {@code list}. */
    public long time(int list) {
        return times[list];
    }

    /** First row of list {@code list}; its rows end where the next list's start. */
    public int start(int list) {
        return starts[list];
    }

    public int size(int list) {
        return starts[list + 1] - starts[list];
    }

    /** Row (over all lists) of list {@code list}'s positive. */
    public int positive(int list) {
        return positives[list];
    }

    /** All rows' features, row-major, {@link RankingFeatures#COUNT} per row; valid up to {@link #rows()}. */
    public float[] features() {
        return features;
    }

    /** The latest event time of lists {@code [0, to)}. */
    public long latestTime(int to) {
        long latest = Long.MIN_VALUE;
        for (int l = 0; l < to; l++) {
            latest = Math.max(latest, times[l]);
        }
        return latest;
    }

    /** Index of the first list with a time at or after {@code ts} (lists in time order), or {@link #lists()}. */
    public int firstAtOrAfter(long ts) {
        int lo = 0;
        int hi = lists;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (times[mid] < ts) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private void ensureLists(int n) {
        if (n >= times.length) {
            int size = Math.max(n + 1, times.length * 2);
            times = Arrays.copyOf(times, size);
            positives = Arrays.copyOf(positives, size);
            starts = Arrays.copyOf(starts, size + 1);
        }
    }

    private void ensureRows(int n) {
        if ((long) n * WIDTH > features.length) {
            long size = Math.max((long) n * WIDTH, 2L * features.length);
            if (size > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("more ranking examples than one array holds: " + n + " rows");
            }
            features = Arrays.copyOf(features, (int) size);
        }
    }
}
