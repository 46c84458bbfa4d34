package io.recstream.bench;

import io.recstream.recommend.CandidateList;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * {@link RecommenderBenchmark}'s lists for two builds in one JVM, round by round in turn, as
 * {@link LearnerPairs} does for learning: each build in a class loader of its own (its classes
 * first, then a benchmarks jar), both listing for the same users, the order of the pair swapped
 * every round, CPU time of this thread per list. It checks that both builds made the same lists,
 * to the bit (a checksum of every item, score, feature and reason of every list).
 * <pre>
 * java -cp bench/target/benchmarks.jar io.recstream.bench.RecommenderPairs &lt;jar or classes of A&gt; &lt;jar or classes of B&gt; [rounds [lists [context items]]]
 * </pre>
 * A build's path may name several jars or folders ({@code :} between them), searched in that order.
 * {@code rounds} default 200, {@code lists} per round 5,000, context items the default; the first
 * quarter of the rounds warms up.
 */
public final class RecommenderPairs {
    private RecommenderPairs() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        int lists = args.length > 3 ? Integer.parseInt(args[3]) : 5_000;
        int contextItems = args.length > 4 ? Integer.parseInt(args[4]) : 0;
        URL own = RecommenderPairs.class.getProtectionDomain().getCodeSource().getLocation();
        Object[] drivers = new Object[2];
        Method[] run = new Method[2];
        Method[] checksum = new Method[2];
        for (int b = 0; b < 2; b++) {
            String[] paths = args[b].split(File.pathSeparator);
            URL[] urls = new URL[paths.length + 1];
            for (int n = 0; n < paths.length; n++) {
                urls[n] = Path.of(paths[n]).toUri().toURL();
            }
            urls[paths.length] = own;
            ClassLoader loader = new DriverLoader(urls);
            Class<?> c = Class.forName(Driver.class.getName(), true, loader);
            drivers[b] = c.getConstructor(int.class).newInstance(contextItems);
            run[b] = c.getMethod("run", int.class);
            checksum[b] = c.getMethod("checksum");
        }
        double[][] micros = new double[2][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < 2; k++) {
                int b = (k + r) % 2;
                micros[b][r] = (long) run[b].invoke(drivers[b], lists) / 1e3 / lists;
            }
        }
        int warmUp = rounds / 4;
        double[] a = Arrays.copyOfRange(micros[0], warmUp, rounds);
        double[] b = Arrays.copyOfRange(micros[1], warmUp, rounds);
        double[] ratio = new double[a.length];
        for (int n = 0; n < a.length; n++) {
            ratio[n] = b[n] / a[n];
        }
        Arrays.sort(a);
        Arrays.sort(b);
        Arrays.sort(ratio);
        boolean same = (long) checksum[0].invoke(drivers[0]) == (long) checksum[1].invoke(drivers[1]);
        System.out.printf("%d rounds of %,d lists (%d warming up): A min %.2f median %.2f µs of CPU per list; B min %.2f median %.2f;"
                        + " B/A in the same round: median %.3f, quartiles %.3f-%.3f; lists %s%n",
                rounds, lists, warmUp, a[0], a[a.length / 2], b[0], b[b.length / 2],
                ratio[ratio.length / 2], ratio[ratio.length / 4], ratio[3 * ratio.length / 4], same ? "the same" : "DIFFERENT");
    }

    /** A build's class loader: its path, then the benchmarks jar; the driver's own bytes defined in it, so it links to that build. */
    private static final class DriverLoader extends URLClassLoader {
        DriverLoader(URL[] path) {
            super(path, ClassLoader.getPlatformClassLoader());
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            if (!name.equals(Driver.class.getName()) && !name.equals(RecommenderBenchmark.class.getName())) {
                return super.findClass(name);
            }
            String file = name.substring(name.lastIndexOf('.') + 1) + ".class";
            try (InputStream in = RecommenderPairs.class.getResourceAsStream(file)) {
                byte[] bytes = in.readAllBytes();
                return defineClass(name, bytes, 0, bytes.length);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null && (name.equals(Driver.class.getName()) || name.equals(RecommenderBenchmark.class.getName()))) {
                    c = findClass(name);
                }
                return c != null ? c : super.loadClass(name, resolve);
            }
        }
    }

    /** One build's lists, as {@link RecommenderBenchmark} makes them. */
    public static final class Driver {
        private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        private final RecommenderBenchmark lists = new RecommenderBenchmark();
        private long checksum;

        /** @param contextItems 0: the default */
        public Driver(int contextItems) {
            lists.contextItems = contextItems > 0 ? contextItems : io.recstream.learn.LearningConfig.builder().build().contextItems;
            lists.setUp();
        }

        /** Makes the next {@code n} lists; returns the CPU time it took this thread, in nanoseconds. */
        public long run(int n) {
            long before = threads.getCurrentThreadCpuTime();
            long h = checksum;
            for (int k = 0; k < n; k++) {
                h = fold(h, lists.recommend());
            }
            long nanos = threads.getCurrentThreadCpuTime() - before;
            checksum = h;
            return nanos;
        }

        public long checksum() {
            return checksum;
        }

        private static long fold(long h, CandidateList list) {
            for (int n = 0; n < list.itemIds.length; n++) {
                h = h * 31 + list.itemIds[n];
                h = h * 31 + Float.floatToIntBits(list.scores[n]);
                h = h * 31 + list.reasons[n];
                h = h * 31 + (list.reasonItems[n] == null ? 0 : list.reasonItems[n].hashCode());
            }
            for (float f : list.features) {
                h = h * 31 + Float.floatToIntBits(f);
            }
            return h;
        }
    }
}
