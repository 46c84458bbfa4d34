package io.recstream.ranking;

/**
 * A trained ranking model as the ONNX graph computes it: raw features {@code x} (standardisation
 * folded into the first layer) to {@code sigmoid(w2 . relu(x W1 + b1) + b2)}. Weights are float32,
 * as exported; the forward pass here runs in double, as the reference the export is tested against.
 */
public final class RankingMlp {
    public final int inputs;
    public final int hidden;
    /** Row-major {@code [inputs, hidden]}. */
    final float[] w1;
    final float[] b1;
    /** {@code [hidden]}: the output layer's weights. */
    final float[] w2;
    final float b2;
    /** The training rows' means and standard deviations, already folded into w1 and b1: for the metadata. */
    final double[] means;
    final double[] stds;
    /** Whether its training rows held re-find candidates, so that its order of them counts ({@code ListOrder}). */
    public final boolean ranksRefind;

    RankingMlp(int inputs, int hidden, float[] w1, float[] b1, float[] w2, float b2, double[] means, double[] stds,
               boolean ranksRefind) {
        this.inputs = inputs;
        this.hidden = hidden;
        this.w1 = w1;
        this.b1 = b1;
        this.w2 = w2;
        this.b2 = b2;
        this.means = means;
        this.stds = stds;
        this.ranksRefind = ranksRefind;
    }

    /** The score of the row at {@code features[offset ...]}: the probability the exported model gives. */
    public double probability(float[] features, int offset) {
        double logit = b2;
        for (int h = 0; h < hidden; h++) {
            double pre = b1[h];
            for (int i = 0; i < inputs; i++) {
                pre += features[offset + i] * (double) w1[i * hidden + h];
            }
            if (pre > 0) {
                logit += pre * w2[h];
            }
        }
        return 1.0 / (1.0 + Math.exp(-logit));
    }

    /** Scores of {@code rows} rows of {@code features}, from its start. */
    public float[] score(float[] features, int rows) {
        float[] scores = new float[rows];
        for (int r = 0; r < rows; r++) {
            scores[r] = (float) probability(features, r * inputs);
        }
        return scores;
    }
}
