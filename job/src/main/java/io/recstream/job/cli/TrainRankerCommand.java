package io.recstream.job.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.recstream.job.ModelOptions;
import io.recstream.job.evaluate.ExampleLog;
import io.recstream.job.kafka.ModelStore;
import io.recstream.job.kafka.RankingExampleTopic;
import io.recstream.models.ModelKind;
import io.recstream.models.ModelLoadException;
import io.recstream.models.ModelVersion;
import io.recstream.models.RankingModel;
import io.recstream.ranking.ExampleLabeller;
import io.recstream.ranking.LabelledLists;
import io.recstream.ranking.ListMetrics;
import io.recstream.ranking.ListScorer;
import io.recstream.ranking.FeatureMask;
import io.recstream.ranking.RankingLists;
import io.recstream.ranking.RankingMlp;
import io.recstream.ranking.RankingModelArtifact;
import io.recstream.ranking.RankingTrainer;
import io.recstream.ranking.TrainingWindow;

import org.apache.flink.util.TimeUtils;

import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code ./recstream train-ranker}: trains a ranking model on a window of ranking examples, from a
 * file ({@code --examples}, written by {@code evaluate --log-examples}) or from the live job's
 * examples topic ({@code --topic}, {@code recstream.ranker.examples.topic}), holds back the most
 * recent lists of the window (by event time; {@link TrainingWindow}), and compares recall@10 and
 * MRR@10 on them of the new model, the live one and the blend alone. It hands the new model on
 * (to {@code --out}, and with {@code --publish} to the model store, from which the running job
 * serves it) only when it beats the live model's recall@10 there, and says why not otherwise:
 * both are a normal end (status 0), so a scheduled run that keeps the live model is no failure.
 */
@Command(name = "train-ranker", mixinStandardHelpOptions = true,
        description = "Train a ranking model on ranking examples; write or publish it only if it beats the live one on the most recent lists.")
public final class TrainRankerCommand implements Callable<Integer> {
    static final int EXIT_BAD_INPUT = CommandLine.ExitCode.USAGE;
    private static final int K = 10;
    /** {@code --live blend}: the job ranks by the blend alone (recstream.ranker.enabled false). */
    private static final String BLEND = "blend";
    /** {@code --live store}: the model store's latest ranking version, the blend when it has none. */
    private static final String STORE = "store";
    private static final DateTimeFormatter VERSION_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    @ArgGroup(multiplicity = "1")
    Source source;

    static final class Source {
        @Option(names = "--examples", required = true, description = "Ranking examples (evaluate --log-examples), .gz or plain CSV.")
        Path examples;

        @Option(names = "--topic", required = true, description = "The job's ranking-examples topic (recstream.ranker.examples.topic).")
        String topic;
    }

    @Option(names = "--bootstrap-servers", description = "Kafka brokers of --topic, --publish and --live store.")
    String bootstrapServers;

    @Option(names = "--out", description = "Folder to write <name>.onnx and <name>.json into.")
    Path out;

    @Option(names = "--publish", description = "Publish the model to the model store (--models-topic), from which the running job serves it.")
    boolean publish;

    @Option(names = "--models-topic", description = "The model store topic (default: ${DEFAULT-VALUE}).")
    String modelsTopic = ModelOptions.MODELS_TOPIC.defaultValue();

    @Option(names = "--name", description = "Model name and version (default: ranking-trained; with --publish "
            + "ranking-<window end, UTC, yyyyMMdd-HHmmss>, a new version each run).")
    String name;

    @Option(names = "--live", description = "The live model to beat: a model location; blend where the job runs without "
            + "a ranking model; store: the model store's latest ranking version, the blend when it has none "
            + "(default: store with --bootstrap-servers, otherwise the job's configured model, "
            + "classpath:models/ranking-v2.onnx).")
    String live;

    @Option(names = "--until", description = "Window end, exclusive: only lists of events, and labels, before this instant "
            + "(ISO-8601, e.g. 2004-05-26T00:00:00Z; default: just after the latest list).")
    Instant until;

    @Option(names = "--window", paramLabel = "LISTS|DURATION", description = "How much of the past before the window end: "
            + "the most recent LISTS lists, or the lists of a DURATION (7d, 12h; default: all).")
    String window;

    @Option(names = "--hold-back", description = "Share of the window's lists, the most recent, held back to compare on (default: ${DEFAULT-VALUE}).")
    double holdBack = 0.1;

    @Option(names = "--seed", description = "Training seed (default: ${DEFAULT-VALUE}).")
    long seed = RankingTrainer.Settings.defaults().seed();

    @Option(names = "--features", paramLabel = "COLUMNS", description = "Feature columns the model may learn from, "
            + "e.g. 0-14,16-18 (default: all); the others get no weight.")
    String features;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        if (!(holdBack > 0 && holdBack < 1)) {
            err.println("--hold-back must be between 0 and 1, was " + holdBack);
            return EXIT_BAD_INPUT;
        }
        if (out == null && !publish) {
            err.println("say where the model goes: --out DIR, --publish, or both");
            return EXIT_BAD_INPUT;
        }
        if (bootstrapServers == null && (source.topic != null || publish || STORE.equals(live))) {
            err.println("--topic, --publish and --live store need --bootstrap-servers");
            return EXIT_BAD_INPUT;
        }
        TrainingWindow.Span span;
        try {
            span = span(window);
        } catch (IllegalArgumentException e) {
            err.println("--window: " + e.getMessage());
            return EXIT_BAD_INPUT;
        }
        String from = source.examples != null ? source.examples.toString() : source.topic;
        LabelledLists all;
        try {
            all = source.examples != null ? LabelledLists.atListTime(ExampleLog.read(source.examples)) : readTopic(err);
        } catch (NoSuchFileException e) {
            err.println(source.examples + ": no such file");
            return EXIT_BAD_INPUT;
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return EXIT_BAD_INPUT;
        }
        RankingLists read = all.lists();
        long end = until != null ? until.toEpochMilli() : read.lists() == 0 ? 0 : read.latestTime(read.lists()) + 1;
        TrainingWindow w = TrainingWindow.of(all, end, span, holdBack);
        if (w == null) {
            err.printf("%s: %,d lists before %s, too few to train on and hold back %.0f %%%n", from, read.lists(),
                    Instant.ofEpochMilli(end), holdBack * 100);
            return EXIT_BAD_INPUT;
        }
        RankingLists lists = w.lists;
        int test = w.training;
        int total = lists.lists();
        err.printf(Locale.ROOT, "train-ranker: %,d lists in %s; window %s .. %s: training on %,d lists, held back the most recent %,d (from %s)%s%n",
                read.lists(), from, time(lists, 0), time(lists, total - 1), test, total - test, time(lists, test),
                w.labelledLate == 0 ? "" : String.format(Locale.ROOT, "; %,d lists before it labelled after it left out", w.labelledLate));

        FeatureMask mask;
        try {
            mask = features == null ? FeatureMask.all() : FeatureMask.parse(features);
        } catch (IllegalArgumentException e) {
            err.println("--features: " + e.getMessage());
            return EXIT_BAD_INPUT;
        }
        if (!mask.usesAll()) {
            err.println("left out of training: " + mask.leftOut());
        }
        RankingTrainer.Settings settings = RankingTrainer.Settings.defaults().withSeed(seed);
        long began = System.nanoTime();
        float[] unmasked = lists.features().clone(); // the live model and the blend are compared on the lists as they are
        mask.apply(lists);
        RankingMlp mlp = RankingTrainer.train(lists, 0, test, settings);
        System.arraycopy(unmasked, 0, lists.features(), 0, unmasked.length);
        err.printf(Locale.ROOT, "trained in %.1f s%n", (System.nanoTime() - began) / 1e9);

        ListMetrics trained = ListMetrics.of(mlp::score, !mlp.ranksRefind, lists, test, total, K);
        ListMetrics blend = ListMetrics.of(ListScorer.blend(), true, lists, test, total, K);
        ListMetrics current = blend;
        String liveVersion = BLEND;
        try (RankingModel liveModel = liveModel(err)) {
            if (liveModel != null) {
                liveVersion = liveModel.version();
                current = ListMetrics.of(liveModel::score, !liveModel.ranksRefind(), lists, test, total, K);
            }
        } catch (ModelLoadException e) {
            err.println("the live model cannot be loaded: " + e.getMessage());
            return EXIT_BAD_INPUT;
        }
        String version = name != null ? name : publish ? "ranking-" + VERSION_TIME.format(Instant.ofEpochMilli(end)) : "ranking-trained";
        stdout.printf(Locale.ROOT, "held back %,d lists (each holds its target): %s %s | live %s %s | blend %s%n",
                total - test, version, trained, liveVersion, current, blend);

        if (trained.hits() <= current.hits()) {
            stdout.printf(Locale.ROOT, "not %s: %s does not beat the live %s on the held-back lists (recall@10 %.4f <= %.4f)%n",
                    publish ? "published" : "written", version, liveVersion, trained.recall(), current.recall());
            return 0;
        }
        ObjectMapper json = new ObjectMapper();
        ObjectNode training = json.createObjectNode()
                .put("source", source.examples != null ? source.examples.getFileName().toString() : "topic " + source.topic)
                .put("kind", source.examples != null ? "ranking examples written by the job (evaluate --log-examples)"
                        : "ranking examples written by the live job (recstream.ranker.examples.topic)")
                .put("lists", test)
                .put("from", time(lists, 0))
                .put("until", time(lists, test - 1))
                .put("split", "the most recent " + Math.round(holdBack * 100) + " % of the window's lists held back; "
                        + "trained on lists listed and labelled before the first of them");
        ObjectNode heldOut = json.createObjectNode()
                .put("lists", total - test)
                .put("from", time(lists, test))
                .put("until", time(lists, total - 1))
                .put("recall@10", round4(trained.recall()))
                .put("mrr@10", round4(trained.mrr()));
        heldOut.putObject("live").put("version", liveVersion)
                .put("recall@10", round4(current.recall())).put("mrr@10", round4(current.mrr()));
        heldOut.putObject("blend").put("recall@10", round4(blend.recall())).put("mrr@10", round4(blend.mrr()));
        String where = publish(RankingModelArtifact.of(version, mlp, settings, training, heldOut));
        stdout.printf(Locale.ROOT, "%s: %s beats the live %s (recall@10 %.4f > %.4f): %s%n",
                publish ? "published" : "written", version, liveVersion, trained.recall(), current.recall(), where);
        return 0;
    }

    /**
     * Where a model that passed goes: the {@code --out} folder, and with {@code --publish} the
     * model store, whose running job checks it and serves it without a restart.
     */
    private String publish(RankingModelArtifact model) throws IOException, InterruptedException {
        List<String> places = new ArrayList<>();
        if (out != null) {
            places.add(model.writeTo(out).toString());
        }
        if (publish) {
            try (ModelStore store = new ModelStore(bootstrapServers, modelsTopic)) {
                places.add(store.publish(ModelKind.RANKING.storeName(), model.version(), model.onnx(), model.metadataJson())
                        + " on " + modelsTopic);
            }
        }
        return String.join(" and ", places);
    }

    private LabelledLists readTopic(PrintWriter err) {
        ExampleLabeller labeller = new ExampleLabeller();
        RankingExampleTopic topic = new RankingExampleTopic(bootstrapServers, source.topic);
        long records = topic.read(labeller::accept);
        LabelledLists lists = labeller.lists();
        err.printf(Locale.ROOT, "%s: %,d records, %,d lists labelled by the user's next interaction and holding it; "
                        + "%,d not holding it, %,d awaiting an interaction, %,d after a gap in the user's events, "
                        + "%,d of another feature layout, %,d unreadable%s%n",
                source.topic, records, lists.lists().lists(), labeller.withoutTarget(), labeller.waiting(), labeller.broken(),
                labeller.otherLayout(), topic.unreadable(), topic.unreadable() == 0 ? "" : " (first: " + topic.firstProblem() + ")");
        return lists;
    }

    /** The model to beat, null for the blend. */
    private RankingModel liveModel(PrintWriter err) {
        String location = live != null ? live : bootstrapServers != null ? STORE : ModelOptions.RANKER_MODEL.defaultValue();
        if (location.equals(BLEND)) {
            return null;
        }
        if (location.equals(STORE)) {
            ModelVersion served = ModelStore.latest(bootstrapServers, modelsTopic, ModelKind.RANKING.storeName());
            if (served == null) {
                err.println("the model store " + modelsTopic + " holds no ranking model: the live one is the blend");
                return null;
            }
            return RankingModel.fromVersion(served, 1, 1);
        }
        return RankingModel.load(location);
    }

    private static TrainingWindow.Span span(String window) {
        if (window == null) {
            return TrainingWindow.Span.all();
        }
        if (window.chars().allMatch(Character::isDigit)) {
            int lists = Integer.parseInt(window);
            if (lists < 2) {
                throw new IllegalArgumentException("at least 2 lists, was " + window);
            }
            return TrainingWindow.Span.ofLists(lists);
        }
        return TrainingWindow.Span.ofMillis(TimeUtils.parseDuration(window).toMillis());
    }

    private static String time(RankingLists lists, int list) {
        return Instant.ofEpochMilli(lists.time(list)).toString();
    }

    private static double round4(double v) {
        return Math.round(v * 1e4) / 1e4;
    }
}
