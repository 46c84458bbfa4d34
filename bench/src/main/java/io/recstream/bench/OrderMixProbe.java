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
 * How a fixed ranking model's order would read if its logit were mixed with the blend's order
 * ({@link OrderMix}), without a run of the job: it reads the ranking examples of a blend run
 * ({@code --log-examples}, the lists that hold their target, every candidate handed to the
 * ranking model), scores the lists from {@code FROM} on (to {@code TO}; ISO instants) with the
 * model and counts, for each mix and weight, the lists whose target is in the first 10, and of
 * those the lists whose target is not a re-find candidate (the hits over new items only). A list without its target is a miss
 * for every order, so these counts are the job's hits on those events (the job's stage orders
 * the same rows; features are rounded to 6 digits in the log).
 *
 * <pre>java -cp bench/target/benchmarks.jar io.recstream.bench.OrderMixProbe EXAMPLES MODEL FROM[/TO] [w1,w2,...]</pre>
 *
 * e.g. {@code OrderMixProbe /tmp/examples-30.csv.gz classpath:models/ranking-v6.onnx 2007-08-02T20:31:25Z}
 * for ml-latest-small's second half. {@code MODEL} may name several models joined by {@code +}: their
 * mean logit is then the model's score (an average of networks).
 */
public final class OrderMixProbe {
    private static final int K = 10;

    private OrderMixProbe() {}

    /** The models' mean logit as a probability: {@code MODEL} may name several, joined by {@code +}. */
    private static float[] averaged(RankingModel[] models, float[] rows, int size) {
        if (models.length == 1) {
            return models[0].score(rows, size);
        }
        double[] logits = new double[size];
        for (RankingModel model : models) {
            float[] p = model.score(rows, size);
            for (int r = 0; r < size; r++) {
                double q = Math.min(Math.max(p[r], 1e-7), 1 - 1e-7);
                logits[r] += Math.log(q / (1 - q)) / models.length;
            }
        }
        float[] mean = new float[size];
        for (int r = 0; r < size; r++) {
            mean[r] = (float) (1 / (1 + Math.exp(-logits[r])));
        }
        return mean;
    }

    public static void main(String[] args) throws Exception {
        RankingLists all = ExampleLog.read(Path.of(args[0]));
        double[] weights = args.length > 3
                ? Arrays.stream(args[3].split(",")).mapToDouble(Double::parseDouble).toArray()
                : new double[] {0, 0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1, 1.5, 2, 3};
        String[] span = args[2].split("/", 2);
        int from = all.firstAtOrAfter(Instant.parse(span[0]).toEpochMilli());
        int to = span.length > 1 ? all.firstAtOrAfter(Instant.parse(span[1]).toEpochMilli()) : all.lists();
        OrderMix[] mixes = OrderMix.values();
        int[][] hits = new int[mixes.length][weights.length];
        int[][] newItemHits = new int[mixes.length][weights.length];
        int blendHits = 0;
        int newItemLists = 0;
        String[] locations = args[1].split("\\+");
        RankingModel[] models = new RankingModel[locations.length];
        for (int m = 0; m < locations.length; m++) {
            models[m] = RankingModel.load(locations[m]);
        }
        try (RankingModel model = models[0]) {
            boolean keep = !model.ranksRefind();
            for (int list = from; list < to; list++) {
                int start = all.start(list);
                int size = all.size(list);
                int positive = all.positive(list) - start;
                blendHits += positive < K ? 1 : 0;
                boolean newItem = all.features()[(start + positive) * RankingFeatures.COUNT + RankingFeatures.REFIND] == 0f;
                newItemLists += newItem ? 1 : 0;
                float[] rows = Arrays.copyOfRange(all.features(), start * RankingFeatures.COUNT, (start + size) * RankingFeatures.COUNT);
                float[] p = averaged(models, rows, size);
                for (int m = 0; m < mixes.length; m++) {
                    for (int w = 0; w < weights.length; w++) {
                        if (mixes[m].rankOfPositive(p, rows, size, positive, weights[w], keep) < K) {
                            hits[m][w]++;
                            newItemHits[m][w] += newItem ? 1 : 0;
                        }
                    }
                }
            }
            System.out.printf(Locale.ROOT, "%s, %,d lists from %s that hold their target (%,d of a new item); blend alone %,d hits%n",
                    args[1], to - from, args[2], newItemLists, blendHits);
        }
        for (int m = 0; m < mixes.length; m++) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-7s", mixes[m]));
            for (int w = 0; w < weights.length; w++) {
                line.append(String.format(Locale.ROOT, " w=%s: %,d (new items %,d)", weights[w], hits[m][w], newItemHits[m][w]));
            }
            System.out.println(line);
        }
    }
}
