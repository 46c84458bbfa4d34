package io.recstream.job.cli;

import io.recstream.event.Event;
import io.recstream.job.evaluate.Evaluation;
import io.recstream.job.evaluate.EvaluationReport;
import io.recstream.job.evaluate.EvaluationResult;
import io.recstream.job.evaluate.FeatureLog;
import io.recstream.job.evaluate.ModelPreset;
import io.recstream.replay.RatingsFile;
import io.recstream.replay.RatingsFormat;

import org.apache.flink.configuration.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code ./recstream evaluate --ratings FILE}: prequential (test-then-train) quality of the
 * production job on a timestamped log. Progress goes to stderr; stdout gets exactly one line,
 * {@code recall@10=... mrr@10=... evaluated=... events=...}.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Replay a timestamped log through the job and measure recall@10 test-then-train.")
public final class EvaluateCommand implements Callable<Integer> {

    @Option(names = "--ratings", required = true,
            description = "MovieLens ratings.csv, MovieLens u.data, or a user,item,timestamp CSV.")
    Path ratings;

    @Option(names = "--format", description = "MOVIELENS_CSV, MOVIELENS_UDATA or GENERIC_CSV (default: detected).")
    RatingsFormat format;

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

    @Option(names = "--conf-dir", description = "Folder of the Flink config.yaml (default: ${DEFAULT-VALUE}).")
    Path confDir = Path.of("flink-conf");

    @Option(names = {"-D", "--set"}, description = "Override a configuration option, e.g. -D recstream.factors.dim=16.")
    Map<String, String> overrides = Map.of();

    @Override
    public Integer call() throws Exception {
        ModelPreset preset = ModelPreset.valueOf(model.toUpperCase(Locale.ROOT));
        List<Event> events = RatingsFile.read(ratings, format, minRating);
        System.err.printf("evaluate: %,d events from %s, model %s, parallelism %d%n",
                events.size(), ratings, model, parallelism);

        Configuration conf = Evaluation.configuration(confDir, Files.createTempDirectory("recstream-evaluate"), preset, events.size());
        overrides.forEach(conf::setString);

        long start = System.nanoTime();
        EvaluationResult result;
        try (FeatureLog featureLog = featureLogFile == null ? null : new FeatureLog(featureLogFile, 10)) {
            result = Evaluation.run(events, conf, parallelism, window, processed -> {
                double seconds = (System.nanoTime() - start) / 1e9;
                System.err.printf("  %,d / %,d events (%,.0f/s)%n", processed, events.size(), processed / Math.max(seconds, 1e-3));
            }, featureLog);
        }
        double seconds = (System.nanoTime() - start) / 1e9;

        Map<String, Object> run = new LinkedHashMap<>();
        run.put("ratings", ratings.toString());
        run.put("model", model);
        run.put("parallelism", parallelism);
        run.put("minRating", Double.isInfinite(minRating) ? null : minRating);
        run.put("seconds", seconds);
        run.put("configuration", conf.toMap());
        EvaluationReport.writeJson(result, run, report);
        EvaluationReport.writePlot(result, String.format(Locale.ROOT, "%s, model %s, parallelism %d: recall@10 %.4f",
                ratings.getFileName(), model, parallelism, result.recall), plot);
        System.err.printf("popularity recall@10 on the same events: %.4f; %.0f s; report %s, plot %s%n",
                result.popularityRecall, seconds, report, plot);
        System.out.println(result.summaryLine());
        return 0;
    }
}
