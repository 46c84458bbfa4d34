package io.recstream.replay;

/** The layouts of timestamped interaction logs that {@link RatingsFile} reads. */
public enum RatingsFormat {
    /** MovieLens CSV: {@code userId,movieId,rating,timestamp}, header line, Unix seconds. */
    MOVIELENS_CSV(',', 4, true),
    /** MovieLens 100K {@code u.data}: {@code user item rating timestamp}, tab separated, Unix seconds. */
    MOVIELENS_UDATA('\t', 4, true),
    /**
     * {@code user,item,timestamp}, header optional, no rating. The timestamp may be Unix seconds or
     * milliseconds: see {@link RatingsFile#SECONDS_BELOW}.
     */
    GENERIC_CSV(',', 3, false);

    final char delimiter;
    final int fields;
    final boolean hasRating;

    RatingsFormat(char delimiter, int fields, boolean hasRating) {
        this.delimiter = delimiter;
        this.fields = fields;
        this.hasRating = hasRating;
    }

    /**
     * Tells the format from a file's first line: tab separated is {@code u.data}; otherwise four
     * comma-separated fields are MovieLens CSV and three are the generic CSV.
     *
     * @throws IllegalArgumentException when the line fits none of them
     */
    public static RatingsFormat detect(String firstLine) {
        if (firstLine.indexOf('\t') >= 0) {
            return MOVIELENS_UDATA;
        }
        int commas = 0;
        for (int i = 0; i < firstLine.length(); i++) {
            if (firstLine.charAt(i) == ',') {
                commas++;
            }
        }
        if (commas == 3) {
            return MOVIELENS_CSV;
        }
        if (commas == 2) {
            return GENERIC_CSV;
        }
        throw new IllegalArgumentException("cannot tell the ratings format from the first line: " + firstLine);
    }
}
