package io.recstream.replay;

import io.recstream.event.Event;
import io.recstream.event.EventType;
import io.recstream.event.UserId;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Reads a timestamped interaction log (MovieLens or a generic CSV) into {@link Event}s of type
 * {@link EventType#RATING} on channel {@value #CHANNEL}, sorted by event time. The sort is stable,
 * so ties keep file order: the evaluation protocol replays "in timestamp order, stable for ties".
 *
 * <p>Lines are split by character, not by regex: fields are plain (no CSV quoting). A first line
 * whose timestamp is not a number is taken as a header and skipped; blank lines are skipped; any
 * other unreadable line fails the read with its line number, because a silently shortened log
 * would skew every figure computed from it.
 */
public final class RatingsFile {
    public static final String CHANNEL = "replay";
    /** Keeps every row, whatever its rating. */
    public static final double ALL_RATINGS = Double.NEGATIVE_INFINITY;
    /**
     * Generic timestamps below this are Unix seconds, others milliseconds: 10^11 seconds is the
     * year 5138, 10^11 milliseconds is 1973.
     */
    public static final long SECONDS_BELOW = 100_000_000_000L;

    private RatingsFile() {}

    /** Every row, format detected from the first line. */
    public static List<Event> read(Path file) throws IOException {
        return read(file, null, ALL_RATINGS);
    }

    /** Rows rated at least {@code minRating}, format detected from the first line. */
    public static List<Event> read(Path file, double minRating) throws IOException {
        return read(file, null, minRating);
    }

    /**
     * @param format the layout, or null to detect it from the first line
     * @param minRating rows rated below are dropped; ignored by formats without a rating
     */
    public static List<Event> read(Path file, RatingsFormat format, double minRating) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(reader, format, minRating);
        } catch (IOException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /** As {@link #read(Path, RatingsFormat, double)}, from an open reader (not closed here). */
    public static List<Event> read(BufferedReader reader, RatingsFormat format, double minRating)
            throws IOException {
        List<Event> events = new ArrayList<>();
        String[] fields = new String[4];
        boolean first = true;
        int lineNumber = 0;
        String line;
        while ((line = reader.readLine()) != null) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            if (format == null) {
                try {
                    format = RatingsFormat.detect(line);
                } catch (IllegalArgumentException e) {
                    throw new IOException("line " + lineNumber + ": " + e.getMessage(), e);
                }
            }
            int count = split(line, format.delimiter, fields);
            if (count != format.fields) {
                throw new IOException("line " + lineNumber + ": expected " + format.fields + " fields for "
                        + format + ", found " + count + ": " + line);
            }
            String tsField = fields[format.fields - 1];
            if (first) {
                first = false;
                if (!isInteger(tsField)) {
                    continue; // header
                }
            }
            try {
                Event event = toEvent(format, fields, tsField);
                if (!format.hasRating || event.value >= minRating) {
                    events.add(event);
                }
            } catch (IllegalArgumentException e) {
                throw new IOException("line " + lineNumber + ": " + e.getMessage() + ": " + line, e);
            }
        }
        // List.sort is a stable merge sort: ties keep file order.
        events.sort(Comparator.comparingLong(e -> e.ts));
        return events;
    }

    private static Event toEvent(RatingsFormat format, String[] fields, String tsField) {
        String user = UserId.canonical(fields[0]);
        String item = fields[1];
        if (user.isEmpty() || item.isEmpty()) {
            throw new IllegalArgumentException("empty user or item");
        }
        long ts = Long.parseLong(tsField);
        double rating = 0.0;
        if (format.hasRating) {
            rating = Double.parseDouble(fields[2]);
            if (!Double.isFinite(rating)) {
                throw new IllegalArgumentException("rating is not a finite number");
            }
            ts *= 1000L;
        } else if (Math.abs(ts) < SECONDS_BELOW) {
            ts *= 1000L;
        }
        return new Event(user, item, EventType.RATING, CHANNEL, null, rating, ts);
    }

    /**
     * Splits {@code line} at {@code delimiter} into {@code out}, trimming each field; returns the
     * number of fields found, which may exceed {@code out.length} (the excess is not stored).
     */
    private static int split(String line, char delimiter, String[] out) {
        int count = 0;
        int start = 0;
        while (true) {
            int end = line.indexOf(delimiter, start);
            int stop = end < 0 ? line.length() : end;
            if (count < out.length) {
                out[count] = line.substring(start, stop).trim();
            }
            count++;
            if (end < 0) {
                return count;
            }
            start = end + 1;
        }
    }

    private static boolean isInteger(String s) {
        if (s.isEmpty()) {
            return false;
        }
        int i = s.charAt(0) == '-' ? 1 : 0;
        if (i == s.length()) {
            return false;
        }
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
