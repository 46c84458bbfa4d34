package io.recstream.bench;

import io.recstream.event.Event;
import io.recstream.job.evaluate.ExampleLog;
import io.recstream.ranking.FeatureMask;
import io.recstream.ranking.RankingLists;
import io.recstream.ranking.RankingMlp;
import io.recstream.ranking.RankingTrainer;
import io.recstream.recommend.ListOrder;
import io.recstream.recommend.RankingFeatures;
import io.recstream.replay.RatingsFile;

import com.carrotsearch.hppc.LongArrayList;
import com.carrotsearch.hppc.LongHashSet;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * {@code ./recstream evaluate --retrain-every N} without the job, to compare ranking features and
 * trainer recipes in a fraction of its time: it reads the ranking examples of a blend run
 * ({@code --log-examples}, lists that hold their target, every candidate) and the ratings file
 * (for the times at which the job retrains: every N-th evaluated event), keeps the target and a
 * sample of the other candidates of each list as {@code RetrainingRanker} does, trains at each of
 * those times on the kept lists of strictly earlier events, and ranks the lists of the events
 * from then until the next time. Prints recall@10 over every evaluated event (a list without its
 * target is a miss whatever the order), and per model. Its figures differ from the job's in the
 * fourth digit (features rounded to 6 digits in the log, lists at the very time of a retraining
 * ranked by the new model); they are for comparing features and recipes with each other.
 *
 * <pre>java -cp bench/target/benchmarks.jar io.recstream.bench.RetrainingReplay EXAMPLES RATINGS N
 *     [features=0-14,16] [epochs=5] [negatives=20] [hidden=32] [lr=0.005] [seed=S] [mix=RANK:0,0.5,1]</pre>
 *
 * {@code features} names the columns the models may read (the others are set to 0 before
 * training and scoring: a constant column gets no weight). {@code mix} also counts the hits of
 * each model's logit mixed with the blend's order ({@link OrderMix}) at each of the weights.
 */
public final class RetrainingReplay {
    private static final int K = 10;

    private RetrainingReplay() {}

    public static void main(String[] args) throws Exception {
        RankingLists all = ExampleLog.read(Path.of(args[0]));
        Schedule schedule = Schedule.of(RatingsFile.read(Path.of(args[1])), Integer.parseInt(args[2]));
        long[] retrainAt = schedule.retrainAt();
        RankingTrainer.Settings defaults = RankingTrainer.Settings.defaults();
        FeatureMask used = FeatureMask.all();
        int epochs = defaults.epochs();
        int negatives = defaults.negativesPerList();
        int hidden = defaults.hidden();
        double lr = defaults.learningRate();
        long seed = defaults.seed();
        OrderMix mix = null;
        double[] weights = {};
        for (int a = 3; a < args.length; a++) {
            String[] kv = args[a].split("=", 2);
            switch (kv[0]) {
                case "features" -> used = FeatureMask.parse(kv[1]);
                case "epochs" -> epochs = Integer.parseInt(kv[1]);
                case "negatives" -> negatives = Integer.parseInt(kv[1]);
                case "hidden" -> hidden = Integer.parseInt(kv[1]);
                case "lr" -> lr = Double.parseDouble(kv[1]);
                case "seed" -> seed = Long.parseLong(kv[1]);
                case "mix" -> {
                    String[] mw = kv[1].split(":", 2);
                    mix = OrderMix.valueOf(mw[0]);
                    weights = Arrays.stream(mw[1].split(",")).mapToDouble(Double::parseDouble).toArray();
                }
                default -> throw new IllegalArgumentException("unknown option " + args[a]);
            }
        }
        RankingTrainer.Settings settings = new RankingTrainer.Settings(hidden, epochs, lr, defaults.l2(),
                defaults.batchLists(), negatives, seed);
        used.apply(all);
        RankingLists kept = kept(all, 2 * negatives, seed);
        long evaluated = schedule.evaluated();

        int hits = 0;
        int list = 0;
        RankingMlp model = null;
        int modelIndex = -1;
        int modelHits = 0;
        int modelLists = 0;
        int[] mixHits = new int[weights.length];
        for (int k = 0; k <= retrainAt.length; k++) {
            long until = k < retrainAt.length ? retrainAt[k] : Long.MAX_VALUE;
            for (; list < all.lists() && all.time(list) < until; list++) {
                boolean hit = rankOfPositive(all, list, model) < K;
                hits += hit ? 1 : 0;
                modelHits += hit ? 1 : 0;
                modelLists++;
                for (int w = 0; w < weights.length; w++) {
                    boolean mixHit = model == null ? hit : mixedRank(all, list, model, mix, weights[w]) < K;
                    mixHits[w] += mixHit ? 1 : 0;
                }
            }
            if (modelLists > 0) {
                System.out.printf(Locale.ROOT, "  %s: %,d of %,d lists hit%n",
                        modelIndex < 0 ? "blend" : "model " + (modelIndex + 1), modelHits, modelLists);
            }
            if (k < retrainAt.length) {
                int to = kept.firstAtOrAfter(until);
                if (to > 0) {
                    model = RankingTrainer.train(kept, 0, to, settings);
                    modelIndex = k;
                }
                modelHits = 0;
                modelLists = 0;
            }
        }
        System.out.printf(Locale.ROOT, "recall@10=%.4f hits=%d evaluated=%d lists=%d (%s)%n",
                hits / (double) evaluated, hits, evaluated, all.lists(), String.join(" ", Arrays.copyOfRange(args, 3, args.length)));
        for (int w = 0; w < weights.length; w++) {
            System.out.printf(Locale.ROOT, "  mix %s w=%s: recall@10=%.4f hits=%d%n", mix, weights[w], mixHits[w] / (double) evaluated, mixHits[w]);
        }
    }

    /** The evaluated events (interactions of known users) of a log, and where the job retrains: every {@code every}-th of them. */
    private record Schedule(long evaluated, long[] retrainAt) {
        static Schedule of(List<Event> events, int every) {
            LongHashSet users = new LongHashSet();
            LongArrayList times = new LongArrayList();
            long evaluated = 0;
            for (Event e : events) {
                if (!users.add(e.userId) && ++evaluated % every == 0) {
                    times.add(e.ts);
                }
            }
            return new Schedule(evaluated, times.toArray());
        }
    }

    /** Each list's target and {@code keep} other candidates, sampled as {@code RetrainingRanker} samples them. */
    private static RankingLists kept(RankingLists all, int keep, long seed) {
        SplittableRandom sampler = new SplittableRandom(seed);
        RankingLists kept = new RankingLists();
        for (int l = 0; l < all.lists(); l++) {
            int start = all.start(l);
            kept.addSample(all.time(l), all.features(), start, all.size(l), all.positive(l) - start, keep, sampler);
        }
        return kept;
    }

    /** The positive's rank in list {@code list} ordered by {@code model} as the job orders it (the blend's order without one). */
    private static int rankOfPositive(RankingLists all, int list, RankingMlp model) {
        int start = all.start(list);
        int positive = all.positive(list) - start;
        if (model == null) {
            return positive;
        }
        int size = all.size(list);
        float[] rows = Arrays.copyOfRange(all.features(), start * RankingFeatures.COUNT, (start + size) * RankingFeatures.COUNT);
        int[] order = ListOrder.of(model.score(rows, size), rows, null, size, !model.ranksRefind);
        int rank = 0;
        while (order[rank] != positive) {
            rank++;
        }
        return rank;
    }

    /** The positive's rank in list {@code list} ordered by {@code model}'s logit mixed with the blend's order. */
    private static int mixedRank(RankingLists all, int list, RankingMlp model, OrderMix mix, double w) {
        int start = all.start(list);
        int size = all.size(list);
        float[] rows = Arrays.copyOfRange(all.features(), start * RankingFeatures.COUNT, (start + size) * RankingFeatures.COUNT);
        return mix.rankOfPositive(model.score(rows, size), rows, size, all.positive(list) - start, w, !model.ranksRefind);
    }
}
