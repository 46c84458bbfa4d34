package io.recstream.bench.e2e;

import io.recstream.job.LearningOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The end-to-end benchmark (docs/BENCHMARKS.md): the real job graph on a MiniCluster, fed by the
 * synthetic generator or through the embedded Kafka broker, next to the bare skeleton and the
 * tight loop of the same run, every figure printed as a ratio to them.
 */
@Command(name = "end-to-end", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Sustained events/s, events/s per core and list latency of the job against its bare references.")
public final class EndToEnd implements Callable<Integer> {
    static final List<String> DEFAULT_RUNS = List.of("loop", "source:heap:1",
            "skeleton:heap:1", "skeleton:rocksdb:1", "skeleton:heap:2", "skeleton:rocksdb:2",
            "job:heap:1", "job:rocksdb:1+state", "job:heap:2", "job:rocksdb:2+latency",
            "kafka:heap:1", "kafka:rocksdb:1", "kafka:heap:2", "kafka:rocksdb:2+latency");

    @Option(names = "--run", split = ",", paramLabel = "SPEC",
            description = "Runs, in order, as scenario:backend:parallelism[+latency][+state]; scenarios loop (alone), source, "
                    + "skeleton, job, kafka, catalogue; backends heap, rocksdb (default: all of ${DEFAULT-VALUE}).")
    List<String> runs = DEFAULT_RUNS;

    @Option(names = "--warm-up", description = "Seconds of each run before the window (default: ${DEFAULT-VALUE}).")
    int warmUpSeconds = 60;

    @Option(names = "--seconds", description = "Seconds of each measured window (default: ${DEFAULT-VALUE}).")
    int seconds = 20;

    @Option(names = "--users", description = "Synthetic users (default: ${DEFAULT-VALUE}).")
    int users = 10_000;

    @Option(names = "--items-per-category", description = "Synthetic items per category, 13 categories (default: ${DEFAULT-VALUE}).")
    int itemsPerCategory = 100;

    @Option(names = "--seed", description = "Seed of the synthetic generator (default: ${DEFAULT-VALUE}).")
    long seed = 42;

    @Option(names = "--kafka-events", description = "Events put in the topic before a kafka throughput run (default: ${DEFAULT-VALUE}).")
    long kafkaEvents = 3_000_000; // the 60 s warm-up takes 1.2 M at 20,000 events/s: the window needs its own

    @Option(names = "--catalogue-items", description = "Items fed to the replicas in a catalogue run (default: ${DEFAULT-VALUE}).")
    int catalogueItems = 1_000_000;

    @Option(names = "--catalogue-neighbours", description = "Co-occurring neighbours of each catalogue item (default: ${DEFAULT-VALUE}).")
    int catalogueNeighbours = 10;

    @Option(names = "--latency-rate", description = "Events/s of the latency runs; given, a +latency run measures latency only, "
            + "at this rate, so builds or settings compare at one load (default: half of the same run's maximum).")
    Double latencyRate;

    @Option(names = "--latency-slices", description = "Write each latency run's 10 ms slices (wall-clock start, lists, lists over "
            + "50 ms, slowest) to <this path>-<run number>.csv, to line them up with the checkpoints' times from the REST API.")
    Path latencySlices;

    @Option(names = "--conf-dir", description = "Folder of the Flink config.yaml (default: ${DEFAULT-VALUE}).")
    Path confDir = Path.of("flink-conf");

    @Option(names = {"-D", "--set"}, description = "Override a configuration option, e.g. -D recstream.ranker.enabled=false.")
    Map<String, String> overrides = new LinkedHashMap<>();

    public static void main(String[] args) {
        // before anything logs: Flink and Kafka go to a file, the figures to the console
        Path log4j = Path.of("flink-conf", "log4j-local.properties");
        if (System.getProperty("log4j2.configurationFile") == null && Files.isRegularFile(log4j)) {
            System.setProperty("log4j2.configurationFile", log4j.toAbsolutePath().toString());
        }
        System.exit(new CommandLine(new EndToEnd()).execute(args));
    }

    private static void measureLatency(Harness harness, Report report, RunSpec spec, double rate, String why) throws Exception {
        System.out.printf("%s at %,.0f events/s (%s) ...%n", spec, rate, why);
        Harness.Latency latency = harness.latency(spec, rate);
        report.add(spec, latency);
        System.out.printf("  %s%n", Report.describe(latency));
    }

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(confDir.resolve("config.yaml"))) {
            // without it every run would measure Flink's defaults (no checkpoints, no compression), not production
            System.err.printf("no %s: run from the repository root, or give --conf-dir%n", confDir.resolve("config.yaml"));
            return 2;
        }
        List<RunSpec> specs = new ArrayList<>();
        for (String run : runs) {
            specs.add(RunSpec.parse(run));
        }
        System.out.printf("RecStream end-to-end benchmark, %s, %d cores, %s, Java %s%n", LocalDateTime.now().withNano(0),
                Runtime.getRuntime().availableProcessors(), confDir.resolve("config.yaml"), System.getProperty("java.version"));
        System.out.printf("warm-up %d s, window %d s, %,d users, %d items per category, overrides %s%n",
                warmUpSeconds, seconds, users, itemsPerCategory, overrides);
        System.out.printf("%s%n%n", HeapSetup.ofThisJvm().describe());
        Harness harness = new Harness(new Harness.Settings(confDir, overrides, users, itemsPerCategory, seed,
                Duration.ofSeconds(warmUpSeconds), Duration.ofSeconds(seconds), kafkaEvents, latencySlices));
        Report report = new Report("false".equalsIgnoreCase(overrides.get(LearningOptions.LIVE_LISTS.key())));
        try {
            for (RunSpec spec : specs) {
                System.out.printf("%s ...%n", spec);
                if (spec.scenario() == RunSpec.Scenario.CATALOGUE) {
                    Harness.CatalogueFigures catalogue = harness.catalogue(spec, catalogueItems, catalogueNeighbours);
                    report.add(spec, catalogue);
                    System.out.printf("  %s%n", Report.describe(catalogue));
                    continue;
                }
                if (spec.latency() && latencyRate != null) {
                    measureLatency(harness, report, spec, latencyRate, "as given");
                    continue;
                }
                Figures figures = harness.throughput(spec);
                report.add(spec, figures);
                System.out.printf("  %s%n", Report.describe(figures));
                if (!figures.threadCpuNanos().isEmpty()) {
                    System.out.printf("  %s%n", Report.describeThreads(figures, 6));
                    if (spec.scenario() == RunSpec.Scenario.KAFKA) {
                        System.out.printf("  %s%n", Report.describeKafka(figures));
                    }
                    System.out.printf("  %s%n", Report.describeJvm(figures));
                    if (!figures.caches().equals(CacheCounts.NONE)) { // the skeleton and the heap backend have no caches
                        System.out.printf("  %s%n", Report.describeCaches(figures));
                    }
                }
                if (spec.state()) {
                    System.out.printf("%s with savepoints at the end ...%n", spec);
                    List<StateSizes.Sizes> sizes = harness.stateSizes(spec);
                    report.add(spec, sizes);
                    sizes.forEach(s -> System.out.printf("  %s%n", Report.describe(s)));
                }
                if (spec.latency()) {
                    measureLatency(harness, report, spec, figures.perSecond() / 2, "half its maximum");
                }
            }
        } finally {
            harness.deleteScratch();
        }
        report.print(System.out);
        return 0;
    }
}
