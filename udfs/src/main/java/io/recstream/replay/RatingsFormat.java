package io.recstream.replay;

/**
 * The layouts of timestamped interaction logs that {@link RatingsFile} reads. Columns are
 * positional: user, item, then a rating or an event type when there are four, the timestamp
 * last.
 */
public enum RatingsFormat {
    /** MovieLens CSV: {@code userId,movieId,rating,timestamp}, header line, Unix seconds. */
    MOVIELENS_CSV(',', true, false),
    /** MovieLens 100K {@code u.data}: {@code user item rating timestamp}, tab separated, Unix seconds. */
    MOVIELENS_UDATA('\t', true, false),
    /** {@code user,item,timestamp}, no rating: every row is an interaction of type rating. */
    GENERIC_CSV(',', false, false),
    /** {@code user,item,type,timestamp}, the type one of view, click, cart, purchase, rating. */
    TYPED_CSV(',', false, true);

    final char delimiter;
    final boolean hasRating;
    final boolean hasType;
    final int fields;

    RatingsFormat(char delimiter, boolean hasRating, boolean hasType) {
        this.delimiter = delimiter;
        this.hasRating = hasRating;
        this.hasType = hasType;
        this.fields = hasRating || hasType ? 4 : 3;
    }

    /** The columns, for messages: {@code user,item,type,timestamp}. */
    String columns() {
        String sep = String.valueOf(delimiter == '\t' ? ' ' : delimiter);
        return String.join(sep, hasRating ? new String[] {"user", "item", "rating", "timestamp"}
                : hasType ? new String[] {"user", "item", "type", "timestamp"}
                : new String[] {"user", "item", "timestamp"});
    }

    /**
     * Tells the format from a file's first data line (not its header): tab separated is
     * {@code u.data}; three comma-separated fields are the generic CSV; four are MovieLens CSV
     * when the third is a number, the typed CSV otherwise.
     *
     * @throws IllegalArgumentException when the line fits none of them
     */
    public static RatingsFormat detect(String dataLine) {
        if (dataLine.indexOf('\t') >= 0) {
            return MOVIELENS_UDATA;
        }
        String[] fields = dataLine.split(",", -1);
        if (fields.length == 3) {
            return GENERIC_CSV;
        }
        if (fields.length == 4) {
            return isNumber(RatingsFile.unquote(fields[2])) ? MOVIELENS_CSV : TYPED_CSV;
        }
        throw new IllegalArgumentException("cannot tell the format: expected user,item,timestamp or "
                + "user,item,rating|type,timestamp (comma separated) or u.data (tab separated), found "
                + fields.length + " comma-separated fields");
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
