package io.recstream.job.cli;

import io.recstream.event.Event;
import io.recstream.job.evaluate.Evaluation;
import io.recstream.job.evaluate.EvaluationReport;
import io.recstream.job.evaluate.EvaluationResult;
import io.recstream.job.evaluate.ExampleLog;
import io.recstream.job.evaluate.FeatureLog;
import io.recstream.job.evaluate.ModelPreset;
import io.recstream.job.evaluate.Retraining;
import io.recstream.recommend.CandidateList;
import io.recstream.replay.BadLineException;
import io.recstream.replay.BadLines;
import io.recstream.replay.RatingsFile;
import io.recstream.replay.RatingsFormat;

import org.apache.flink.configuration.Configuration;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * {@code ./recstream evaluate --ratings FILE}: prequential (test-then-train) quality of the
 * production job on a timestamped log. Progress goes to stderr; stdout gets exactly one line,
 * {@link EvaluationResult#summaryLine()}: recall@10 and MRR@10 over every event of a known user
 * and over new items only, and the repeat share. A log that cannot be read exits with
 * {@value #EXIT_BAD_INPUT} after one line on stderr.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Replay a timestamped log through the job and measure recall@10 test-then-train.")
public final class EvaluateCommand implements Callable<Integer> {
    /** Exit status when the log cannot be evaluated (picocli's, for input it cannot use). */
    static final int EXIT_BAD_INPUT = CommandLine.ExitCode.USAGE;
    /** Exit status when a retrained model ranked an event it was trained on (a bug, never expected). */
    static final int EXIT_WINDOW_OVERLAP = CommandLine.ExitCode.SOFTWARE;

    @Option(names = "--ratings", required = true,
            description = "MovieLens ratings.csv or u.data, or a user,item[,type],timestamp CSV (timestamps in "
                    + "seconds, milliseconds or ISO-8601).")
    Path ratings;

    @Option(names = "--format", description = "MOVIELENS_CSV, MOVIELENS_UDATA, GENERIC_CSV or TYPED_CSV (default: detected).")
    RatingsFormat format;

    @Option(names = "--skip-bad-lines",
            description = "Skip lines that cannot be read, count and report them (default: stop at the first, exit status 2).")
    boolean skipBadLines;

    @Option(names = "--min-rating", description = "Keep only ratings at or above this (default: all).")
    double minRating = RatingsFile.ALL_RATINGS;

    @Option(names = "--parallelism", description = "Parallelism of the job (default: ${DEFAULT-VALUE}).")
    int parallelism = 1;

    @Option(names = "--model", description = "default, isgd, pop, factor or cooc (default: ${DEFAULT-VALUE}).")
    String model = "default";

    @Option(names = "--window", description = "Events per window of the report and plot (default: ${DEFAULT-VALUE}).")
    int window = 5000;

    @Option(names = "--report", description = "JSON report (default: ${DEFAULT-VALUE}).")
    Path report = Path.of("evaluation-report.json");

    @Option(names = "--plot", description = "PNG plot of recall@10 over the stream (default: ${DEFAULT-VALUE}).")
    Path plot = Path.of("evaluation-recall.png");

    @Option(names = "--log-features", description = "Write the ranking model's training data (CSV) here.")
    Path featureLogFile;

    @Option(names = "--log-examples",
            description = "Write ranking examples here (CSV, gzipped if it ends in .gz): every candidate of each "
                    + "evaluated list that holds the user's next item, for train-ranker.")
    Path exampleLogFile;

    @Option(names = "--retrain-every", paramLabel = "N",
            description = "Rank with a model retrained in the replay every N evaluated events on earlier events "
                    + "only, instead of the ranking model (parallelism 1 keeps the order exact).")
    int retrainEvery;

    @Option(names = "--conf-dir", description = "Folder of the Flink config.yaml (default: ${DEFAULT-VALUE}).")
    Path confDir = Path.of("flink-conf");

    @Option(names = {"-D", "--set"}, description = "Override a configuration option, e.g. -D recstream.factors.dim=16.")
    Map<String, String> overrides = Map.of();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        ModelPreset preset = ModelPreset.valueOf(model.toUpperCase(Locale.ROOT));
        PrintWriter err = spec.commandLine().getErr();
        BadLines badLines = skipBadLines ? BadLines.skip() : BadLines.stop();
        List<Event> events = readLog(badLines, err);
        if (events == null) {
            return EXIT_BAD_INPUT;
        }
        err.printf("evaluate: %,d events from %s, model %s, parallelism %d%n", events.size(), ratings, model, parallelism);

        Configuration conf = Evaluation.configuration(confDir, Files.createTempDirectory("recstream-evaluate"), preset, events.size());
        overrides.forEach(conf::setString);

        long start = System.nanoTime();
        EvaluationResult result;
        Retraining retraining = retrainEvery > 0 ? new Retraining(retrainEvery) : null;
        try (FeatureLog featureLog = featureLogFile == null ? null : new FeatureLog(featureLogFile, 10);
             ExampleLog exampleLog = exampleLogFile == null ? null : new ExampleLog(exampleLogFile)) {
            Consumer<CandidateList> lists = null;
            if (featureLog != null) {
                lists = featureLog::write;
            }
            if (exampleLog != null) {
                lists = lists == null ? exampleLog : lists.andThen(exampleLog);
            }
            result = Evaluation.run(events, conf, parallelism, window, processed -> {
                double seconds = (System.nanoTime() - start) / 1e9;
                err.printf("  %,d / %,d events (%,.0f/s)%n", processed, events.size(), processed / Math.max(seconds, 1e-3));
            }, lists, retraining);
            if (exampleLog != null) {
                err.printf("ranking examples: %,d lists written to %s (%,d evaluated lists did not hold their target)%n",
                        exampleLog.lists(), exampleLogFile, exampleLog.withoutTarget());
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;

        Map<String, Object> run = new LinkedHashMap<>();
        run.put("ratings", ratings.toString());
        run.put("model", model);
        run.put("parallelism", parallelism);
        run.put("minRating", Double.isInfinite(minRating) ? null : minRating);
        run.put("skippedLines", badLines.skipped());
        run.put("seconds", seconds);
        run.put("retrainEvery", retraining == null ? null : retrainEvery);
        if (retraining != null) {
            run.put("retraining", retraining.models());
        }
        run.put("configuration", conf.toMap());
        EvaluationReport.writeJson(result, run, report);
        EvaluationReport.writePlot(result, String.format(Locale.ROOT, "%s, model %s, parallelism %d: recall@10 %.4f (new items only %.4f)",
                ratings.getFileName(), model, parallelism, result.everyEvent.recall(), result.newItems.recall()), plot);
        err.printf("popularity recall@10 on the same events: %.4f (new items only %.4f); %.0f s; report %s, plot %s%n",
                result.everyEvent.popularityRecall(), result.newItems.popularityRecall(), seconds, report, plot);
        if (retraining != null && !reportRetraining(retraining, err)) {
            return EXIT_WINDOW_OVERLAP;
        }
        spec.commandLine().getOut().println(result.summaryLine());
        return 0;
    }

    /** Prints each model's training window against the events it ranked; false if one overlaps them. */
    private static boolean reportRetraining(Retraining retraining, PrintWriter err) {
        List<Retraining.Model> models = retraining.models();
        err.printf("retraining every %,d evaluated events: %d models%n", retraining.every, models.size());
        for (Retraining.Model m : models) {
            err.printf(Locale.ROOT, "  %-13s after %,7d lists: trained on %,6d lists up to %s; ranked %,6d lists from %s%s%n",
                    m.version(), m.atList(), m.trainedLists(), Instant.ofEpochMilli(m.trainedUpTo()), m.rankedLists(),
                    m.rankedLists() == 0 ? "-" : Instant.ofEpochMilli(m.firstRanked()),
                    m.trainedBeforeItsEvents() ? "" : "  TRAINED ON EVENTS IT RANKED");
        }
        return retraining.everyWindowEndsBeforeItsEvents();
    }

    /**
     * The log's events, the skipped lines reported on {@code err}; null when the log cannot be
     * evaluated, after one line on {@code err} saying why ({@code FILE:LINE: what is wrong}).
     */
    List<Event> readLog(BadLines badLines, PrintWriter err) {
        List<Event> events;
        try {
            events = RatingsFile.read(ratings, format, minRating, badLines);
        } catch (BadLineException e) {
            err.println(e.getMessage());
            return null;
        } catch (NoSuchFileException e) {
            err.println(ratings + ": no such file");
            return null;
        } catch (IOException e) {
            err.println(ratings + ": cannot read: " + e);
            return null;
        }
        if (badLines.skipped() > 0) {
            err.printf("evaluate: skipped %,d bad lines of %s%s%n", badLines.skipped(), ratings,
                    badLines.skipped() > badLines.examples().size() ? ", the first " + badLines.examples().size() + ":" : ":");
            badLines.examples().forEach(line -> err.println("  " + line));
        }
        if (events.isEmpty()) {
            err.println(ratings + ": no events to evaluate");
            return null;
        }
        return events;
    }
}
