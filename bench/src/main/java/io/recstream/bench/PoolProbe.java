package io.recstream.bench;

import io.recstream.job.evaluate.ExampleLog;
import io.recstream.models.RankingModel;
import io.recstream.ranking.RankingLists;
import io.recstream.recommend.RankingFeatures;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;

/**
 * How a different pool of ranking candidates would read, without a run of the job: it reads the
 * ranking examples of a blend run with a wide list ({@code evaluate -D recstream.recommend.ranking-candidates=100
 * --log-examples}, the lists that hold their target, in blend order), cuts each list to a pool by a
 * {@code RULE}, recomputes the pool's list-relative features as the job would for that pool (the
 * share of the best co-occurrence, the gap to the best factor score, the blend rank among the
 * pool's new items), scores the pool with the model and counts the pools that hold their target
 * (recall at the pool's size) and the lists whose target the model orders in the first 10 (hits).
 * Divided by the events the run evaluated ({@code EVALUATED}: every list without its target is a
 * miss for every pool), these are the job's figures for that pool.
 *
 * <p>A rule is sources joined by {@code +}, each {@code NAME:COUNT}, filled in its order: each
 * source adds its best {@code COUNT} candidates not already in the pool. Names: {@code blend}
 * (the list's order), or a feature of {@link RankingFeatures#NAMES} (its largest values first).
 * e.g. {@code blend:30} (today's pool), {@code blend:24+factor:6}, {@code blend:100}; {@code oracle}
 * is a bound: the blend's first 29 and the target ({@link #oraclePool}).
 *
 * <p>Several models (MODEL,MODEL…) and spans (FROM[/TO],FROM[/TO]… with as many EVALUATED,EVALUATED…)
 * are probed on one reading of the examples.
 *
 * <pre>java -cp bench/target/benchmarks.jar io.recstream.bench.PoolProbe EXAMPLES MODEL FROM[/TO] EVALUATED RULE...</pre>
 */
public final class PoolProbe {
    private static final int K = 10;
    private static final int ORACLE_POOL = 30;

    private PoolProbe() {}

    /** One source of a rule: a feature column (-1: the blend's order) and how many it adds. */
    record Source(int feature, int count) {
        static Source[] parse(String rule) {
            return Arrays.stream(rule.split("\\+")).map(part -> {
                String[] nameCount = part.split(":");
                int feature = nameCount[0].equals("blend") ? -1 : Arrays.asList(RankingFeatures.NAMES).indexOf(nameCount[0]);
                if (feature < 0 && !nameCount[0].equals("blend")) {
                    throw new IllegalArgumentException("no feature " + nameCount[0]);
                }
                return new Source(feature, Integer.parseInt(nameCount[1]));
            }).toArray(Source[]::new);
        }
    }

    /** The rows of {@code list} (by index within it, in blend order) that {@code rule} puts in the pool. */
    static int[] pool(float[] features, int start, int size, Source[] rule) {
        boolean[] taken = new boolean[size];
        int taking = 0;
        for (Source source : rule) {
            for (int c = 0; c < source.count && taking < size; c++) {
                int best = -1;
                for (int r = 0; r < size; r++) {
                    if (!taken[r] && (best < 0 || source.feature >= 0
                            && features[(start + r) * RankingFeatures.COUNT + source.feature]
                                    > features[(start + best) * RankingFeatures.COUNT + source.feature])) {
                        best = r;
                        if (source.feature < 0) {
                            break;
                        }
                    }
                }
                taken[best] = true;
                taking++;
            }
        }
        int[] rows = new int[taking];
        int n = 0;
        for (int r = 0; r < size; r++) {
            if (taken[r]) {
                rows[n++] = r;
            }
        }
        return rows;
    }

    /**
     * The pool of rule {@code oracle}: the blend's first 29 and the target wherever the blend
     * ranks it, the pool of a perfect source given one place: how the model orders a target that
     * the blend leaves out of its 30 once it is in.
     */
    static int[] oraclePool(int positive) {
        int[] pool = new int[ORACLE_POOL];
        for (int n = 0; n < ORACLE_POOL - 1; n++) {
            pool[n] = n;
        }
        pool[ORACLE_POOL - 1] = Math.max(positive, ORACLE_POOL - 1);
        return pool;
    }

    /** The pool's feature rows, their list-relative features recomputed over the pool (as {@code Recommender} does). */
    static float[] poolRows(float[] features, int start, int[] pool) {
        int c = RankingFeatures.COUNT;
        float[] rows = new float[pool.length * c];
        for (int n = 0; n < pool.length; n++) {
            System.arraycopy(features, (start + pool[n]) * c, rows, n * c, c);
        }
        float bestCooccurrence = 0f;
        float bestFactor = Float.NEGATIVE_INFINITY;
        for (int n = 0; n < pool.length; n++) {
            bestCooccurrence = Math.max(bestCooccurrence, rows[n * c + RankingFeatures.COOCCURRENCE]);
            bestFactor = Math.max(bestFactor, rows[n * c + RankingFeatures.FACTOR]);
        }
        int newItemsBefore = 0;
        for (int n = 0; n < pool.length; n++) {
            int row = n * c;
            rows[row + RankingFeatures.COOCCURRENCE_SHARE] =
                    bestCooccurrence > 0f ? rows[row + RankingFeatures.COOCCURRENCE] / bestCooccurrence : 0f;
            rows[row + RankingFeatures.FACTOR_GAP] = rows[row + RankingFeatures.FACTOR] - bestFactor;
            rows[row + RankingFeatures.BLEND_RANK] = newItemsBefore;
            if (rows[row + RankingFeatures.REFIND] == 0f) {
                newItemsBefore++;
            }
        }
        return rows;
    }

    public static void main(String[] args) throws Exception {
        RankingLists all = ExampleLog.read(Path.of(args[0]));
        float[] features = all.features();
        String[] spans = args[2].split(",");
        String[] evaluatedCounts = args[3].split(",");
        for (String location : args[1].split(",")) {
            try (RankingModel model = RankingModel.load(location)) {
                for (int s = 0; s < spans.length; s++) {
                    String[] span = spans[s].split("/", 2);
                    int from = all.firstAtOrAfter(Instant.parse(span[0]).toEpochMilli());
                    int to = span.length > 1 ? all.firstAtOrAfter(Instant.parse(span[1]).toEpochMilli()) : all.lists();
                    probe(all, features, model, location, spans[s], from, to, Double.parseDouble(evaluatedCounts[s]),
                            Arrays.copyOfRange(args, 4, args.length));
                }
            }
        }
    }

    private static void probe(RankingLists all, float[] features, RankingModel model, String location, String span, int from,
            int to, double evaluated, String[] rules) {
        boolean keep = !model.ranksRefind();
        System.out.printf(Locale.ROOT, "%s, %,d lists from %s that hold their target, of %,.0f evaluated%n",
                location, to - from, span, evaluated);
        for (String ruleName : rules) {
            boolean oracle = ruleName.equals("oracle");
            Source[] rule = oracle ? null : Source.parse(ruleName);
            int held = 0;
            int hits = 0;
            int blendHits = 0;
            for (int list = from; list < to; list++) {
                int start = all.start(list);
                int positive = all.positive(list) - start;
                int[] pool = oracle ? oraclePool(positive) : pool(features, start, all.size(list), rule);
                int inPool = Arrays.binarySearch(pool, positive);
                if (inPool < 0) {
                    continue;
                }
                held++;
                blendHits += inPool < K ? 1 : 0;
                float[] rows = poolRows(features, start, pool);
                float[] p = model.score(rows, pool.length);
                if (OrderMix.RANK.rankOfPositive(p, rows, pool.length, inPool, 0, keep) < K) {
                    hits++;
                }
            }
            System.out.printf(Locale.ROOT, "%-40s pool recall %.4f (%,d)  model recall@10 %.4f (%,d hits)  pool's blend order %.4f%n",
                    ruleName, held / evaluated, held, hits / evaluated, hits, blendHits / evaluated);
        }
    }
}
