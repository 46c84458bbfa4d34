package io.recstream.job.cli;

import io.recstream.event.Event;
import io.recstream.job.RecStreamOptions;
import io.recstream.job.kafka.Json;
import io.recstream.job.local.EmbeddedKafka;
import io.recstream.job.local.EventProducer;
import io.recstream.job.local.LocalFlink;
import io.recstream.job.local.LocalRun;
import io.recstream.job.local.QualityTally;
import io.recstream.job.local.TopicWatcher;
import io.recstream.recommend.Recommendation;
import io.recstream.replay.RatingsFile;
import io.recstream.synthetic.SyntheticCatalog;
import io.recstream.synthetic.SyntheticEventGenerator;

import org.apache.flink.configuration.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * {@code ./recstream demo}: the whole product on one machine. An in-JVM Kafka broker, the job on
 * a local Flink with its web UI, events from the synthetic generator (or a ratings file), and a
 * report every few seconds of throughput, dead letters, hit rate@10 of the model against
 * popularity alone, and the current lists of a few users as a SQL client would read them.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the job on an embedded Kafka and a local Flink, fed by the synthetic generator.")
public final class DemoCommand implements Callable<Integer> {
    private static final int SAMPLE_USERS = 3;

    @Option(names = "--events", description = "Stop after this many events (default: until Ctrl-C).")
    long events = Long.MAX_VALUE;

    @Option(names = "--rate", description = "Events per second fed to Kafka (default: ${DEFAULT-VALUE}; 0 = as fast as possible).")
    double rate = 2000;

    @Option(names = "--users", description = "Synthetic users (default: ${DEFAULT-VALUE}).")
    int users = 2000;

    @Option(names = "--seed", description = "Seed of the synthetic generator (default: ${DEFAULT-VALUE}).")
    long seed = 42;

    @Option(names = "--ratings", description = "Replay this ratings file (MovieLens ratings.csv or u.data) instead of synthetic events.")
    Path ratings;

    @Option(names = "--parallelism", description = "Parallelism of the job (default: ${DEFAULT-VALUE}).")
    int parallelism = 2;

    @Option(names = "--report-every", description = "Seconds between progress reports (default: ${DEFAULT-VALUE}).")
    int reportEverySeconds = 5;

    @Option(names = "--conf-dir", description = "Folder of the Flink config.yaml (default: ${DEFAULT-VALUE}).")
    Path confDir = Path.of("flink-conf");

    @Option(names = {"-D", "--set"}, description = "Override a configuration option, e.g. -D recstream.factors.dim=16.")
    Map<String, String> overrides = Map.of();

    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean interrupted;

    @Override
    public Integer call() throws Exception {
        Path scratch = Files.createTempDirectory("recstream-demo");
        Thread hook = new Thread(() -> {
            interrupted = true;
            awaitQuietly(finished, 30);
        });
        Runtime.getRuntime().addShutdownHook(hook);
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            Configuration conf = LocalFlink.baseConfiguration(confDir, scratch);
            conf.set(RecStreamOptions.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
            conf.setString("execution.checkpointing.interval", "2s"); // lists become visible per checkpoint
            conf.setString("parallelism.default", String.valueOf(parallelism));
            overrides.forEach(conf::setString);
            conf.set(RecStreamOptions.JOB_NAME, "recstream-demo");
            LocalRun.createTopics(kafka, conf, parallelism);

            LocalRun run = LocalRun.start(conf, false, true);
            System.out.printf("Flink web UI: http://localhost:%d  (job %s)%n", run.webUiPort(), run.job().getJobID());
            System.out.printf("Kafka: %s  topics: events, events-dlq, item-factors, recommendations%n", kafka.bootstrapServers());

            Feed feed = feed();
            try (EventProducer producer = new EventProducer(kafka.bootstrapServers(), conf.get(RecStreamOptions.EVENTS_TOPIC),
                         feed.events, events, rate, sent -> sent > 0 && sent % 997 == 0 ? badRecord(sent) : null);
                 TopicWatcher<Recommendation> lists = new TopicWatcher<>(kafka.bootstrapServers(),
                         conf.get(RecStreamOptions.RECOMMENDATIONS_TOPIC), bytes -> Json.readOrNull(bytes, Recommendation.class))
                         .startInBackground("recommendations-watcher");
                 TopicWatcher<byte[]> deadLetters = new TopicWatcher<>(kafka.bootstrapServers(),
                         conf.get(RecStreamOptions.DEAD_LETTER_TOPIC), Function.identity())
                         .startInBackground("dead-letter-watcher");
                 LocalRun job = run) {
                background(producer, "event-producer");
                QualityTally tally = new QualityTally();
                background(() -> LocalRun.drain(job.quality(), tally::add), "quality-collector");
                report(tally, producer, lists, deadLetters, feed);
            }
            return 0;
        } finally {
            finished.countDown();
            if (!interrupted) {
                Runtime.getRuntime().removeShutdownHook(hook);
            }
        }
    }

    private void report(QualityTally tally, EventProducer producer, TopicWatcher<Recommendation> lists,
                        TopicWatcher<byte[]> deadLetters, Feed feed) throws InterruptedException {
        long start = System.nanoTime();
        long lastEvents = 0;
        long lastReport = start;
        while (!interrupted && tally.events() < events) {
            TimeUnit.MILLISECONDS.sleep(200); // pacing the console, not synchronisation
            long now = System.nanoTime();
            if (now - lastReport < reportEverySeconds * 1_000_000_000L) {
                continue;
            }
            QualityTally.Snapshot s = tally.snapshotAndResetWindow();
            double seconds = (now - lastReport) / 1e9;
            System.out.printf("%n[%4ds] events learned %,d (%,.0f/s)  produced %,d  dead letters %,d  lists published %,d%n",
                    (now - start) / 1_000_000_000L, s.events(), (s.events() - lastEvents) / seconds, producer.sent(),
                    deadLetters.records(), lists.records());
            System.out.printf("        hit rate@10: model %.3f (last %ds %.3f)  popularity %.3f (last %ds %.3f)  mrr@10 %.3f  evaluated %,d%n",
                    s.hitRate(), reportEverySeconds, s.windowHitRate(), s.popularityHitRate(), reportEverySeconds,
                    s.windowPopularityHitRate(), s.mrr(), s.evaluated());
            for (String user : feed.sampleUsers(lists)) {
                Recommendation r = lists.latest(user);
                if (r != null) {
                    System.out.printf("        %-12s %-22s v%-4d %s%n", user, feed.describe(user), r.version, itemsOf(r));
                }
            }
            lastEvents = s.events();
            lastReport = now;
        }
        QualityTally.Snapshot s = tally.snapshotAndResetWindow();
        System.out.printf("%nFinal: events=%d evaluated=%d hit-rate@10 model=%.4f popularity=%.4f mrr@10=%.4f%n",
                s.events(), s.evaluated(), s.hitRate(), s.popularityHitRate(), s.mrr());
    }

    private static String itemsOf(Recommendation r) {
        StringBuilder sb = new StringBuilder();
        for (Recommendation.ScoredItem item : r.items) {
            sb.append(item.item).append(' ');
        }
        return sb.toString().trim();
    }

    /** Every 997th record a malformed one, so the dead-letter path shows in the report. */
    private static byte[] badRecord(long sent) {
        String[] bad = {"not json at all", "{\"user\":\"u\",\"type\":\"teleport\",\"item\":\"x\",\"ts\":1}",
                "{\"type\":\"view\",\"item\":\"books-0001\",\"ts\":1700000000000}"};
        return bad[(int) (sent / 997 % bad.length)].getBytes(StandardCharsets.UTF_8);
    }

    private Feed feed() throws java.io.IOException {
        if (ratings != null) {
            List<Event> replay = RatingsFile.read(ratings);
            System.out.printf("Replaying %,d ratings from %s%n", replay.size(), ratings);
            return new Feed(replay.iterator(), null);
        }
        SyntheticEventGenerator generator = SyntheticEventGenerator.builder()
                .users(users).seed(seed).startTime(System.currentTimeMillis() - 3_600_000L).build();
        return new Feed(generator, generator);
    }

    /** Where events come from, and how to describe a user of that source. */
    private static final class Feed {
        final Iterator<Event> events;
        final SyntheticEventGenerator synthetic;

        Feed(Iterator<Event> events, SyntheticEventGenerator synthetic) {
            this.events = events;
            this.synthetic = synthetic;
        }

        List<String> sampleUsers(TopicWatcher<Recommendation> lists) {
            List<Map.Entry<String, Recommendation>> all = new ArrayList<>(lists.latestByKey().entrySet());
            all.sort(Comparator.comparingLong((Map.Entry<String, Recommendation> e) -> -e.getValue().version)
                    .thenComparing(Map.Entry::getKey));
            List<String> top = new ArrayList<>();
            for (int n = 0; n < Math.min(SAMPLE_USERS, all.size()); n++) {
                top.add(all.get(n).getKey());
            }
            return top;
        }

        String describe(String user) {
            if (synthetic == null) {
                return "";
            }
            return "(likes " + synthetic.favouriteCategory(user) + ")";
        }
    }

    private static void background(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void awaitQuietly(CountDownLatch latch, int seconds) {
        try {
            latch.await(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String categoryOf(String item) {
        return SyntheticCatalog.categoryOf(item);
    }
}
