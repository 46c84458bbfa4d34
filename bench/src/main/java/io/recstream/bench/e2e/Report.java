package io.recstream.bench.e2e;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The figures of one harness invocation, each as a ratio to the skeleton and the tight loop of the same run. */
final class Report {
    /**
     * Whether the runs had their lists turned off ({@code recstream.recommend.live-lists=false}):
     * then the job is the learning path alone, held to target 3, and targets 1 and 2, which are
     * of the whole job, do not apply to it.
     */
    private final boolean learningOnly;

    Report(boolean learningOnly) {
        this.learningOnly = learningOnly;
    }
    /** What the redesign has to reach (the performance issue). */
    private static final double TARGET_KAFKA_EVENTS_PER_SECOND = 20_000;
    private static final double TARGET_EVENTS_PER_CORE = 20_000;
    private static final double TARGET_LEARNING_EVENTS_PER_SECOND = 100_000;
    private static final long TARGET_P99_MS = 50;
    private static final long TARGET_USER_P50_BYTES = 1024;
    private static final long TARGET_USER_P99_BYTES = 10 * 1024;
    private static final long TARGET_ITEM_P99_BYTES = 2 * 1024;

    private final Map<String, Figures> throughput = new LinkedHashMap<>();
    private final Map<String, Harness.Latency> latencies = new LinkedHashMap<>();
    private final Map<String, List<StateSizes.Sizes>> states = new LinkedHashMap<>();
    private final Map<String, Harness.CatalogueFigures> catalogues = new LinkedHashMap<>();

    void add(RunSpec spec, Figures figures) {
        throughput.put(spec.toString(), figures);
    }

    void add(RunSpec spec, Harness.Latency latency) {
        latencies.put(spec.toString(), latency);
    }

    void add(RunSpec spec, List<StateSizes.Sizes> sizes) {
        states.put(spec.toString(), sizes);
    }

    void add(RunSpec spec, Harness.CatalogueFigures figures) {
        catalogues.put(spec.toString(), figures);
    }

    static String describe(Harness.CatalogueFigures c) {
        long max = java.util.Arrays.stream(c.savepointBytesPerSubtask()).max().orElse(0);
        long total = java.util.Arrays.stream(c.savepointBytesPerSubtask()).sum();
        return String.format("%,d items (%d neighbours each): replica heap %,.0f B per item per replica; native savepoint "
                        + "%,d B per subtask at most, %,d B in all; first list %.1f s after submission fresh, %.1f s restored; "
                        + "catalogue taken in through the loop in %.1f s",
                c.items(), c.neighbours(), c.replicaHeapPerItem(), max, total, c.freshStartNanos() / 1e9, c.restoreNanos() / 1e9,
                c.feedNanos() / 1e9);
    }

    static String describe(StateSizes.Sizes s) {
        return String.format("%s: %,d values, serialized p50 %,d B, p99 %,d B; keyed bytes per value: canonical savepoint %,.0f, "
                        + "native (SST) %,.0f; operator state: canonical %,d B, native %,d B", s.state(), s.values(), s.p50(), s.p99(),
                perValue(s.canonicalKeyedBytes(), s.values()), perValue(s.nativeKeyedBytes(), s.values()),
                s.canonicalOperatorBytes(), s.nativeOperatorBytes());
    }

    private static double perValue(long bytes, long values) {
        return values == 0 ? 0 : (double) bytes / values;
    }

    static String describe(Figures f) {
        return String.format("%,.0f events/s, %.2f cores busy, %,.0f events/s per core (%,d events in %.1f s)",
                f.perSecond(), f.cores(), f.perCore(), f.events(), f.nanos() / 1e9);
    }

    /** The busiest threads of the window, each with its CPU microseconds per event. */
    static String describeThreads(Figures f, int top) {
        StringBuilder out = new StringBuilder("CPU µs per event by thread:");
        f.threadCpuNanos().entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(top)
                .forEach(e -> out.append(String.format(" %s %.2f;", e.getKey(), f.threadMicrosPerEvent(e.getKey()))));
        return out.toString();
    }

    /**
     * The Kafka path's own threads (broker, producers' and consumers' network threads), CPU
     * microseconds per event each; and the items published to the item loop per event.
     */
    static String describeKafka(Figures f) {
        StringBuilder out = new StringBuilder("CPU µs per event in Kafka's threads:");
        KafkaThreads.sum(f.threadCpuNanos()).forEach((part, nanos) ->
                out.append(String.format(" %s %.2f;", part.label, f.events() == 0 ? 0 : nanos / 1e3 / f.events())));
        out.append(String.format(" items published to the item loop per event %.2f", f.events() == 0 ? 0 : (double) f.itemsPublished() / f.events()));
        return out.toString();
    }

    /** What the threads do not show: CPU outside Java threads, and the JVM's compilation and collection time. */
    static String describeJvm(Figures f) {
        return String.format("not in Java threads: %.2f µs CPU per event; in the window the JIT compiled for %,d ms and GC took %,d ms (elapsed)",
                f.unattributedMicrosPerEvent(), f.jvm().compileMillis(), f.jvm().gcMillis());
    }

    /** The user state caches' lookups in the window: found on the heap, read from RocksDB, and the share read. */
    static String describeCaches(Figures f) {
        CacheCounts c = f.caches();
        return String.format("state caches in the window: profiles %,d found, %,d read from RocksDB (%.1f %%); last lists %,d found, %,d read (%.1f %%)",
                c.profileHits(), c.profileMisses(), percent(c.profileMisses(), c.profileHits() + c.profileMisses()),
                c.listHits(), c.listMisses(), percent(c.listMisses(), c.listHits() + c.listMisses()));
    }

    private static double percent(long part, long whole) {
        return whole == 0 ? 0 : 100.0 * part / whole;
    }

    static String describe(Harness.Latency l) {
        String committed = l.committedP99() < 0 ? ""
                : String.format(", read_committed p50 %d ms p99 %d ms", l.committedP50(), l.committedP99());
        return String.format("%,.0f events/s taken in, %,d lists: p50 %d ms, p99 %d ms%s", l.achieved(), l.lists(), l.p50(), l.p99(), committed)
                + System.lineSeparator() + "  " + describe(l.tail());
    }

    /** Where in the window (seconds from its start) the lists over the target arrived, beside pauses and checkpoints. */
    static String describe(LatencyTail.Summary t) {
        StringBuilder out = new StringBuilder(String.format("lists over %d ms: %,d; the most in 100 ms at", LatencyTail.TARGET_MS,
                t.slowLists()));
        t.worst().forEach(s -> out.append(String.format(" %.1f s (%,d, up to %d ms)", s.atMillis() / 1e3, s.lists(), s.slowestMillis())));
        out.append("; per minute of the window:");
        for (long n : t.slowPerMinute()) {
            out.append(String.format(" %,d", n));
        }
        out.append("; collector pauses of 5 ms or more:");
        t.pauses().forEach(p -> out.append(String.format(" %.1f s %d ms", p.atMillis() / 1e3, p.millis())));
        out.append("; checkpoints completed at");
        t.checkpoints().forEach(c -> out.append(String.format(" %.1f s (%d ms)", c.completedAtMillis() / 1e3, c.millis())));
        if (!t.barriers().isEmpty()) {
            long near = t.barriers().stream().mapToLong(LatencyTail.AtBarrier::slowLists).sum();
            out.append(String.format("%n  lists over %d ms from %d ms before a checkpoint's trigger to %d ms after, at the window's %d checkpoints: %,d of %,d",
                    LatencyTail.TARGET_MS, LatencyTail.AtBarrier.BEFORE_MS, LatencyTail.AtBarrier.AFTER_MS, t.barriers().size(), near,
                    t.slowLists()));
            t.barriers().forEach(b -> out.append(System.lineSeparator()).append("  ").append(describe(b)));
        }
        return out.toString();
    }

    /** One checkpoint of a latency window: its tasks' phases, and the lists (all / over the target) per 50 ms around its trigger. */
    static String describe(LatencyTail.AtBarrier b) {
        StringBuilder out = new StringBuilder(String.format("checkpoint %d triggered at %.2f s, %d ms end to end; per task sync/async/alignment/start delay ms:",
                b.barrier().id(), b.atMillis() / 1e3, b.barrier().durationMillis()));
        for (CheckpointTimeline.Phase p : b.barrier().phases()) {
            String task = p.task().length() > 24 ? p.task().substring(0, 24) : p.task();
            out.append(String.format(" [%s] %d/%d/%d/%d;", task, p.sync(), p.async(), p.alignment(), p.startDelay()));
        }
        out.append(String.format("%n    lists/over %d ms per 50 ms from %d ms before the trigger:", LatencyTail.TARGET_MS,
                LatencyTail.AtBarrier.BEFORE_MS));
        for (int i = 0; i < b.lists().length; i++) {
            out.append(String.format(" %d/%d", b.lists()[i], b.slow()[i]));
        }
        return out.toString();
    }

    void print(PrintStream out) {
        Figures loop = throughput.get("loop");
        if (!throughput.isEmpty()) {
            out.printf("%n| run | events/s | cores busy | events/s per core | per core vs skeleton | per core vs tight loop |%n");
            out.printf("|---|---:|---:|---:|---:|---:|%n");
            for (Map.Entry<String, Figures> e : throughput.entrySet()) {
                Figures f = e.getValue();
                Figures skeleton = throughput.get(skeletonOf(e.getKey()));
                out.printf("| %s | %,.0f | %.2f | %,.0f | %s | %s |%n", e.getKey(), f.perSecond(), f.cores(), f.perCore(),
                        ratio(f, skeleton), ratio(f, loop));
            }
        }
        if (!latencies.isEmpty()) {
            out.printf("%n| latency run | events/s fed | taken in | lists | p50 ms | p99 ms | read_committed p50 ms | read_committed p99 ms |%n");
            out.printf("|---|---:|---:|---:|---:|---:|---:|---:|%n");
            for (Map.Entry<String, Harness.Latency> e : latencies.entrySet()) {
                Harness.Latency l = e.getValue();
                out.printf("| %s | %,.0f | %,.0f | %,d | %d | %d | %s | %s |%n", e.getKey(), l.rate(), l.achieved(), l.lists(), l.p50(), l.p99(),
                        l.committedP50() < 0 ? "-" : String.valueOf(l.committedP50()),
                        l.committedP99() < 0 ? "-" : String.valueOf(l.committedP99()));
            }
        }
        if (!states.isEmpty()) {
            out.printf("%n| state run | state | values | serialized p50 B | p99 B | canonical savepoint B/value | native (SST) B/value | operator state canonical B | native B |%n");
            out.printf("|---|---|---:|---:|---:|---:|---:|---:|---:|%n");
            for (Map.Entry<String, List<StateSizes.Sizes>> e : states.entrySet()) {
                for (StateSizes.Sizes s : e.getValue()) {
                    out.printf("| %s | %s | %,d | %,d | %,d | %,.0f | %,.0f | %,d | %,d |%n", e.getKey(), s.state(), s.values(), s.p50(), s.p99(),
                            perValue(s.canonicalKeyedBytes(), s.values()), perValue(s.nativeKeyedBytes(), s.values()),
                            s.canonicalOperatorBytes(), s.nativeOperatorBytes());
                }
            }
        }
        if (!catalogues.isEmpty()) {
            out.printf("%n| catalogue run | items | replica heap B/item/replica | savepoint B per subtask (max) | savepoint B (all) | first list fresh s | restored s | taken in through the loop s |%n");
            out.printf("|---|---:|---:|---:|---:|---:|---:|---:|%n");
            for (Map.Entry<String, Harness.CatalogueFigures> e : catalogues.entrySet()) {
                Harness.CatalogueFigures c = e.getValue();
                out.printf("| %s | %,d | %,.0f | %,d | %,d | %.1f | %.1f | %.1f |%n", e.getKey(), c.items(), c.replicaHeapPerItem(),
                        java.util.Arrays.stream(c.savepointBytesPerSubtask()).max().orElse(0),
                        java.util.Arrays.stream(c.savepointBytesPerSubtask()).sum(), c.freshStartNanos() / 1e9, c.restoreNanos() / 1e9,
                        c.feedNanos() / 1e9);
            }
        }
        out.printf("%nTargets:%n");
        int cores = Runtime.getRuntime().availableProcessors();
        if (learningOnly) {
            target(out, "job:rocksdb:1", "(3) learning path alone, RocksDB, p1: >= 100,000 events/s",
                    f -> String.format("%,.0f events/s, %s of the skeleton per core", f.perSecond(), ratio(f, throughput.get("skeleton:rocksdb:1"))),
                    f -> f.perSecond() >= TARGET_LEARNING_EVENTS_PER_SECOND, CpuBudget.ofRate(TARGET_LEARNING_EVENTS_PER_SECOND, cores));
        } else {
            target(out, "kafka:rocksdb:2", "(1) through Kafka, exactly-once, RocksDB, p2: >= 20,000 events/s",
                    f -> String.format("%,.0f events/s", f.perSecond()), f -> f.perSecond() >= TARGET_KAFKA_EVENTS_PER_SECOND,
                    CpuBudget.ofRate(TARGET_KAFKA_EVENTS_PER_SECOND, cores));
            target(out, "job:rocksdb:1", "(2) no Kafka, RocksDB, p1: >= 20,000 events/s per core",
                    f -> String.format("%,.0f events/s per core, %s of the skeleton", f.perCore(), ratio(f, throughput.get("skeleton:rocksdb:1"))),
                    f -> f.perCore() >= TARGET_EVENTS_PER_CORE, CpuBudget.ofRatePerCore(TARGET_EVENTS_PER_CORE));
        }
        for (Map.Entry<String, List<StateSizes.Sizes>> e : states.entrySet()) {
            StateSizes.Sizes user = e.getValue().get(0);
            StateSizes.Sizes item = e.getValue().get(1);
            boolean met = user.p50() <= TARGET_USER_P50_BYTES && user.p99() <= TARGET_USER_P99_BYTES && item.p99() <= TARGET_ITEM_P99_BYTES;
            out.printf("  (5) %s user profile <= 1 KiB p50 / 10 KiB p99, item <= 2 KiB p99: user %,d / %,d B, item p99 %,d B  %s%n",
                    e.getKey(), user.p50(), user.p99(), item.p99(), met ? "MET" : "not met");
        }
        for (Map.Entry<String, Harness.Latency> e : latencies.entrySet()) {
            Harness.Latency l = e.getValue();
            // the target is at half the maximum rate; a rate given with --latency-rate is only a comparison
            boolean atHalf = throughput.containsKey(e.getKey());
            out.printf("  (4) %s list p99 <= 50 ms at half the maximum rate: %d ms at %,.0f events/s  %s%n", e.getKey(), l.p99(),
                    l.rate(), !atHalf ? "(a given rate)" : l.p99() <= TARGET_P99_MS ? "MET" : "not met");
        }
    }

    private void target(PrintStream out, String run, String what, java.util.function.Function<Figures, String> figure,
                        java.util.function.Predicate<Figures> met, CpuBudget budget) {
        Figures f = throughput.get(run);
        if (f != null) {
            out.printf("  %s: %s  %s%n", what, figure.apply(f), met.test(f) ? "MET" : "not met");
            out.printf("      %s%n", budget.describe(f, throughput.get(skeletonOf(run))));
        }
    }

    /** The skeleton run of the same backend and parallelism. */
    private static String skeletonOf(String run) {
        int colon = run.indexOf(':');
        return colon < 0 ? "" : "skeleton" + run.substring(colon);
    }

    private static String ratio(Figures f, Figures reference) {
        return reference == null || reference.perCore() == 0 ? "-" : String.format("%.3f", f.perCore() / reference.perCore());
    }
}
