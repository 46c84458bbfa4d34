package io.recstream.ranking;

import io.recstream.recommend.RankingFeatures;

import java.io.Serializable;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Trains a {@link RankingMlp} on ranking lists: each list gives its positive (label 1) and a
 * sample of its other candidates (label 0), features standardised by the training rows' means
 * and deviations, binary cross-entropy, Adam. The standardisation is folded into the first layer
 * afterwards, so the model takes raw features. A feature constant over the training rows taught
 * nothing: its weights are 0, so a value of it never seen in training (a re-find candidate for a
 * model trained on a log without repeats) does not move the score. Deterministic given the lists
 * and the seed.
 */
public final class RankingTrainer {
    /**
     * @param negativesPerList candidates other than the positive sampled per list and epoch
     * @param batchLists lists per Adam step
     */
    public record Settings(int hidden, int epochs, double learningRate, double l2, int batchLists,
                           int negativesPerList, long seed) implements Serializable {
        /** ranking-v1's architecture and step size, fewer epochs (retraining runs often); not tuned. */
        public static Settings defaults() {
            return new Settings(32, 5, 0.005, 1e-4, 32, 20, 20240601L);
        }

        public Settings withSeed(long s) {
            return new Settings(hidden, epochs, learningRate, l2, batchLists, negativesPerList, s);
        }
    }

    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPSILON = 1e-8;

    private RankingTrainer() {}

    /** Trains on lists {@code [from, to)} of {@code data}. */
    public static RankingMlp train(RankingLists data, int from, int to, Settings s) {
        if (to <= from) {
            throw new IllegalArgumentException("no lists to train on");
        }
        int d = RankingFeatures.COUNT;
        int h = s.hidden();
        float[] x = data.features();
        int firstRow = data.start(from);
        int lastRow = data.start(to - 1) + data.size(to - 1);
        double[] mean = new double[d];
        double[] std = new double[d];
        standardisation(x, firstRow, lastRow, d, mean, std);

        SplittableRandom random = new SplittableRandom(s.seed());
        // parameters: w1 [d, h], b1 [h], w2 [h], b2 [1], in one array so one Adam loop updates all
        int w1 = 0;
        int b1 = d * h;
        int w2 = b1 + h;
        int b2 = w2 + h;
        double[] p = new double[b2 + 1];
        for (int i = 0; i < d * h; i++) {
            p[w1 + i] = gaussian(random) * Math.sqrt(2.0 / d);
        }
        for (int i = 0; i < h; i++) {
            p[w2 + i] = gaussian(random) * Math.sqrt(1.0 / h);
        }
        double baseRate = 1.0 / (1.0 + Math.min(s.negativesPerList(), (lastRow - firstRow) / (double) (to - from) - 1));
        p[b2] = Math.log(baseRate / (1.0 - baseRate));
        double[] grad = new double[p.length];
        double[] m = new double[p.length];
        double[] v = new double[p.length];

        int lists = to - from;
        int[] order = new int[lists];
        for (int i = 0; i < lists; i++) {
            order[i] = from + i;
        }
        int[] negatives = new int[maxSize(data, from, to)];
        double[] xs = new double[d];
        double[] pre = new double[h];
        long step = 0;
        for (int epoch = 0; epoch < s.epochs(); epoch++) {
            shuffle(order, random);
            for (int batch = 0; batch < lists; batch += s.batchLists()) {
                Arrays.fill(grad, 0.0);
                int batchRows = 0;
                for (int k = batch; k < Math.min(lists, batch + s.batchLists()); k++) {
                    int list = order[k];
                    int start = data.start(list);
                    int positive = data.positive(list);
                    accumulate(x, positive, 1.0, mean, std, p, grad, xs, pre, d, h);
                    batchRows++;
                    int count = 0;
                    for (int r = start; r < start + data.size(list); r++) {
                        if (r != positive) {
                            negatives[count++] = r;
                        }
                    }
                    int sampled = Math.min(s.negativesPerList(), count);
                    for (int n = 0; n < sampled; n++) { // a partial Fisher-Yates shuffle: no row twice
                        int pick = n + random.nextInt(count - n);
                        int row = negatives[pick];
                        negatives[pick] = negatives[n];
                        negatives[n] = row;
                        batchRows++;
                        accumulate(x, row, 0.0, mean, std, p, grad, xs, pre, d, h);
                    }
                }
                step++;
                double correction1 = 1 - Math.pow(BETA1, step);
                double correction2 = 1 - Math.pow(BETA2, step);
                for (int i = 0; i < p.length; i++) {
                    double g = grad[i] / batchRows + (i < b1 || (i >= w2 && i < b2) ? s.l2() * p[i] : 0.0);
                    m[i] = BETA1 * m[i] + (1 - BETA1) * g;
                    v[i] = BETA2 * v[i] + (1 - BETA2) * g * g;
                    p[i] -= s.learningRate() * (m[i] / correction1) / (Math.sqrt(v[i] / correction2) + EPSILON);
                }
            }
        }
        boolean[] constant = constantColumns(x, firstRow, lastRow, d);
        for (int i = 0; i < d; i++) {
            if (constant[i]) {
                Arrays.fill(p, i * h, (i + 1) * h, 0.0);
            }
        }
        return folded(p, d, h, mean, std, !constant[RankingFeatures.REFIND]);
    }

    /** Per feature: whether every row of {@code [from, to)} has the same value. */
    private static boolean[] constantColumns(float[] x, int from, int to, int d) {
        boolean[] constant = new boolean[d];
        Arrays.fill(constant, true);
        for (int r = from + 1; r < to; r++) {
            for (int i = 0; i < d; i++) {
                if (x[r * d + i] != x[from * d + i]) {
                    constant[i] = false;
                }
            }
        }
        return constant;
    }

    /** Adds one row's gradient of the cross-entropy to {@code grad}. */
    private static void accumulate(float[] x, int row, double label, double[] mean, double[] std, double[] p, double[] grad,
                                  double[] xs, double[] pre, int d, int h) {
        int b1 = d * h;
        int w2 = b1 + h;
        int b2 = w2 + h;
        for (int i = 0; i < d; i++) {
            xs[i] = (x[row * d + i] - mean[i]) / std[i];
        }
        double logit = p[b2];
        for (int j = 0; j < h; j++) {
            double a = p[b1 + j];
            for (int i = 0; i < d; i++) {
                a += xs[i] * p[i * h + j];
            }
            pre[j] = a;
            if (a > 0) {
                logit += a * p[w2 + j];
            }
        }
        double out = 1.0 / (1.0 + Math.exp(-logit)) - label; // d loss / d logit
        grad[b2] += out;
        for (int j = 0; j < h; j++) {
            if (pre[j] > 0) {
                grad[w2 + j] += out * pre[j];
                double gh = out * p[w2 + j];
                grad[b1 + j] += gh;
                for (int i = 0; i < d; i++) {
                    grad[i * h + j] += gh * xs[i];
                }
            }
        }
    }

    /** relu(((x - mean) / std) W1 + b1) == relu(x (W1 / std) + (b1 - (mean / std) W1)). */
    private static RankingMlp folded(double[] p, int d, int h, double[] mean, double[] std, boolean ranksRefind) {
        float[] w1 = new float[d * h];
        float[] b1 = new float[h];
        float[] w2 = new float[h];
        for (int j = 0; j < h; j++) {
            double bias = p[d * h + j];
            for (int i = 0; i < d; i++) {
                w1[i * h + j] = (float) (p[i * h + j] / std[i]);
                bias -= mean[i] / std[i] * p[i * h + j];
            }
            b1[j] = (float) bias;
            w2[j] = (float) p[d * h + h + j];
        }
        return new RankingMlp(d, h, w1, b1, w2, (float) p[d * h + 2 * h], mean, std, ranksRefind);
    }

    /** Means and standard deviations of rows {@code [from, to)}; a constant column keeps deviation 1. */
    private static void standardisation(float[] x, int from, int to, int d, double[] mean, double[] std) {
        int n = to - from;
        for (int r = from; r < to; r++) {
            for (int i = 0; i < d; i++) {
                mean[i] += x[r * d + i];
            }
        }
        for (int i = 0; i < d; i++) {
            mean[i] /= n;
        }
        for (int r = from; r < to; r++) {
            for (int i = 0; i < d; i++) {
                double c = x[r * d + i] - mean[i];
                std[i] += c * c;
            }
        }
        for (int i = 0; i < d; i++) {
            std[i] = Math.sqrt(std[i] / n);
            if (std[i] < 1e-6) {
                std[i] = 1.0;
            }
        }
    }

    private static int maxSize(RankingLists data, int from, int to) {
        int max = 0;
        for (int l = from; l < to; l++) {
            max = Math.max(max, data.size(l));
        }
        return max;
    }

    private static void shuffle(int[] a, SplittableRandom random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** A standard normal draw (Box-Muller), from {@code random} alone so training is reproducible. */
    private static double gaussian(SplittableRandom random) {
        double u = 1.0 - random.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
