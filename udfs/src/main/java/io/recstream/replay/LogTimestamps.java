package io.recstream.replay;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;

/**
 * The timestamps of one log, read into epoch milliseconds. A log holds one form, fixed by its
 * first timestamp: Unix seconds (with or without a fraction), Unix milliseconds, or ISO-8601
 * ({@code 2016-05-09T10:15:30Z}, {@code 2016-05-09 10:15:30}, {@code 2016-05-09}; without an
 * offset, UTC). Seconds and milliseconds are told apart by magnitude, see
 * {@link #SECONDS_BELOW}; a later timestamp of another form is an error, as a log that changes
 * unit half-way is more likely broken than meant.
 */
final class LogTimestamps {
    /**
     * A number below this (in absolute value) is Unix seconds, otherwise milliseconds: 10^11
     * seconds is the year 5138, 10^11 milliseconds is 1973.
     */
    static final long SECONDS_BELOW = 100_000_000_000L;

    private static final DateTimeFormatter ISO = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral('T').append(DateTimeFormatter.ISO_LOCAL_TIME)
            .optionalStart().appendOffsetId().optionalEnd()
            .optionalEnd()
            .toFormatter();

    private enum Form {
        SECONDS("Unix seconds"), MILLISECONDS("Unix milliseconds"), ISO_8601("ISO-8601");

        final String description;

        Form(String description) {
            this.description = description;
        }
    }

    private Form form;
    private int formLine;

    /**
     * @param line the field's line number, to name where the log's form was fixed
     * @throws IllegalArgumentException when {@code field} is no timestamp, or not of this log's form
     */
    long toMillis(String field, int line) {
        Form found;
        long millis;
        if (isDecimal(field)) {
            boolean negative = field.charAt(0) == '-';
            int dot = field.indexOf('.');
            long whole;
            try {
                whole = Long.parseLong(field.substring(negative ? 1 : 0, dot < 0 ? field.length() : dot));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("timestamp " + field + " is out of range");
            }
            found = whole < SECONDS_BELOW ? Form.SECONDS : Form.MILLISECONDS;
            // Fractions below a millisecond are dropped: truncation keeps the order of events.
            millis = found == Form.SECONDS ? whole * 1000L + fractionMillis(field, dot) : whole;
            millis = negative ? -millis : millis;
        } else {
            found = Form.ISO_8601;
            millis = isoMillis(field);
        }
        if (form == null) {
            form = found;
            formLine = line;
        } else if (found != form) {
            throw new IllegalArgumentException("timestamp " + field + " is in " + found.description
                    + ", but this log's timestamps are in " + form.description + " (line " + formLine + ")");
        }
        return millis;
    }

    private static long fractionMillis(String field, int dot) {
        if (dot < 0) {
            return 0;
        }
        long millis = 0;
        for (int i = 1; i <= 3; i++) {
            int digit = dot + i < field.length() ? field.charAt(dot + i) - '0' : 0;
            millis = millis * 10 + digit;
        }
        return millis;
    }

    private static long isoMillis(String field) {
        // ISO-8601 proper has a 'T'; logs often write a space instead.
        String iso = field.length() > 10 && field.charAt(10) == ' '
                ? field.substring(0, 10) + 'T' + field.substring(11) : field;
        try {
            TemporalAccessor t = ISO.parseBest(iso, OffsetDateTime::from, LocalDateTime::from, LocalDate::from);
            if (t instanceof OffsetDateTime time) {
                return time.toInstant().toEpochMilli();
            }
            if (t instanceof LocalDateTime time) {
                return time.toInstant(ZoneOffset.UTC).toEpochMilli();
            }
            return ((LocalDate) t).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("timestamp \"" + field + "\" is neither Unix seconds or milliseconds "
                    + "nor an ISO-8601 date (2016-05-09T10:15:30Z, 2016-05-09 10:15:30, 2016-05-09)");
        }
    }

    /** An optional minus, digits, and optionally a dot followed by digits. */
    private static boolean isDecimal(String s) {
        int start = !s.isEmpty() && s.charAt(0) == '-' ? 1 : 0;
        int dot = s.indexOf('.');
        int end = dot < 0 ? s.length() : dot;
        return end > start && digitsOnly(s, start, end) && (dot < 0 || dot < s.length() - 1 && digitsOnly(s, dot + 1, s.length()));
    }

    private static boolean digitsOnly(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
