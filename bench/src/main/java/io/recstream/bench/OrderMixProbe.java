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
 * ranking model), scores the lists from {@code FROM} on with the model and counts, for each mix
 * and weight, the lists whose target is in the first 10. A list without its target is a miss
 * for every order, so these counts are the job's hits on those events (the job's stage orders
 * the same rows; features are rounded to 6 digits in the log).
 *
 * <pre>java -cp bench/target/benchmarks.jar io.recstream.bench.OrderMixProbe EXAMPLES MODEL FROM [w1,w2,...]</pre>
 *
 * e.g. {@code OrderMixProbe /tmp/examples-30.csv.gz classpath:models/ranking-v6.onnx 2007-08-02T20:31:25Z}
 * for ml-latest-small's second half.
 */
public final class OrderMixProbe {
    private static final int K = 10;

    private OrderMixProbe() {}

    public static void main(String[] args) throws Exception {
        RankingLists all = ExampleLog.read(Path.of(args[0]));
        double[] weights = args.length > 3
                ? Arrays.stream(args[3].split(",")).mapToDouble(Double::parseDouble).toArray()
                : new double[] {0, 0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1, 1.5, 2, 3};
        int from = all.firstAtOrAfter(Instant.parse(args[2]).toEpochMilli());
        OrderMix[] mixes = OrderMix.values();
        int[][] hits = new int[mixes.length][weights.length];
        int blendHits = 0;
        try (RankingModel model = RankingModel.load(args[1])) {
            boolean keep = !model.ranksRefind();
            for (int list = from; list < all.lists(); list++) {
                int start = all.start(list);
                int size = all.size(list);
                int positive = all.positive(list) - start;
                blendHits += positive < K ? 1 : 0;
                float[] rows = Arrays.copyOfRange(all.features(), start * RankingFeatures.COUNT, (start + size) * RankingFeatures.COUNT);
                float[] p = model.score(rows, size);
                for (int m = 0; m < mixes.length; m++) {
                    for (int w = 0; w < weights.length; w++) {
                        if (mixes[m].rankOfPositive(p, rows, size, positive, weights[w], keep) < K) {
                            hits[m][w]++;
                        }
                    }
                }
            }
            System.out.printf(Locale.ROOT, "%s, %,d lists from %s that hold their target; blend alone %,d hits%n",
                    model.version(), all.lists() - from, args[2], blendHits);
        }
        for (int m = 0; m < mixes.length; m++) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-7s", mixes[m]));
            for (int w = 0; w < weights.length; w++) {
                line.append(String.format(Locale.ROOT, " w=%s: %,d", weights[w], hits[m][w]));
            }
            System.out.println(line);
        }
    }
}
