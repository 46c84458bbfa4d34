package io.recstream.job.cli;

import io.recstream.experiment.BucketMetrics;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;

/** The demo's view of the metrics topic: the latest window of each experiment bucket, side by side. */
final class BucketTable {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final String ROW = "        %-42s";
    private static final String CELL = "%-22s";

    private BucketTable() {}

    /** Rows of figures, a column per bucket (by name); empty when no window has closed yet. */
    static String format(List<BucketMetrics> latest) {
        if (latest.isEmpty()) {
            return "";
        }
        List<BucketMetrics> buckets = latest.stream().sorted(Comparator.comparing((BucketMetrics m) -> m.bucket)).toList();
        StringBuilder out = new StringBuilder();
        row(out, "experiment, window " + window(buckets.get(0)) + " UTC", buckets, m -> m.bucket
                + (m.windowStart == buckets.get(0).windowStart ? "" : " (" + window(m) + ")"));
        row(out, "  click-through (interactions)", buckets, m -> rate(m.clickThroughRate) + String.format(" (%,d)", m.interactions));
        row(out, "  purchases from lists / purchases", buckets, m -> String.format("%,d / %,d", m.purchasesFromLists, m.purchases));
        row(out, "  coverage (distinct items shown)", buckets, m -> String.format("%,d", m.coverage));
        row(out, "  return rate (users)", buckets, m -> rate(m.returnRate) + String.format(" (%,d)", m.users));
        return out.toString();
    }

    private static void row(StringBuilder out, String label, List<BucketMetrics> buckets,
                            java.util.function.Function<BucketMetrics, String> cell) {
        out.append(String.format(ROW, label));
        for (BucketMetrics m : buckets) {
            out.append(String.format(CELL, cell.apply(m)));
        }
        out.append(System.lineSeparator());
    }

    private static String window(BucketMetrics m) {
        return TIME.format(Instant.ofEpochMilli(m.windowStart)) + "-" + TIME.format(Instant.ofEpochMilli(m.windowEnd));
    }

    private static String rate(Double rate) {
        return rate == null ? "-" : String.format("%.3f", rate);
    }
}
