package io.recstream.job.evaluate;

import io.recstream.learn.StableHash;
import io.recstream.recommend.CandidateList;
import io.recstream.recommend.RankingFeatures;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The ranking model's training data: for every evaluated list, one CSV row per candidate with
 * its features and label 1 when it is the item the user went on to interact with. Every positive
 * is kept and one negative in {@code 1/negativeShare}, chosen by a hash of (user, ts, item), so
 * the log is small and the same for the same run.
 */
public final class FeatureLog implements AutoCloseable {
    private final BufferedWriter out;
    private final int negativeShare;
    private long rows;

    public FeatureLog(Path file, int negativeShare) throws IOException {
        this.out = Files.newBufferedWriter(file);
        this.negativeShare = negativeShare;
        out.write("label," + String.join(",", RankingFeatures.NAMES));
        out.newLine();
    }

    public void write(CandidateList list) {
        try {
            for (int n = 0; n < list.items.length; n++) {
                boolean positive = list.items[n].equals(list.target);
                if (!positive && Math.floorMod(StableHash.of(list.user + '\u0000' + list.ts + '\u0000' + list.items[n]), negativeShare) != 0) {
                    continue;
                }
                StringBuilder row = new StringBuilder(positive ? "1" : "0");
                for (int f = 0; f < RankingFeatures.COUNT; f++) {
                    row.append(',').append(String.format(Locale.ROOT, "%.6g", list.features[n * RankingFeatures.COUNT + f]));
                }
                out.write(row.toString());
                out.newLine();
                rows++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public long rows() {
        return rows;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
