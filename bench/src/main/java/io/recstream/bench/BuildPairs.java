package io.recstream.bench;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Two builds' work in one JVM, round by round in turn (the harness of {@link LearnerPairs} and
 * {@link RecommenderPairs}). Each build runs a driver in a class loader of its own: the build's path
 * first, then the benchmarks jar, with the driver's own classes defined in that loader from the
 * jar's bytes so that they link to that build. The order of the pair swaps every round, so other
 * work on the machine weighs on both builds' rounds alike, where two JVMs one after the other each
 * meet another load. A driver has a public constructor taking one {@code int}, {@code long run(int n)}
 * (the CPU nanoseconds of this thread for {@code n} units of work) and {@code long checksum()} (of
 * everything it made, to tell whether both builds made the same).
 */
final class BuildPairs {
    private final Object[] drivers = new Object[2];
    private final Method[] run = new Method[2];
    private final Method[] checksum = new Method[2];

    /**
     * @param paths each build's path: jars or folders, {@code :} between them, searched in that order
     * @param own the driver class and any other class to define from the benchmarks jar in each build's loader
     */
    BuildPairs(String[] paths, int argument, Class<?> driver, Class<?>... own) throws Exception {
        URL jar = BuildPairs.class.getProtectionDomain().getCodeSource().getLocation();
        Set<String> defined = Stream.concat(Stream.of(driver), Stream.of(own)).map(Class::getName).collect(Collectors.toSet());
        for (int b = 0; b < 2; b++) {
            String[] parts = paths[b].split(File.pathSeparator);
            URL[] urls = new URL[parts.length + 1];
            for (int n = 0; n < parts.length; n++) {
                urls[n] = Path.of(parts[n]).toUri().toURL();
            }
            urls[parts.length] = jar;
            Class<?> c = Class.forName(driver.getName(), true, new DriverLoader(urls, defined));
            drivers[b] = c.getConstructor(int.class).newInstance(argument);
            run[b] = c.getMethod("run", int.class);
            checksum[b] = c.getMethod("checksum");
        }
    }

    /**
     * Runs {@code rounds} rounds of {@code perRound} units for each build, the first quarter warming
     * up, and prints both builds' CPU per unit, B/A in the same round and whether their checksums agree.
     */
    void alternate(int rounds, int perRound, String unit, String made) throws Exception {
        double[][] micros = new double[2][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < 2; k++) {
                int b = (k + r) % 2;
                micros[b][r] = (long) run[b].invoke(drivers[b], perRound) / 1e3 / perRound;
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
        System.out.printf("%d rounds of %,d %ss (%d warming up): A min %.2f median %.2f µs of CPU per %s; B min %.2f median %.2f;"
                        + " B/A in the same round: median %.3f, quartiles %.3f-%.3f; %s %s%n",
                rounds, perRound, unit, warmUp, a[0], a[a.length / 2], unit, b[0], b[b.length / 2],
                ratio[ratio.length / 2], ratio[ratio.length / 4], ratio[3 * ratio.length / 4], made, same ? "the same" : "DIFFERENT");
    }

    /** A build's class loader: its path, then the benchmarks jar; the driver's own classes defined in it. */
    private static final class DriverLoader extends URLClassLoader {
        private final Set<String> defined;

        DriverLoader(URL[] path, Set<String> defined) {
            super(path, ClassLoader.getPlatformClassLoader());
            this.defined = defined;
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            if (!defined.contains(name)) {
                return super.findClass(name);
            }
            String file = name.substring(name.lastIndexOf('.') + 1) + ".class";
            try (InputStream in = BuildPairs.class.getResourceAsStream(file)) {
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
                if (c == null && defined.contains(name)) {
                    c = findClass(name);
                }
                return c != null ? c : super.loadClass(name, resolve);
            }
        }
    }
}
