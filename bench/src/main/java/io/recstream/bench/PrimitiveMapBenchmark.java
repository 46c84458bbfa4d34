package io.recstream.bench;

import it.unimi.dsi.fastutil.longs.Long2FloatOpenHashMap;
import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import it.unimi.dsi.fastutil.longs.LongOpenHashSet;
import org.agrona.collections.Long2ObjectHashMap;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The three map operations of the per-event path, with 64-bit item ids, in each candidate
 * primitive-collections library, against the {@code String}-keyed {@code java.util} maps the job
 * used before (ids freshly deserialised, so every lookup hashes the string again):
 * <ul>
 *   <li>{@code replica*}: look up an item of a 10,000-item replica (id → item object);
 *   <li>{@code seen*}: is an item among the user's 1,000 seen items (a set of ids);
 *   <li>{@code signals*}: clear a scratch map, then add 100 neighbour weights into it
 *       (id → float), as one candidate collection does.
 * </ul>
 * One operation per lookup or per weight added. Results in docs/BENCHMARKS.md.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Threads(1)
public class PrimitiveMapBenchmark {
    static final int ITEMS = 10_000;
    static final int SEEN = 1_000;
    static final int PROBES = 1_000;
    static final int NEIGHBOURS = 100;

    private long[] ids;
    private String[] names;
    private long[] probes;
    private String[] probeNames;
    private long[] neighbours;
    private String[] neighbourNames;

    private final Map<String, Object> jdkReplica = new HashMap<>();
    private final Set<String> jdkSeen = new HashSet<>();
    private final Map<String, Float> jdkSignals = new HashMap<>();
    private final Long2ObjectOpenHashMap<Object> fastutilReplica = new Long2ObjectOpenHashMap<>();
    private final LongOpenHashSet fastutilSeen = new LongOpenHashSet();
    private final Long2FloatOpenHashMap fastutilSignals = new Long2FloatOpenHashMap();
    private final com.carrotsearch.hppc.LongObjectHashMap<Object> hppcReplica = new com.carrotsearch.hppc.LongObjectHashMap<>();
    private final com.carrotsearch.hppc.LongHashSet hppcSeen = new com.carrotsearch.hppc.LongHashSet();
    private final com.carrotsearch.hppc.LongFloatHashMap hppcSignals = new com.carrotsearch.hppc.LongFloatHashMap();
    private final Long2ObjectHashMap<Object> agronaReplica = new Long2ObjectHashMap<>();
    private final org.agrona.collections.LongHashSet agronaSeen = new org.agrona.collections.LongHashSet();
    private final org.eclipse.collections.impl.map.mutable.primitive.LongObjectHashMap<Object> eclipseReplica =
            new org.eclipse.collections.impl.map.mutable.primitive.LongObjectHashMap<>();
    private final org.eclipse.collections.impl.set.mutable.primitive.LongHashSet eclipseSeen =
            new org.eclipse.collections.impl.set.mutable.primitive.LongHashSet();
    private final org.eclipse.collections.impl.map.mutable.primitive.LongFloatHashMap eclipseSignals =
            new org.eclipse.collections.impl.map.mutable.primitive.LongFloatHashMap();

    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(7);
        ids = new long[ITEMS];
        names = new String[ITEMS];
        for (int i = 0; i < ITEMS; i++) {
            ids[i] = random.nextLong();
            names[i] = "movie-" + i;
            Object item = new Object();
            jdkReplica.put(names[i], item);
            fastutilReplica.put(ids[i], item);
            hppcReplica.put(ids[i], item);
            agronaReplica.put(ids[i], item);
            eclipseReplica.put(ids[i], item);
        }
        for (int i = 0; i < SEEN; i++) {
            int n = random.nextInt(ITEMS);
            jdkSeen.add(names[n]);
            fastutilSeen.add(ids[n]);
            hppcSeen.add(ids[n]);
            agronaSeen.add(ids[n]);
            eclipseSeen.add(ids[n]);
        }
        probes = new long[PROBES];
        probeNames = new String[PROBES];
        for (int i = 0; i < PROBES; i++) {
            int n = random.nextInt(ITEMS);
            probes[i] = ids[n];
            probeNames[i] = new String(names[n].toCharArray()); // as deserialised: hash not cached
        }
        neighbours = new long[NEIGHBOURS];
        neighbourNames = new String[NEIGHBOURS];
        for (int i = 0; i < NEIGHBOURS; i++) {
            int n = random.nextInt(ITEMS);
            neighbours[i] = ids[n];
            neighbourNames[i] = names[n];
        }
    }

    /** A copy of each probe name per call, as a freshly deserialised record would bring. */
    private String fresh(int i) {
        return new String(probeNames[i].toCharArray());
    }

    @Benchmark @OperationsPerInvocation(PROBES)
    public int replicaJdkString() {
        int found = 0;
        for (int i = 0; i < PROBES; i++) {
            found += jdkReplica.get(fresh(i)) != null ? 1 : 0;
        }
        return found;
    }

    @Benchmark @OperationsPerInvocation(PROBES)
    public int replicaFastutil() {
        int found = 0;
        for (long p : probes) {
            found += fastutilReplica.get(p) != null ? 1 : 0;
        }
        return found;
    }

    @Benchmark @OperationsPerInvocation(PROBES)
    public int replicaHppc() {
        int found = 0;
        for (long p : probes) {
            found += hppcReplica.get(p) != null ? 1 : 0;
        }
        return found;
    }

    @Benchmark @OperationsPerInvocation(PROBES)
    public int replicaAgrona() {
        int found = 0;
        for (long p : probes) {
            found += agronaReplica.get(p) != null ? 1 : 0;
        }
        return found;
    }

    @Benchmark @OperationsPerInvocation(PROBES)
    public int replicaEclipse() {
        int found = 0;
        for (long p : probes) {
            found += eclipseReplica.get(p) != null ? 1 : 0;
        }
        return found;
    }

    @Benchmark @OperationsPerInvocation(PROBES)
    public int seenJdkString() {
        int found = 0;
        for (int i = 0; i < PROBES; i++) {
            found += jdkSeen.contains(fresh(i)) ? 1 : 0;
        }
        return found;
    }

    @Benchmark @OperationsPerInvocation(PROBES)
    public int seenFastutil() {
        int found = 0;
        for (long p : probes) {
            found += fastutilSeen.contains(p) ? 1 : 0;
        }
        return found;
    }

    @Benchmark @OperationsPerInvocation(PROBES)
    public int seenHppc() {
        int found = 0;
        for (long p : probes) {
            found += hppcSeen.contains(p) ? 1 : 0;
        }
        return found;
    }

    @Benchmark @OperationsPerInvocation(PROBES)
    public int seenAgrona() {
        int found = 0;
        for (long p : probes) {
            found += agronaSeen.contains(p) ? 1 : 0;
        }
        return found;
    }

    @Benchmark @OperationsPerInvocation(PROBES)
    public int seenEclipse() {
        int found = 0;
        for (long p : probes) {
            found += eclipseSeen.contains(p) ? 1 : 0;
        }
        return found;
    }

    @Benchmark @OperationsPerInvocation(NEIGHBOURS)
    public int signalsJdkString() {
        jdkSignals.clear();
        for (int i = 0; i < NEIGHBOURS; i++) {
            jdkSignals.merge(neighbourNames[i], 0.5f, Float::sum);
        }
        return jdkSignals.size();
    }

    @Benchmark @OperationsPerInvocation(NEIGHBOURS)
    public int signalsFastutil() {
        fastutilSignals.clear();
        for (long n : neighbours) {
            fastutilSignals.addTo(n, 0.5f);
        }
        return fastutilSignals.size();
    }

    @Benchmark @OperationsPerInvocation(NEIGHBOURS)
    public int signalsHppc() {
        hppcSignals.clear();
        for (long n : neighbours) {
            hppcSignals.addTo(n, 0.5f);
        }
        return hppcSignals.size();
    }

    @Benchmark @OperationsPerInvocation(NEIGHBOURS)
    public int signalsEclipse() {
        eclipseSignals.clear();
        for (long n : neighbours) {
            eclipseSignals.addToValue(n, 0.5f);
        }
        return eclipseSignals.size();
    }
}
