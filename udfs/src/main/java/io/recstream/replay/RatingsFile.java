package io.recstream.replay;

import io.recstream.event.Event;
import io.recstream.event.EventType;
import io.recstream.event.UserId;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Reads a timestamped interaction log (MovieLens, or a generic CSV with or without an event-type
 * column, see {@link RatingsFormat}) into {@link Event}s on channel {@value #CHANNEL}, sorted by
 * event time. The sort is stable, so ties keep file order: the evaluation protocol replays "in
 * timestamp order, stable for ties". Rows without a type column are of type
 * {@link EventType#RATING}; timestamps are read by {@link LogTimestamps}.
 *
 * <p>Lines are split by character, not by regex: a field may be in double quotes but holds no
 * delimiter. The first line is a header when its last field (the timestamp column) does not
 * start with a digit or a minus; blank lines are skipped; any other line that cannot be read is a
 * {@link BadLineException}, handled as {@link BadLines} says.
 */
public final class RatingsFile {
    public static final String CHANNEL = "replay";
    /** Keeps every row, whatever its rating. */
    public static final double ALL_RATINGS = Double.NEGATIVE_INFINITY;

    private RatingsFile() {}

    /** Every row, format detected; stops at a bad line. */
    public static List<Event> read(Path file) throws IOException {
        return read(file, null, ALL_RATINGS, BadLines.stop());
    }

    /**
     * @param format the layout, or null to detect it from the first data line
     * @param minRating rows rated below are dropped; ignored by formats without a rating
     * @throws BadLineException for a line {@code badLines} does not skip
     */
    public static List<Event> read(Path file, RatingsFormat format, double minRating, BadLines badLines)
            throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(reader, file.toString(), format, minRating, badLines);
        }
    }

    /**
     * As {@link #read(Path, RatingsFormat, double, BadLines)}, from an open reader (not closed
     * here); {@code source} names the log in messages.
     */
    public static List<Event> read(BufferedReader reader, String source, RatingsFormat format, double minRating,
                                   BadLines badLines) throws IOException {
        List<Event> events = new ArrayList<>();
        String[] fields = new String[4];
        LogTimestamps timestamps = new LogTimestamps();
        boolean first = true;
        int lineNumber = 0;
        while (true) {
            String line;
            try {
                line = reader.readLine();
            } catch (CharacterCodingException e) {
                throw new BadLineException(source, lineNumber + 1, "not UTF-8 text");
            }
            if (line == null) {
                break;
            }
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            if (first) {
                first = false;
                if (isHeader(line)) {
                    continue;
                }
            }
            try {
                RatingsFormat lineFormat = format == null ? RatingsFormat.detect(line) : format;
                Event event = toEvent(line, lineFormat, fields, timestamps, lineNumber);
                format = lineFormat; // detected from the first line that reads
                if (!format.hasRating || event.value >= minRating) {
                    events.add(event);
                }
            } catch (IllegalArgumentException e) {
                badLines.handle(new BadLineException(source, lineNumber, e.getMessage()));
            }
        }
        // List.sort is a stable merge sort: ties keep file order.
        events.sort(Comparator.comparingLong(e -> e.ts));
        return events;
    }

    private static boolean isHeader(String line) {
        char delimiter = line.indexOf('\t') >= 0 ? '\t' : ',';
        int last = line.lastIndexOf(delimiter);
        if (last < 0 || line.indexOf(delimiter) == last) {
            return false; // fewer than three fields: no format's header
        }
        String timestamp = unquote(line.substring(last + 1));
        return timestamp.isEmpty() || !(Character.isDigit(timestamp.charAt(0)) || timestamp.charAt(0) == '-');
    }

    private static Event toEvent(String line, RatingsFormat format, String[] fields, LogTimestamps timestamps,
                                 int lineNumber) {
        int count = split(line, format.delimiter, fields);
        if (count != format.fields) {
            throw new IllegalArgumentException("expected " + format.fields + " fields (" + format.columns()
                    + "), found " + count);
        }
        String user = UserId.canonical(fields[0]);
        String item = fields[1];
        if (user.isEmpty() || item.isEmpty()) {
            throw new IllegalArgumentException("empty user or item");
        }
        EventType type = EventType.RATING;
        double rating = 0.0;
        if (format.hasRating) {
            rating = parseRating(fields[2]);
        } else if (format.hasType) {
            type = EventType.fromWireName(fields[2]);
            if (type == null || !type.isInteraction()) {
                throw new IllegalArgumentException("event type \"" + fields[2]
                        + "\" is not one of view, click, cart, purchase, rating");
            }
        }
        long ts = timestamps.toMillis(fields[format.fields - 1], lineNumber);
        return new Event(user, item, type, CHANNEL, null, rating, ts);
    }

    private static double parseRating(String field) {
        double rating;
        try {
            rating = Double.parseDouble(field);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("rating \"" + field + "\" is not a number");
        }
        if (!Double.isFinite(rating)) {
            throw new IllegalArgumentException("rating " + field + " is not a finite number");
        }
        return rating;
    }

    /**
     * Splits {@code line} at {@code delimiter} into {@code out}, each field trimmed and unquoted;
     * returns the number of fields found, which may exceed {@code out.length} (the excess is not
     * stored).
     */
    private static int split(String line, char delimiter, String[] out) {
        int count = 0;
        int start = 0;
        while (true) {
            int end = line.indexOf(delimiter, start);
            int stop = end < 0 ? line.length() : end;
            if (count < out.length) {
                out[count] = unquote(line.substring(start, stop));
            }
            count++;
            if (end < 0) {
                return count;
            }
            start = end + 1;
        }
    }

    /** The field trimmed, without one pair of surrounding double quotes. */
    static String unquote(String field) {
        String s = field.trim();
        return s.length() >= 2 && s.charAt(0) == '"' && s.charAt(s.length() - 1) == '"'
                ? s.substring(1, s.length() - 1).trim() : s;
    }
}
