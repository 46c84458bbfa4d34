package io.recstream.job.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.recstream.job.ModelOptions;
import io.recstream.job.evaluate.ExampleLog;
import io.recstream.models.ModelLoadException;
import io.recstream.models.RankingModel;
import io.recstream.ranking.ListMetrics;
import io.recstream.ranking.ListScorer;
import io.recstream.ranking.RankingLists;
import io.recstream.ranking.RankingMlp;
import io.recstream.ranking.RankingModelArtifact;
import io.recstream.ranking.RankingTrainer;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code ./recstream train-ranker --examples FILE --out DIR}: trains a ranking model on a window
 * of ranking examples (written by {@code evaluate --log-examples}), holds back the most recent
 * lists of the window (by event time), and compares recall@10 and MRR@10 on them of the new
 * model, the live one and the blend alone. It writes the new model (ranking-v1's format, see
 * models/README.md) only when it beats the live model's recall@10 there, and says why not
 * otherwise. The model goes out through {@link #publish}, the one place a model store plugs in.
 */
@Command(name = "train-ranker", mixinStandardHelpOptions = true,
        description = "Train a ranking model on ranking examples; write it only if it beats the live one on the most recent lists.")
public final class TrainRankerCommand implements Callable<Integer> {
    static final int EXIT_BAD_INPUT = CommandLine.ExitCode.USAGE;
    private static final int K = 10;
    /** {@code --live blend}: the job ranks by the blend alone (recstream.ranker.enabled false). */
    private static final String BLEND = "blend";

    @Option(names = "--examples", required = true, description = "Ranking examples (evaluate --log-examples), .gz or plain CSV.")
    Path examples;

    @Option(names = "--out", required = true, description = "Folder to write <name>.onnx and <name>.json into.")
    Path out;

    @Option(names = "--name", description = "Model name and version (default: ${DEFAULT-VALUE}).")
    String name = "ranking-trained";

    @Option(names = "--live", description = "The live model to beat: a model location, or blend where the job "
            + "runs without a ranking model (default: the job's, ${DEFAULT-VALUE}).")
    String live = ModelOptions.RANKER_MODEL.defaultValue();

    @Option(names = "--until", description = "Window end, exclusive: only lists of events before this instant "
            + "(ISO-8601, e.g. 2004-05-26T00:00:00Z; default: all).")
    Instant until;

    @Option(names = "--window", paramLabel = "LISTS", description = "Only the most recent LISTS lists before the window end (default: all).")
    int window = Integer.MAX_VALUE;

    @Option(names = "--hold-back", description = "Share of the window's lists, the most recent, held back to compare on (default: ${DEFAULT-VALUE}).")
    double holdBack = 0.1;

    @Option(names = "--seed", description = "Training seed (default: ${DEFAULT-VALUE}).")
    long seed = RankingTrainer.Settings.defaults().seed();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        if (!(holdBack > 0 && holdBack < 1)) {
            err.println("--hold-back must be between 0 and 1, was " + holdBack);
            return EXIT_BAD_INPUT;
        }
        RankingLists lists;
        try {
            lists = ExampleLog.read(examples);
        } catch (NoSuchFileException e) {
            err.println(examples + ": no such file");
            return EXIT_BAD_INPUT;
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return EXIT_BAD_INPUT;
        }
        int end = until == null ? lists.lists() : lists.firstAtOrAfter(until.toEpochMilli());
        int start = Math.max(0, end - window);
        int test = end - (int) Math.round((end - start) * holdBack);
        if (test - start < 1 || end - test < 1) {
            err.printf("%s: %,d lists in the window, too few to train on and hold back %.0f %%%n", examples, end - start, holdBack * 100);
            return EXIT_BAD_INPUT;
        }
        err.printf(Locale.ROOT, "train-ranker: %,d lists in %s; window %s .. %s: training on %,d lists, held back the most recent %,d (from %s)%n",
                lists.lists(), examples, time(lists, start), time(lists, end - 1), test - start, end - test, time(lists, test));

        RankingTrainer.Settings settings = RankingTrainer.Settings.defaults().withSeed(seed);
        long began = System.nanoTime();
        RankingMlp mlp = RankingTrainer.train(lists, start, test, settings);
        err.printf(Locale.ROOT, "trained in %.1f s%n", (System.nanoTime() - began) / 1e9);

        ListMetrics trained = ListMetrics.of(mlp::score, !mlp.ranksRefind, lists, test, end, K);
        ListMetrics blend = ListMetrics.of(ListScorer.blend(), true, lists, test, end, K);
        ListMetrics current = blend;
        String liveVersion = BLEND;
        if (!live.equals(BLEND)) {
            try (RankingModel liveModel = RankingModel.load(live)) {
                liveVersion = liveModel.version();
                current = ListMetrics.of(liveModel::score, !liveModel.ranksRefind(), lists, test, end, K);
            } catch (ModelLoadException e) {
                err.println("the live model cannot be loaded: " + e.getMessage());
                return EXIT_BAD_INPUT;
            }
        }
        stdout.printf(Locale.ROOT, "held back %,d lists (each holds its target): %s %s | live %s %s | blend %s%n",
                end - test, name, trained, liveVersion, current, blend);

        if (trained.hits() <= current.hits()) {
            stdout.printf(Locale.ROOT, "not written: %s does not beat the live %s on the held-back lists (recall@10 %.4f <= %.4f)%n",
                    name, liveVersion, trained.recall(), current.recall());
            return 0;
        }
        ObjectMapper json = new ObjectMapper();
        ObjectNode training = json.createObjectNode()
                .put("source", examples.getFileName().toString())
                .put("kind", "ranking examples written by the job (evaluate --log-examples)")
                .put("lists", test - start)
                .put("from", time(lists, start))
                .put("until", time(lists, test - 1))
                .put("split", "the most recent " + Math.round(holdBack * 100) + " % of the window's lists held back");
        ObjectNode heldOut = json.createObjectNode()
                .put("lists", end - test)
                .put("from", time(lists, test))
                .put("until", time(lists, end - 1))
                .put("recall@10", round4(trained.recall()))
                .put("mrr@10", round4(trained.mrr()));
        heldOut.putObject("live").put("version", liveVersion)
                .put("recall@10", round4(current.recall())).put("mrr@10", round4(current.mrr()));
        heldOut.putObject("blend").put("recall@10", round4(blend.recall())).put("mrr@10", round4(blend.mrr()));
        Path written = publish(RankingModelArtifact.of(name, mlp, settings, training, heldOut));
        stdout.printf(Locale.ROOT, "written: %s beats the live %s (recall@10 %.4f > %.4f): %s%n",
                name, liveVersion, trained.recall(), current.recall(), written);
        return 0;
    }

    /**
     * Where a model that passed goes: the {@code --out} folder. A model store takes the same
     * name, version, ONNX bytes and metadata JSON.
     */
    private Path publish(RankingModelArtifact model) throws IOException {
        return model.writeTo(out);
    }

    private static String time(RankingLists lists, int list) {
        return Instant.ofEpochMilli(lists.time(list)).toString();
    }

    private static double round4(double v) {
        return Math.round(v * 1e4) / 1e4;
    }
}
