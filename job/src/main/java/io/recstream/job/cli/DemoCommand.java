package io.recstream.job.cli;

import io.recstream.event.Event;
import io.recstream.event.UserId;
import io.recstream.experiment.BucketMetrics;
import io.recstream.job.ExperimentOptions;
import io.recstream.job.RecStreamOptions;
import io.recstream.job.kafka.Json;
import io.recstream.job.local.EmbeddedKafka;
import io.recstream.job.local.EventProducer;
import io.recstream.job.local.LearnedRate;
import io.recstream.job.local.LocalFlink;
import io.recstream.job.local.LocalRun;
import io.recstream.job.local.PerUserHour;
import io.recstream.job.local.PublishedList;
import io.recstream.job.local.QualityTally;
import io.recstream.job.local.TopicWatcher;
import io.recstream.recommend.Recommendation;
import io.recstream.replay.RatingsFile;
import io.recstream.synthetic.SyntheticCatalog;
import io.recstream.synthetic.SyntheticEventGenerator;

import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * {@code ./recstream demo}: the whole product on one machine. An in-JVM Kafka broker, the job on
 * a local Flink with its web UI, events from the synthetic generator (or a ratings file), and a
 * report every few seconds of throughput, dead letters, hit rate@10 of the model against
 * popularity alone, the current lists of a few users as a SQL client would read them, and the
 * stickiness of two experiment buckets side by side (see {@link #DEMO_BUCKETS}).
 *
 * <p>Every record is accounted for: the producer counts what the broker acknowledged and what it
 * refused (with the first error), the job's outcome counts (released per completed checkpoint)
 * what it learned, the dead-letter topic what it rejected; the run ends when acknowledged =
 * learned + dead letters, or says how many are missing and why. The producer stays at most {@code --max-ahead} records ahead
 * of what the job has taken, so {@code --rate 0} runs as fast as the job learns.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the job on an embedded Kafka and a local Flink, fed by the synthetic generator.")
public final class DemoCommand implements Callable<Integer> {
    private static final int SAMPLE_USERS = 3;
    private static final com.sun.management.OperatingSystemMXBean PROCESS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    /** Lists become visible and events count as learned per checkpoint: often, while you watch. */
    static final Duration CHECKPOINT_INTERVAL = Duration.ofSeconds(2);
    /** The demo's experiment unless -D sets recstream.experiment.buckets: the ranking model off against on. */
    private static final Map<String, String> DEMO_BUCKETS = Map.of(
            ExperimentOptions.BUCKETS.key(), "blend:50,ranked:50",
            "recstream.experiment.bucket.blend.ranker.enabled", "false",
            "recstream.experiment.bucket.ranked.ranker.enabled", "true");

    @Option(names = "--events", description = "Send this many events, then end once the job has learned or dead-lettered each (default: until Ctrl-C).")
    long events = Long.MAX_VALUE;

    @Option(names = "--rate", description = "Events per second fed to Kafka (default: ${DEFAULT-VALUE}; 0 = as fast as the job takes them).")
    double rate = 2000;

    /**
     * The job's outcomes are released per completed checkpoint, so the producer must be let run
     * ahead by what the job learns over a few checkpoint cycles ({@link #CHECKPOINT_INTERVAL} apart,
     * each taking a second or more): with 20,000 the demo learned at most 20,000 events per cycle,
     * about 7,400 events/s.
     */
    @Option(names = "--max-ahead", description = "Most records sent but not yet learned or dead-lettered by the job (default: ${DEFAULT-VALUE}).")
    int maxAhead = 200_000;

    @Option(names = "--give-up-after", description = "Seconds without a record learned or dead-lettered, while some are outstanding, "
            + "before the run ends and reports them (default: ${DEFAULT-VALUE}).")
    int giveUpAfterSeconds = 60;

    /**
     * A 300,000-event run at full speed learns its first third while the JIT still compiles the
     * job's path (a quarter of such a run's CPU): the rate after them is the one the job keeps.
     */
    @Option(names = "--warm-up-events", description = "Events learned before the rate since warm-up starts (default: ${DEFAULT-VALUE}).")
    long warmUpEvents = 100_000;

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

    @Spec
    CommandSpec spec;

    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean interrupted;

    @Override
    public Integer call() throws Exception {
        if (maxAhead < 1 || giveUpAfterSeconds < 1 || warmUpEvents < 0) {
            throw new ParameterException(spec.commandLine(), "--max-ahead and --give-up-after must be at least 1, --warm-up-events at least 0");
        }
        Path scratch = Files.createTempDirectory("recstream-demo");
        Thread hook = new Thread(() -> {
            interrupted = true;
            awaitQuietly(finished, 30);
        });
        Runtime.getRuntime().addShutdownHook(hook);
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            Configuration conf = LocalFlink.baseConfiguration(confDir, scratch);
            conf.set(RecStreamOptions.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
            conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, CHECKPOINT_INTERVAL);
            conf.setString("parallelism.default", String.valueOf(parallelism));
            conf.set(ExperimentOptions.WINDOW, Duration.ofSeconds(30)); // figures while you watch
            if (!overrides.containsKey(ExperimentOptions.BUCKETS.key())) {
                DEMO_BUCKETS.forEach(conf::setString);
            }
            overrides.forEach(conf::setString);
            conf.set(RecStreamOptions.JOB_NAME, "recstream-demo");
            LocalRun.createTopics(kafka, conf, parallelism);

            LocalRun run = LocalRun.startLiveCounting(conf);
            System.out.printf("Flink web UI: http://localhost:%d  (job %s)%n", run.webUiPort(), run.job().getJobID());
            System.out.printf("Kafka: %s  topics: events, events-dlq, item-factors, recommendations, recstream-metrics%n",
                    kafka.bootstrapServers());

            Feed feed = feed();
            PerUserHour versions = new PerUserHour();
            // A permit per record sent and not yet taken by the job: learned (counted in a completed
            // checkpoint's outcome counts) or dead-lettered. Failed sends give theirs back in the producer.
            Semaphore room = new Semaphore(maxAhead);
            try (EventProducer producer = new EventProducer(EventProducer.kafkaProducer(kafka.bootstrapServers()),
                         conf.get(RecStreamOptions.EVENTS_TOPIC), feed.counted(), events, rate,
                         sent -> sent > 0 && sent % 997 == 0 ? badRecord(sent) : null, room);
                 TopicWatcher<PublishedList> lists = new TopicWatcher<>(kafka.bootstrapServers(),
                         conf.get(RecStreamOptions.RECOMMENDATIONS_TOPIC), bytes -> counted(PublishedList.read(bytes), versions))
                         .startInBackground("recommendations-watcher");
                 TopicWatcher<byte[]> deadLetters = new TopicWatcher<>(kafka.bootstrapServers(),
                         conf.get(RecStreamOptions.DEAD_LETTER_TOPIC), Function.identity(), room::release)
                         .startInBackground("dead-letter-watcher");
                 TopicWatcher<BucketMetrics> buckets = new TopicWatcher<>(kafka.bootstrapServers(),
                         conf.get(RecStreamOptions.METRICS_TOPIC), bytes -> Json.readOrNull(bytes, BucketMetrics.class))
                         .startInBackground("metrics-watcher");
                 LocalRun job = run) {
                background(producer, "event-producer");
                QualityTally tally = new QualityTally(warmUpEvents);
                background(() -> LocalRun.drain(job.qualityPerCheckpoint(), counts -> {
                    tally.add(counts);
                    room.release(Math.toIntExact(counts.counts.events));
                }), "quality-collector");
                return report(tally, producer, lists, deadLetters, buckets, feed, versions, job.job());
            }
        } finally {
            finished.countDown();
            if (!interrupted) {
                Runtime.getRuntime().removeShutdownHook(hook);
            }
        }
    }

    /** Reports until every record is accounted for or the run cannot go on; returns the exit code. */
    private int report(QualityTally tally, EventProducer producer, TopicWatcher<PublishedList> lists,
                       TopicWatcher<byte[]> deadLetters, TopicWatcher<BucketMetrics> buckets, Feed feed, PerUserHour versions,
                       JobClient job) throws Exception {
        long start = System.nanoTime();
        long lastReport = start;
        long taken = 0;
        long lastProgress = start;
        String unfinished = null;
        while (true) {
            TimeUnit.MILLISECONDS.sleep(200); // pacing the console, not synchronisation
            long now = System.nanoTime();
            // read before the acknowledgements: a record is acknowledged before the job can take it
            long takenNow = tally.events() + deadLetters.records();
            boolean producerFinished = producer.finished();
            long acknowledged = producer.acknowledgedEvents() + producer.acknowledgedMalformed();
            if (takenNow != taken) {
                taken = takenNow;
                lastProgress = now;
            }
            if (producerFinished && taken >= acknowledged) {
                break;
            }
            if (interrupted) {
                unfinished = "stopped by the user";
                break;
            }
            if (now - lastProgress > giveUpAfterSeconds * 1_000_000_000L && taken < acknowledged) {
                unfinished = "no record learned or dead-lettered for " + giveUpAfterSeconds + " s";
                break;
            }
            if (now - lastReport < reportEverySeconds * 1_000_000_000L) {
                continue;
            }
            JobStatus status = job.getJobStatus().get(30, TimeUnit.SECONDS);
            if (status.isGloballyTerminalState()) {
                unfinished = "the job is " + status + " (see the log)";
                break;
            }
            QualityTally.Snapshot s = tally.snapshotAndResetWindow();
            System.out.printf("%n[%4ds] events learned %,d (%s)  acknowledged %,d  failed sends %,d  dead letters %,d  lists published %,d%n",
                    (now - start) / 1_000_000_000L, s.events(), rates(s.interval(), s.sinceWarmUp(), tally.warmUpEvents()),
                    acknowledged, producer.failed(), deadLetters.records(), lists.records());
            if (producer.firstError() != null) {
                System.out.printf("        first failed send: %s%n", producer.firstError());
            }
            System.out.printf("        hit rate@10: model %.3f (last %ds %.3f)  popularity %.3f (last %ds %.3f)  mrr@10 %.3f  evaluated %,d%n",
                    s.hitRate(), reportEverySeconds, s.windowHitRate(), s.popularityHitRate(), reportEverySeconds,
                    s.windowPopularityHitRate(), s.mrr(), s.evaluated());
            printVersionsPerHour(versions, feed.eventsPerHour);
            for (String user : feed.sampleUsers(lists)) {
                PublishedList latest = lists.latest(user);
                Recommendation r = latest == null ? null : latest.whole();
                if (r != null) {
                    System.out.printf("        %-12s %-22s v%-4d %s%n", user, feed.describe(user), r.version, itemsOf(r));
                }
            }
            System.out.print(BucketTable.format(List.copyOf(buckets.latestByKey().values())));
            lastReport = now;
        }
        int exitCode = summary(tally.snapshotAndResetWindow(), tally.warmUpEvents(), producer, deadLetters.records(), unfinished);
        printVersionsPerHour(versions, feed.eventsPerHour);
        System.out.print(BucketTable.format(List.copyOf(buckets.latestByKey().values())));
        return exitCode;
    }

    /**
     * The CPU time of the whole process (job, broker, producer, this report) per event learned:
     * on a shared machine, what compares across runs when events/s do not.
     */
    private static String cpuPerEvent(long cpuNanos, long events) {
        return events > 0 ? String.format("%,.0f µs", cpuNanos / 1e3 / events) : "-";
    }

    /**
     * The report line's rates: over the checkpoints that completed since the last report, and since
     * warm-up, each between checkpoint barriers (see {@link io.recstream.job.local.LearnedRate}),
     * with the process's CPU per event over the same span.
     */
    static String rates(LearnedRate.Span interval, LearnedRate.Span sinceWarmUp, long warmUpEvents) {
        String recent = interval == null ? "waiting for a checkpoint to complete"
                : String.format("%,.0f/s, CPU %s each, %s", interval.eventsPerSecond(),
                        cpuPerEvent(interval.cpuNanos(), interval.events()), checkpoints(interval));
        String warm = sinceWarmUp == null ? String.format("since warm-up: from %,d learned", warmUpEvents)
                : String.format("since warm-up %,.0f/s, %s each", sinceWarmUp.eventsPerSecond(),
                        cpuPerEvent(sinceWarmUp.cpuNanos(), sinceWarmUp.events()));
        return recent + "; " + warm;
    }

    /** The checkpoints whose events a span holds, and the time between the barriers that bound them. */
    private static String checkpoints(LearnedRate.Span span) {
        String ids = span.toCheckpoint() == span.fromCheckpoint() + 1 ? "checkpoint " + span.toCheckpoint()
                : "checkpoints " + (span.fromCheckpoint() + 1) + "-" + span.toCheckpoint();
        return String.format("%s over %.1f s", ids, span.millis() / 1e3);
    }

    /** The final summary's line on the rate after warm-up. */
    static String afterWarmUp(LearnedRate.Span sinceWarmUp, long warmUpEvents) {
        if (sinceWarmUp == null) {
            return String.format("after warm-up (the first %,d events): no checkpoint completed after it", warmUpEvents);
        }
        return String.format("after warm-up (the first %,d events): %,d events learned in %s between their barriers, %,.0f/s, process CPU %s each",
                warmUpEvents, sinceWarmUp.events(), checkpoints(sinceWarmUp), sinceWarmUp.eventsPerSecond(),
                cpuPerEvent(sinceWarmUp.cpuNanos(), sinceWarmUp.events()));
    }

    /** A list read from the topic, counted in {@code versions} by its user and event time. */
    private static PublishedList counted(PublishedList list, PerUserHour versions) {
        if (list != null) {
            versions.add(list.user(), list.ts());
        }
        return list;
    }

    /** How often a user's list changes (recstream.publish.*), next to how often they act. */
    private static void printVersionsPerHour(PerUserHour versions, PerUserHour events) {
        PerUserHour.Summary v = versions.summary();
        PerUserHour.Summary e = events.summary();
        System.out.printf("        versions per user per hour (event time): mean %.1f  p90 %d  max %d  over %,d user-hours"
                + "  (events per user-hour: mean %.1f  p90 %d)%n", v.mean(), v.p90(), v.max(), v.userHours(), e.mean(), e.p90());
    }

    /**
     * The final accounting: every acknowledged record was learned or dead-lettered, or the gap and
     * its reason are printed. Exit code 0 when nothing is missing, 1 otherwise.
     */
    private static int summary(QualityTally.Snapshot s, long warmUpEvents, EventProducer producer, long deadLetters, String unfinished) {
        long acknowledged = producer.acknowledgedEvents() + producer.acknowledgedMalformed();
        long missing = acknowledged - s.events() - deadLetters;
        System.out.printf("%nFinal: events sent %,d  acknowledged %,d  learned %,d  failed sends %,d%n",
                producer.sent(), producer.acknowledgedEvents(), s.events(), producer.failed());
        System.out.printf("       malformed records sent on purpose, acknowledged %,d  dead letters %,d%n",
                producer.acknowledgedMalformed(), deadLetters);
        System.out.printf("       acknowledged %,d = learned %,d + dead letters %,d + not (yet) taken by the job %,d%n",
                acknowledged, s.events(), deadLetters, missing);
        if (producer.failed() > 0) {
            System.out.printf("       %,d records never reached Kafka; first error: %s%n", producer.failed(), producer.firstError());
        }
        if (producer.inFlight() > 0) {
            System.out.printf("       %,d records still in flight to Kafka: %s%n", producer.inFlight(), unfinished);
        }
        if (missing > 0) {
            System.out.printf("       %,d acknowledged records not learned: %s%n", missing, unfinished);
        }
        System.out.printf("       hit-rate@10 model=%.4f popularity=%.4f mrr@10=%.4f evaluated=%d%n",
                s.hitRate(), s.popularityHitRate(), s.mrr(), s.evaluated());
        long cpu = PROCESS.getProcessCpuTime();
        System.out.printf("       process CPU %,.1f s, %s per event learned (start-up and warm-up included)%n",
                cpu / 1e9, cpuPerEvent(cpu, s.events()));
        System.out.printf("       %s%n", afterWarmUp(s.sinceWarmUp(), warmUpEvents));
        return producer.failed() == 0 && producer.inFlight() == 0 && missing <= 0 ? 0 : 1;
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
        // Live events happen now: the job and the broker judge event times against their clocks.
        SyntheticEventGenerator generator = SyntheticEventGenerator.builder()
                .users(users).seed(seed).wallClock(Clock.systemUTC()).build();
        return new Feed(generator, generator);
    }

    /** Where events come from, and how to describe a user of that source. */
    private static final class Feed {
        final Iterator<Event> events;
        final SyntheticEventGenerator synthetic;
        /** The events taken from {@link #counted}, by user and hour of event time. */
        final PerUserHour eventsPerHour = new PerUserHour();

        Feed(Iterator<Event> events, SyntheticEventGenerator synthetic) {
            this.events = events;
            this.synthetic = synthetic;
        }

        /** The events, each counted in {@link #eventsPerHour} by the user the job will see (canonical id). */
        Iterator<Event> counted() {
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return events.hasNext();
                }

                @Override
                public Event next() {
                    Event event = events.next();
                    eventsPerHour.add(UserId.canonical(event.user), event.ts);
                    return event;
                }
            };
        }

        List<String> sampleUsers(TopicWatcher<PublishedList> lists) {
            List<Map.Entry<String, PublishedList>> all = new ArrayList<>(lists.latestByKey().entrySet());
            all.sort(Comparator.comparingLong((Map.Entry<String, PublishedList> e) -> -e.getValue().version())
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
