package io.recstream.ranking;

import io.recstream.recommend.RankingFeatures;

import java.util.Arrays;

/**
 * The feature columns a model may learn from; the others are set to 0 before training, so the
 * trainer gives them no weight (a constant column gets input weights of 0) and the model's
 * scores do not move with them wherever it serves. For a feature whose scale depends on the log
 * (e.g. on the catalogue's size), which a model trained on one log must not carry to another.
 */
public final class FeatureMask {
    private final boolean[] used;

    private FeatureMask(boolean[] used) {
        this.used = used;
    }

    /** Every column. */
    public static FeatureMask all() {
        boolean[] used = new boolean[RankingFeatures.COUNT];
        Arrays.fill(used, true);
        return new FeatureMask(used);
    }

    /** Columns as ranges of indices, e.g. {@code 0-14,16-18}. */
    public static FeatureMask parse(String spec) {
        boolean[] used = new boolean[RankingFeatures.COUNT];
        for (String part : spec.split(",")) {
            String[] range = part.trim().split("-");
            int from = Integer.parseInt(range[0].trim());
            int to = range.length > 1 ? Integer.parseInt(range[1].trim()) : from;
            if (range.length > 2 || from < 0 || to >= RankingFeatures.COUNT || from > to) {
                throw new IllegalArgumentException("feature columns are ranges within 0-" + (RankingFeatures.COUNT - 1)
                        + ": " + spec);
            }
            Arrays.fill(used, from, to + 1, true);
        }
        return new FeatureMask(used);
    }

    public boolean usesAll() {
        for (boolean u : used) {
            if (!u) {
                return false;
            }
        }
        return true;
    }

    /** The names of the columns left out, comma-separated ("" for none). */
    public String leftOut() {
        StringBuilder names = new StringBuilder();
        for (int c = 0; c < used.length; c++) {
            if (!used[c]) {
                names.append(names.length() == 0 ? "" : ",").append(RankingFeatures.NAMES[c]);
            }
        }
        return names.toString();
    }

    /** Sets the left-out columns of every row of {@code lists} to 0, in place. */
    public void apply(RankingLists lists) {
        float[] x = lists.features();
        int d = RankingFeatures.COUNT;
        for (int r = 0; r < lists.rows(); r++) {
            for (int c = 0; c < d; c++) {
                if (!used[c]) {
                    x[r * d + c] = 0f;
                }
            }
        }
    }
}
