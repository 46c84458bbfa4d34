package io.recstream.model;

/**
 * Time-decayed interaction counts in event time (deterministic on replay). A half-life of 0
 * means plain counts. Items are ordered by {@link #trendKey}, the log of the popularity
 * referred to one fixed instant: decay scales every item alike, so the order it gives never has
 * to be recomputed as time passes, and the log keeps it finite over decades of timestamps.
 */
public final class DecayedPopularity {
    private DecayedPopularity() {}

    /** Adds {@code weight} at time {@code ts} to an item, in place. */
    public static void add(ItemFactor f, float weight, long ts, long halfLifeMs) {
        double added = weight;
        if (f.popularity > 0 && ts > f.popularityTs) {
            f.popularity = decayed(f.popularity, ts - f.popularityTs, halfLifeMs);
        } else if (f.popularity > 0 && ts < f.popularityTs) {
            // A late event (updates reach the owner from many subtasks): decay it to the item's time.
            added = decayed(added, f.popularityTs - ts, halfLifeMs);
        }
        f.popularity += added;
        f.popularityTs = Math.max(f.popularityTs, ts);
    }

    /**
     * {@code value} after {@code elapsedMs} of decay (none when the half-life is 0). Zero stays
     * zero without the power, which is the same double bit for bit: the accumulator decays every
     * update's popularity increment, and most updates have none.
     */
    public static double decayed(double value, long elapsedMs, long halfLifeMs) {
        return halfLifeMs > 0 && elapsedMs > 0 && value != 0 ? value * Math.pow(0.5, (double) elapsedMs / halfLifeMs) : value;
    }

    /** Ordering key: log popularity plus the decay-free growth since the epoch. */
    public static double trendKey(ItemFactor f, long halfLifeMs) {
        if (!(f.popularity > 0)) {
            return Double.NEGATIVE_INFINITY;
        }
        double key = Math.log(f.popularity);
        if (halfLifeMs > 0) {
            key += Math.log(2) * f.popularityTs / halfLifeMs;
        }
        return key;
    }
}
