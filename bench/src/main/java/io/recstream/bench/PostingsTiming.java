package io.recstream.bench;

import com.carrotsearch.hppc.IntFloatHashMap;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The list-time cost of {@link CoCountForms.Postings}' feature, in this thread's CPU time (not wall
 * time: the machine is shared): for one list, 30 candidates against the user's 20 context items,
 * each item holding the sorted ids of its last M users. Two ways, same result: 600 merges (each
 * candidate's posting against each context item's), or one map of the context's users to their
 * summed weight ({@code decay^k / users(i_k)^0.2}) probed with each candidate's M users.
 * Postings are drawn from {@code USERS} users with a popular head (a user's id is the square of
 * a uniform draw's fraction, so postings overlap as popular items' do).
 *
 * <pre>java -cp bench/target/benchmarks.jar io.recstream.bench.PostingsTiming [M ...]</pre>
 */
public final class PostingsTiming {
    private static final int CONTEXT = 20;
    private static final int CANDIDATES = 30;
    private static final int USERS = 100_000;
    private static final int LISTS = 20_000;

    private PostingsTiming() {}

    public static void main(String[] args) {
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        for (String arg : args.length == 0 ? new String[] {"64", "128", "256"} : args) {
            int m = Integer.parseInt(arg);
            SplittableRandom random = new SplittableRandom(7);
            int[][] postings = new int[1024][];
            for (int i = 0; i < postings.length; i++) {
                postings[i] = posting(random, m);
            }
            float[] s = new float[CANDIDATES];
            IntFloatHashMap weights = new IntFloatHashMap(CONTEXT * m * 2);
            double sink = 0;
            int[] bases = random.ints(LISTS, 0, postings.length - CONTEXT - CANDIDATES).toArray();
            for (int round = 0; round < 5; round++) { // the first rounds warm up
                long t0 = cpu.getCurrentThreadCpuTime();
                for (int base : bases) {
                    Arrays.fill(s, 0f);
                    float w = 1f;
                    for (int k = 0; k < CONTEXT; k++, w *= 0.8f) {
                        int[] context = postings[base + k];
                        for (int c = 0; c < CANDIDATES; c++) {
                            s[c] += w * CoCountForms.overlap(context, postings[base + CONTEXT + c]);
                        }
                    }
                    sink += s[0];
                }
                long t1 = cpu.getCurrentThreadCpuTime();
                for (int base : bases) {
                    weights.clear();
                    float w = 1f;
                    for (int k = 0; k < CONTEXT; k++, w *= 0.8f) {
                        for (int user : postings[base + k]) {
                            weights.addTo(user, w);
                        }
                    }
                    for (int c = 0; c < CANDIDATES; c++) {
                        float sum = 0f;
                        for (int user : postings[base + CONTEXT + c]) {
                            sum += weights.getOrDefault(user, 0f);
                        }
                        s[c] = sum;
                    }
                    sink += s[0];
                }
                long t2 = cpu.getCurrentThreadCpuTime();
                if (round >= 2) {
                    System.out.printf("M %d round %d: 600 merges %.1f us per list, context map %.1f us per list%n", m, round,
                            (t1 - t0) / 1e3 / LISTS, (t2 - t1) / 1e3 / LISTS);
                }
            }
            System.out.println("(sink " + sink + ")");
        }
    }

    private static int[] posting(SplittableRandom random, int m) {
        int[] ids = new int[m];
        for (int n = 0; n < m; n++) {
            double u = random.nextDouble();
            ids[n] = (int) (u * u * USERS);
        }
        Arrays.sort(ids);
        return Arrays.stream(ids).distinct().toArray();
    }
}
