package io.recstream.bench.e2e;

import io.recstream.event.Event;
import io.recstream.job.LearningOptions;
import io.recstream.job.RecStreamJob;
import io.recstream.job.RecStreamOptions;
import io.recstream.job.kafka.KafkaConnectors;
import io.recstream.job.local.EmbeddedKafka;
import io.recstream.job.local.EventProducer;
import io.recstream.job.local.LocalFlink;
import io.recstream.job.local.LocalRun;
import io.recstream.model.ItemFactor;
import io.recstream.synthetic.SyntheticEventGenerator;

import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.WebOptions;
import org.apache.flink.configuration.StateChangelogOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.util.FileUtils;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * Runs one {@link RunSpec}: builds its graph on a fresh MiniCluster configured like production
 * ({@code flink-conf/config.yaml}: exactly-once checkpoints every 10 s), lets it warm up, and
 * measures a window: events taken in by {@code events-source} (summed over subtasks), wall time and
 * process CPU time. Latency runs feed events at a fixed rate and read each list's stamp.
 */
final class Harness {
    /** Where every scenario counts its events: the source's output. */
    static final String SOURCE = "Source: events-source";

    private static final TypeInformation<ItemFactor> ITEM_FACTOR = TypeInformation.of(ItemFactor.class);

    private final Settings settings;
    private final Path scratch;
    private int runs;
    /** The latency run's tail, polled for checkpoints while its window runs; null otherwise. */
    private LatencyTail tail;
    /** The REST API's port of the current run's MiniCluster when given (-D rest.port), else 0. */
    private int restPort;

    /** What all runs share. */
    record Settings(Path confDir, Map<String, String> overrides, int users, int itemsPerCategory, long seed,
                    Duration warmUp, Duration window, long kafkaEvents, Path latencySlices) {}

    /** A measured window and, for a latency run, its latencies (ms; committed: -1 when not through Kafka). */
    record Latency(double rate, double achieved, long lists, long p50, long p99, long committedP50, long committedP99,
                   LatencyTail.Summary tail) {}

    Harness(Settings settings) throws Exception {
        this.settings = settings;
        this.scratch = Files.createTempDirectory("recstream-bench");
    }

    Figures throughput(RunSpec spec) throws Exception {
        if (spec.scenario() == RunSpec.Scenario.LOOP) {
            return TightLoop.run(events(), dimension(), settings.warmUp(), settings.window());
        }
        return spec.scenario() == RunSpec.Scenario.KAFKA ? kafka(spec, 0, null) : generated(spec, 0, null, null);
    }

    /** A job run as {@link #throughput}, with savepoints at the end of its window; the sizes of its state. */
    List<StateSizes.Sizes> stateSizes(RunSpec spec) throws Exception {
        Path savepoints = Files.createDirectories(scratch.resolve("savepoints-" + runs));
        StateSizes.Savepoints[] taken = new StateSizes.Savepoints[1];
        Configuration[] conf = new Configuration[1];
        generated(spec, 0, null, (job, jobConf) -> {
            taken[0] = StateSizes.Savepoints.take(job, savepoints);
            conf[0] = jobConf;
        });
        try {
            return StateSizes.of(taken[0], conf[0]);
        } finally {
            FileUtils.deleteDirectory(savepoints.toFile());
        }
    }

    /**
     * The replica with a large catalogue: replica heap per item, checkpoint bytes per subtask, and
     * restore time. The job runs on a trickle of events (100/s); once it runs, the in-JVM item
     * loop is fed {@code items} published items, which every user-learner subtask's replica takes in.
     * Heap is measured after a full GC before and after; then a native savepoint is taken, and a
     * second job restored from it, timed from submission to its first computed list (the fresh
     * job's time to its first list is the reference). The time the replicas took to take in the
     * catalogue through the loop is what rebuilding them from the item topic would cost at least.
     */
    CatalogueFigures catalogue(RunSpec spec, int items, int neighbours) throws Exception {
        Path dir = runDirectory(spec);
        Path savepoints = Files.createDirectories(dir.resolve("savepoints"));
        try {
            Configuration conf = configuration(spec, dir);
            String loop = "item-factors-catalogue-" + runs;
            StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(conf);
            buildJob(env, conf, SyntheticEvents.source(settings.users(), settings.itemsPerCategory(), settings.seed(), 100), loop);
            long submitted = System.nanoTime();
            JobClient job = env.executeAsync("bench-" + spec);
            String savepoint;
            long freshStartNanos;
            double heapPerItem;
            long feedNanos;
            try {
                awaitFirstList(job);
                freshStartNanos = System.nanoTime() - submitted;
                long replicaItems = OperatorCounters.gaugeSum(USER_LEARNER, "replica-items");
                long heapBefore = heapAfterGc();
                InJvmQueue<ItemFactor> queue = InJvmQueue.named(loop);
                SyntheticItems catalogue = new SyntheticItems(items, conf.get(LearningOptions.DIM), neighbours, settings.seed());
                long now = System.currentTimeMillis();
                long feedStarted = System.nanoTime();
                for (int n = 0; n < items; n++) {
                    queue.add(catalogue.item(n, now));
                }
                long expected = replicaItems + (long) items * spec.parallelism();
                long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(30);
                while (OperatorCounters.gaugeSum(USER_LEARNER, "replica-items") < expected) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("the replicas did not take in the catalogue in 30 minutes");
                    }
                    pause(job, 500);
                }
                feedNanos = System.nanoTime() - feedStarted;
                heapPerItem = (double) (heapAfterGc() - heapBefore) / ((long) items * spec.parallelism());
                savepoint = job.triggerSavepoint(savepoints.toUri().toString(), SavepointFormatType.NATIVE).get(30, TimeUnit.MINUTES);
            } finally {
                cancel(job);
                InJvmQueue.remove(loop);
            }
            long[] bytes = StateSizes.bytesPerSubtask(savepoint);

            OperatorCounters.reset();
            Configuration restoreConf = new Configuration(conf);
            restoreConf.setString("execution.state-recovery.path", savepoint);
            StreamExecutionEnvironment restoreEnv = StreamExecutionEnvironment.createLocalEnvironment(restoreConf);
            String restoreLoop = loop + "-restored";
            buildJob(restoreEnv, restoreConf,
                    SyntheticEvents.source(settings.users(), settings.itemsPerCategory(), settings.seed(), 100), restoreLoop);
            long restoreSubmitted = System.nanoTime();
            JobClient restored = restoreEnv.executeAsync("bench-" + spec + "-restored");
            try {
                awaitFirstList(restored);
                long restoreNanos = System.nanoTime() - restoreSubmitted;
                return new CatalogueFigures(items, neighbours, spec.parallelism(), heapPerItem, bytes, freshStartNanos,
                        feedNanos, restoreNanos);
            } finally {
                cancel(restored);
                InJvmQueue.remove(restoreLoop);
            }
        } finally {
            FileUtils.deleteDirectory(dir.toFile());
        }
    }

    /** What {@link #catalogue} measured; bytes per subtask of the native savepoint, all operators. */
    record CatalogueFigures(int items, int neighbours, int parallelism, double replicaHeapPerItem, long[] savepointBytesPerSubtask,
                            long freshStartNanos, long feedNanos, long restoreNanos) {}

    static final String USER_LEARNER = "user-learner";
    static final String PUBLISHER = "recommendation-publisher";
    private static final String ITEM_LEARNER = "item-learner";

    private void buildJob(StreamExecutionEnvironment env, Configuration conf, DataGeneratorSource<byte[]> source, String loop) {
        RecStreamJob.builder()
                .events(source)
                .itemFactors(new QueueSource<>(loop, ITEM_FACTOR))
                .itemFactorSink(new QueueSink<>(loop, ITEM_FACTOR))
                .recommendationSink(new LatencySink("written"))
                .deadLetterSink(new DiscardingSink<>())
                .metricsSink(new DiscardingSink<>())
                .config(conf).build().build(env);
    }

    /** Until the job has computed its first list ({@code live-lists} took one in). */
    private static void awaitFirstList(JobClient job) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(30);
        while (OperatorCounters.sum("live-lists", "numRecordsIn") == 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no list in 30 minutes");
            }
            pause(job, 100);
        }
    }

    private static long heapAfterGc() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Done with a job at the end of its window, before it is cancelled. */
    interface AfterWindow {
        void accept(JobClient job, Configuration conf) throws Exception;
    }

    /** The job at {@code rate} events/s: list latency p50/p99, stamped at the source, read at the sink. */
    Latency latency(RunSpec spec, double rate) throws Exception {
        LatencyHistogram written = LatencyHistogram.named("written");
        LatencyHistogram committed = LatencyHistogram.named("committed");
        written.clear();
        committed.clear();
        try (LatencyTail slow = new LatencyTail()) {
            written.attach(slow);
            tail = slow;
            Runnable clear = () -> {
                written.clear();
                committed.clear();
                slow.start(System.currentTimeMillis());
            };
            if (spec.scenario() == RunSpec.Scenario.KAFKA) {
                Figures taken = kafka(spec, rate, clear);
                return new Latency(rate, taken.perSecond(), written.count(), written.percentile(0.5), written.percentile(0.99),
                        committed.percentile(0.5), committed.percentile(0.99), slow.summary(5));
            }
            Figures taken = generated(spec, rate, clear, null);
            if (settings.latencySlices() != null) {
                slow.writeSlices(settings.latencySlices().resolveSibling(settings.latencySlices().getFileName() + "-" + runs + ".csv"));
            }
            return new Latency(rate, taken.perSecond(), written.count(), written.percentile(0.5), written.percentile(0.99), -1, -1,
                    slow.summary(5));
        } finally {
            written.attach(null);
            tail = null;
        }
    }

    /** Generator-fed scenarios: source alone, skeleton, and the job with the item loop inside the JVM. */
    private Figures generated(RunSpec spec, double rate, Runnable atWindowStart, AfterWindow afterWindow) throws Exception {
        Path dir = runDirectory(spec);
        Configuration conf = configuration(spec, dir);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(conf);
        DataGeneratorSource<byte[]> source = SyntheticEvents.source(settings.users(), settings.itemsPerCategory(), settings.seed(), rate);
        String loop = "item-factors-" + runs;
        switch (spec.scenario()) {
            case SOURCE -> Skeleton.buildSourceOnly(env, source);
            case SKELETON -> Skeleton.build(env, source, conf.get(LearningOptions.DIM));
            case JOB -> buildJob(env, conf, source, loop);
            default -> throw new IllegalArgumentException(spec.toString());
        }
        try {
            JobClient job = env.executeAsync("bench-" + spec);
            Callable<Void> done = afterWindow == null ? null : () -> {
                afterWindow.accept(job, conf);
                return null;
            };
            return measure(job, 0, atWindowStart, done);
        } finally {
            InJvmQueue.remove(loop);
            FileUtils.deleteDirectory(dir.toFile());
        }
    }

    /**
     * The job as the demo runs it: Kafka sources and sinks (recommendations exactly-once) on the
     * embedded broker. For throughput the events topic is filled before the job starts, so the
     * producer's CPU time is not in the window; for latency a producer feeds it at the rate.
     */
    private Figures kafka(RunSpec spec, double rate, Runnable atWindowStart) throws Exception {
        Path dir = runDirectory(spec);
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            Configuration conf = configuration(spec, dir);
            conf.set(RecStreamOptions.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
            LocalRun.createTopics(kafka, conf, spec.parallelism());
            String eventsTopic = conf.get(RecStreamOptions.EVENTS_TOPIC);
            long cap = 0;
            if (rate <= 0) {
                try (EventProducer fill = new EventProducer(kafka.bootstrapServers(), eventsTopic, stampedEvents(),
                        settings.kafkaEvents(), 0, null)) {
                    fill.run();
                }
                cap = settings.kafkaEvents() * 95 / 100;
            }
            StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(conf);
            RecStreamJob.builder().kafka(new KafkaConnectors(conf)).config(conf).build().build(env);
            JobClient job = env.executeAsync("bench-" + spec);
            if (rate <= 0) {
                Figures figures = measure(job, cap, null, null);
                if (figures.nanos() < settings.window().toNanos() / 2) {
                    System.out.printf("  (the %,d pre-filled events ran out after %.1f s of the window: raise --kafka-events)%n",
                            settings.kafkaEvents(), figures.nanos() / 1e9);
                }
                return figures;
            }
            String lists = conf.get(RecStreamOptions.RECOMMENDATIONS_TOPIC);
            try (EventProducer producer = new EventProducer(kafka.bootstrapServers(), eventsTopic, stampedEvents(),
                         Long.MAX_VALUE, rate, null);
                 TopicLatency written = new TopicLatency(kafka.bootstrapServers(), lists, "read_uncommitted",
                         LatencyHistogram.named("written"));
                 TopicLatency committed = new TopicLatency(kafka.bootstrapServers(), lists, "read_committed",
                         LatencyHistogram.named("committed"))) {
                // fed only once the source runs, so the job starts without a backlog
                awaitSource(job, spec.parallelism());
                Thread feeder = new Thread(producer, "bench-producer");
                feeder.setDaemon(true);
                feeder.start();
                return measure(job, 0, atWindowStart, null);
            }
        } finally {
            FileUtils.deleteDirectory(dir.toFile());
        }
    }

    /**
     * Waits until the job takes in events, then for the warm-up, then measures the window (ended
     * early when {@code cap > 0} events are counted), then runs {@code afterWindow}. Cancels the job in any case.
     */
    private Figures measure(JobClient job, long cap, Runnable atWindowStart, Callable<?> afterWindow) throws Exception {
        try {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            while (OperatorCounters.sum(SOURCE, "numRecordsOut") == 0) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("no events taken in after 5 minutes");
                }
                pause(job, 200);
            }
            long warmUpEnd = System.nanoTime() + settings.warmUp().toNanos();
            while (System.nanoTime() < warmUpEnd) {
                pause(job, 200);
            }
            if (atWindowStart != null) {
                atWindowStart.run();
            }
            long events = OperatorCounters.sum(SOURCE, "numRecordsOut");
            long published = OperatorCounters.sum(ITEM_LEARNER, "item-factors-published");
            long cpu = processCpuNanos();
            ThreadCpu threads = ThreadCpu.start();
            JvmWork jvm = JvmWork.now();
            CacheCounts caches = CacheCounts.now();
            long start = System.nanoTime();
            long end = start + settings.window().toNanos();
            while (System.nanoTime() < end && (cap <= 0 || OperatorCounters.sum(SOURCE, "numRecordsOut") < cap)) {
                pause(job, 200);
                if (tail != null) {
                    tail.poll(OperatorCounters.gaugeSum(OperatorCounters.JOB, "numberOfCompletedCheckpoints"),
                            OperatorCounters.gaugeSum(OperatorCounters.JOB, "lastCheckpointDuration"));
                }
            }
            LatencyHistogram.stopAll();
            Figures figures = Figures.of(OperatorCounters.sum(SOURCE, "numRecordsOut") - events, System.nanoTime() - start,
                    processCpuNanos() - cpu, threads.sinceStart(), JvmWork.now().since(jvm),
                    OperatorCounters.sum(ITEM_LEARNER, "item-factors-published") - published, CacheCounts.now().since(caches));
            if (tail != null && restPort > 0) {
                tail.barriers(CheckpointTimeline.read(restPort, job.getJobID().toString()));
            }
            if (afterWindow != null) {
                afterWindow.call();
            }
            return figures;
        } finally {
            cancel(job);
        }
    }

    private static void awaitSource(JobClient job, int parallelism) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (OperatorCounters.registered(SOURCE, "numRecordsOut") < parallelism) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the source did not start in 5 minutes");
            }
            pause(job, 200);
        }
    }

    /** Sleeps a little, failing if the job has ended (a measured job runs until cancelled). */
    private static void pause(JobClient job, long millis) throws Exception {
        Thread.sleep(millis); // the harness samples on a clock; nothing waits on this
        JobStatus status = job.getJobStatus().get(1, TimeUnit.MINUTES);
        if (status.isGloballyTerminalState()) {
            try {
                job.getJobExecutionResult().get(1, TimeUnit.MINUTES);
            } catch (Exception e) {
                throw new IllegalStateException("the job ended: " + status, e);
            }
            throw new IllegalStateException("the job ended: " + status);
        }
    }

    private static void cancel(JobClient job) {
        try {
            job.cancel().get(1, TimeUnit.MINUTES);
            job.getJobExecutionResult().get(1, TimeUnit.MINUTES);
        } catch (Exception cancelledOrOver) {
            // a cancelled job completes its result exceptionally; a failed one was reported already
        }
    }

    private Configuration configuration(RunSpec spec, Path dir) throws Exception {
        Configuration conf = LocalFlink.baseConfiguration(settings.confDir(), dir);
        conf.setString("state.backend.type", spec.backend().flinkName);
        if (spec.scenario() == RunSpec.Scenario.SKELETON || spec.scenario() == RunSpec.Scenario.SOURCE) {
            // the bare references stay bare Flink on the chosen backend, without the job's state changelog
            conf.set(StateChangelogOptions.ENABLE_STATE_CHANGE_LOG, false);
        }
        conf.setString("parallelism.default", String.valueOf(spec.parallelism()));
        OperatorCounters.CONFIG.forEach(conf::setString);
        // a latency report lines up every checkpoint of its window with the lists, not only the last 10 the REST API keeps by default
        conf.set(WebOptions.CHECKPOINTS_HISTORY_SIZE, 1_000);
        settings.overrides().forEach(conf::setString);
        OperatorCounters.reset();
        // the checkpoints' timeline is read from the REST API only on a port the run was given: unset, it is Flink's 8081, which another job may hold
        restPort = conf.contains(RestOptions.PORT) ? conf.get(RestOptions.PORT) : 0;
        return conf;
    }

    private Path runDirectory(RunSpec spec) throws Exception {
        runs++;
        return Files.createDirectories(scratch.resolve(runs + "-" + spec.toString().replace(':', '-')));
    }

    private int dimension() throws Exception {
        Configuration conf = LocalFlink.baseConfiguration(settings.confDir(), scratch);
        settings.overrides().forEach(conf::setString);
        return conf.get(LearningOptions.DIM);
    }

    private SyntheticEvents events() {
        return new SyntheticEvents(settings.users(), settings.itemsPerCategory(), settings.seed());
    }

    /** The synthetic stream for a producer, each event stamped with the wall clock as it is sent. */
    private Iterator<Event> stampedEvents() {
        SyntheticEventGenerator generator = events().newGenerator(settings.seed());
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Event next() {
                Event event = generator.next();
                event.ts = System.currentTimeMillis();
                return event;
            }
        };
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    void deleteScratch() throws Exception {
        FileUtils.deleteDirectory(scratch.toFile());
    }
}
