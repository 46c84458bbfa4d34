package io.recstream.job.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.recstream.job.evaluate.ExampleLog;
import io.recstream.models.RankingModel;
import io.recstream.recommend.CandidateList;
import io.recstream.recommend.RankingFeatures;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ./recstream train-ranker}: writes a model only when it beats the live one on the most recent lists. */
class TrainRankerCommandTest {
    private static final int D = RankingFeatures.COUNT;

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int execute(String... args) {
        return new CommandLine(new RecStreamCli())
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(args);
    }

    /**
     * 600 lists of 20 candidates in blend order, one a minute; the target is the candidate with
     * the highest trend (a signal the blend does not see) or, when {@code blendKnowsBest}, the
     * first in blend order.
     */
    private Path examples(boolean blendKnowsBest) throws IOException {
        Random random = new Random(3);
        Path file = dir.resolve("examples.csv");
        try (ExampleLog log = new ExampleLog(file)) {
            for (int l = 0; l < 600; l++) {
                CandidateList list = new CandidateList();
                list.ts = 60_000L * l;
                list.items = new String[20];
                list.features = new float[20 * D];
                float bestTrend = Float.NEGATIVE_INFINITY;
                for (int r = 0; r < 20; r++) {
                    list.items[r] = "i" + r;
                    for (int f = 0; f < D; f++) {
                        list.features[r * D + f] = (float) random.nextGaussian();
                    }
                    list.features[r * D + RankingFeatures.BLEND] = 1 - r / 20f;
                    if (list.features[r * D + RankingFeatures.TREND] > bestTrend) {
                        bestTrend = list.features[r * D + RankingFeatures.TREND];
                        list.target = list.items[r];
                    }
                }
                if (blendKnowsBest) {
                    list.target = "i0";
                }
                log.accept(list);
            }
        }
        return file;
    }

    @Test
    void aModelThatBeatsTheLiveOneIsWrittenAndLoads() throws IOException {
        Path models = dir.resolve("models");

        int status = execute("train-ranker", "--examples", examples(false).toString(), "--out", models.toString(),
                "--name", "ranking-t", "--live", "blend");

        assertThat(status).as(err.toString()).isZero();
        assertThat(err.toString()).contains("training on 540 lists, held back the most recent 60");
        assertThat(out.toString()).contains("written: ranking-t beats the live blend");
        try (RankingModel model = RankingModel.load(models.resolve("ranking-t.onnx").toString())) {
            assertThat(model.version()).isEqualTo("ranking-t");
        }
        assertThat(Files.readString(models.resolve("ranking-t.json"))).contains("\"held_out\"").contains("\"live\"");
    }

    /** The target is the best trend: a model that may not learn from it orders the lists about as the blend does. */
    @Test
    void aColumnLeftOutOfTrainingTeachesTheModelNothing() throws IOException {
        Path file = examples(false);
        String allButTrend = "0-" + (RankingFeatures.TREND - 1) + "," + (RankingFeatures.TREND + 1) + "-" + (D - 1);

        assertThat(execute("train-ranker", "--examples", file.toString(), "--out", dir.resolve("all").toString(),
                "--live", "blend")).as(err.toString()).isZero();
        double withTrend = heldBackRecall(out.toString());
        out.getBuffer().setLength(0);
        assertThat(execute("train-ranker", "--examples", file.toString(), "--out", dir.resolve("masked").toString(),
                "--live", "blend", "--features", allButTrend)).as(err.toString()).isZero();
        double withoutTrend = heldBackRecall(out.toString());

        assertThat(err.toString()).contains("left out of training: trend");
        assertThat(withTrend).isGreaterThan(0.9);
        assertThat(withoutTrend).isLessThan(0.6);
        assertThat(execute("train-ranker", "--examples", file.toString(), "--out", dir.toString(), "--features", "0-" + D))
                .isEqualTo(2);
    }

    private static double heldBackRecall(String out) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("ranking-\\S+ recall@10=([0-9.]+)").matcher(out);
        assertThat(m.find()).as(out).isTrue();
        return Double.parseDouble(m.group(1));
    }

    @Test
    void aModelThatDoesNotBeatTheLiveOneIsNotWrittenAndTheCommandSaysWhy() throws IOException {
        Path models = dir.resolve("models");

        int status = execute("train-ranker", "--examples", examples(true).toString(), "--out", models.toString(),
                "--name", "ranking-t", "--live", "blend");

        assertThat(status).as(err.toString()).isZero();
        assertThat(out.toString()).contains("held back 60 lists").contains("blend recall@10=1.0000")
                .contains("not written: ranking-t does not beat the live blend on the held-back lists");
        assertThat(models).doesNotExist();
    }

    @Test
    void aWindowEndKeepsLaterListsOutOfTrainingAndTesting() throws IOException {
        int status = execute("train-ranker", "--examples", examples(false).toString(), "--out", dir.resolve("m").toString(),
                "--live", "blend", "--until", "1970-01-01T05:00:00Z");

        assertThat(status).as(err.toString()).isZero();
        assertThat(err.toString()).contains("window 1970-01-01T00:00:00Z .. 1970-01-01T04:59:00Z: training on 270 lists, held back the most recent 30");
    }

    @Test
    void aBrokenExampleLogExitsWithStatusTwoNamingFileAndLine() throws IOException {
        Path file = Files.writeString(dir.resolve("bad.csv"), "list,ts,label," + String.join(",", RankingFeatures.NAMES) + "\n"
                + "0,1,1" + ",0".repeat(D) + "\n0,1,yes" + ",0".repeat(D) + "\n");

        assertThat(execute("train-ranker", "--examples", file.toString(), "--out", dir.toString())).isEqualTo(2);
        assertThat(err.toString()).isEqualTo(file + ":3: label must be 0 or 1, was yes" + System.lineSeparator());
    }
}
