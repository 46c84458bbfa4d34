package io.recstream.job.evaluate;

import io.recstream.ranking.RankingLists;
import io.recstream.recommend.CandidateList;
import io.recstream.recommend.RankingFeatures;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Ranking examples, what {@code train-ranker} learns from: for every evaluated list that holds
 * the item the user went on to touch, one CSV row per candidate in the list's order (the blend's
 * when the ranker is off, the order train-ranker breaks ties by):
 * {@code list,ts,label,<the RankingFeatures>}, label 1 for that item. Lists go in the order they
 * were evaluated (time order at parallelism 1). A list without the item is counted, not written:
 * it is a miss whatever the order, and teaches none. Gzipped when the file name ends in
 * {@code .gz} (ml-latest-small: about 37,000 lists of 100 candidates).
 */
public final class ExampleLog implements Consumer<CandidateList>, AutoCloseable {
    static final String HEADER = "list,ts,label," + String.join(",", RankingFeatures.NAMES);

    private final BufferedWriter out;
    private long written;
    private long withoutTarget;

    public ExampleLog(Path file) throws IOException {
        OutputStream stream = Files.newOutputStream(file);
        if (file.toString().endsWith(".gz")) {
            stream = new GZIPOutputStream(stream, 1 << 16);
        }
        out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
        out.write(HEADER);
        out.newLine();
    }

    @Override
    public void accept(CandidateList list) {
        int target = Arrays.asList(list.items).indexOf(list.target);
        if (target < 0) {
            withoutTarget++;
            return;
        }
        try {
            StringBuilder row = new StringBuilder();
            for (int n = 0; n < list.items.length; n++) {
                row.setLength(0);
                row.append(written).append(',').append(list.ts).append(',').append(n == target ? '1' : '0');
                for (int f = 0; f < RankingFeatures.COUNT; f++) {
                    row.append(',').append(String.format(Locale.ROOT, "%.6g", list.features[n * RankingFeatures.COUNT + f]));
                }
                out.write(row.toString());
                out.newLine();
            }
            written++;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lists written. */
    public long lists() {
        return written;
    }

    /** Evaluated lists that did not hold their target, so were not written. */
    public long withoutTarget() {
        return withoutTarget;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    /**
     * Reads a log written by this class.
     *
     * @throws IllegalArgumentException naming {@code file:line} for a line that is not of the
     *     format, or a list without exactly one label 1
     */
    public static RankingLists read(Path file) throws IOException {
        InputStream stream = Files.newInputStream(file);
        if (file.toString().endsWith(".gz")) {
            stream = new GZIPInputStream(stream, 1 << 16);
        }
        RankingLists lists = new RankingLists();
        int width = RankingFeatures.COUNT;
        float[] rows = new float[256 * width];
        try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8), 1 << 16)) {
            String header = in.readLine();
            if (!HEADER.equals(header)) {
                throw new IllegalArgumentException(file + ":1: header must be " + HEADER + ", was " + header);
            }
            long list = -1;
            long ts = 0;
            int size = 0;
            int positive = -1;
            long lineNumber = 1;
            for (String line = in.readLine(); ; line = in.readLine()) {
                lineNumber++;
                String[] cells = line == null ? null : line.split(",", -1);
                if (cells != null && cells.length != width + 3) {
                    throw new IllegalArgumentException(file + ":" + lineNumber + ": " + cells.length + " columns, not " + (width + 3));
                }
                long next = cells == null ? Long.MIN_VALUE : parseLong(cells[0], file, lineNumber);
                if (next != list && size > 0) {
                    if (positive < 0) {
                        throw new IllegalArgumentException(file + ":" + (lineNumber - 1) + ": list " + list + " has no row labelled 1");
                    }
                    lists.add(ts, rows, 0, size, positive);
                    size = 0;
                    positive = -1;
                }
                if (cells == null) {
                    return lists;
                }
                list = next;
                ts = parseLong(cells[1], file, lineNumber);
                if (cells[2].equals("1")) {
                    if (positive >= 0) {
                        throw new IllegalArgumentException(file + ":" + lineNumber + ": list " + list + " has two rows labelled 1");
                    }
                    positive = size;
                } else if (!cells[2].equals("0")) {
                    throw new IllegalArgumentException(file + ":" + lineNumber + ": label must be 0 or 1, was " + cells[2]);
                }
                if ((size + 1) * width > rows.length) {
                    rows = Arrays.copyOf(rows, rows.length * 2);
                }
                for (int f = 0; f < width; f++) {
                    float v;
                    try {
                        v = Float.parseFloat(cells[3 + f]);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException(file + ":" + lineNumber + ": " + RankingFeatures.NAMES[f] + " is not a number: " + cells[3 + f]);
                    }
                    if (!Float.isFinite(v)) {
                        throw new IllegalArgumentException(file + ":" + lineNumber + ": " + RankingFeatures.NAMES[f] + " is not finite");
                    }
                    rows[size * width + f] = v;
                }
                size++;
            }
        }
    }

    private static long parseLong(String cell, Path file, long line) {
        try {
            return Long.parseLong(cell);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(file + ":" + line + ": not an integer: " + cell);
        }
    }
}
