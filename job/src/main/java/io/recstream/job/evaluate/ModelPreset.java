package io.recstream.job.evaluate;

import io.recstream.job.LearningOptions;
import io.recstream.job.ModelOptions;

import org.apache.flink.configuration.Configuration;

import java.time.Duration;

/**
 * The models {@code evaluate --model NAME} compares. Each is the production learner with some
 * signals (and, for the single-signal baselines, the ranking model) switched off, so every figure comes from the same operators; explicit {@code -D}
 * options are applied after the preset and win.
 */
public enum ModelPreset {
    /** The production blend, exactly as configured. */
    DEFAULT {
        @Override
        public void applyTo(Configuration conf) {}
    },
    /** Plain ISGD as in the reference implementation of the protocol (docs/QUALITY.md): k=10, lr 0.05, reg 0.01, factor score only. */
    ISGD {
        @Override
        public void applyTo(Configuration conf) {
            conf.set(LearningOptions.DIM, 10);
            conf.set(LearningOptions.LEARNING_RATE, 0.05f);
            conf.set(LearningOptions.REGULARIZATION, 0.01f);
            conf.set(LearningOptions.LOSS, io.recstream.learn.LearningConfig.Loss.ISGD);
            conf.set(LearningOptions.NEGATIVES, 0);
            conf.set(LearningOptions.ITEM_BIASES, false);
            onlyWeights(conf, 1f, 0f, 0f);
        }
    },
    /** Most popular items so far (plain counts, no decay). */
    POP {
        @Override
        public void applyTo(Configuration conf) {
            conf.set(LearningOptions.POPULARITY_HALF_LIFE, Duration.ZERO);
            onlyWeights(conf, 0f, 0f, 1f);
        }
    },
    /** The factor model alone, as trained by default (BPR, k=32, item biases, 10 negatives). */
    FACTOR {
        @Override
        public void applyTo(Configuration conf) {
            onlyWeights(conf, 1f, 0f, 0f);
        }
    },
    /** Recency-weighted item co-occurrence alone. */
    COOC {
        @Override
        public void applyTo(Configuration conf) {
            onlyWeights(conf, 0f, 1f, 0f);
        }
    };

    public abstract void applyTo(Configuration conf);

    /** One signal alone, in the order it scores: no ranking model re-ordering it. */
    private static void onlyWeights(Configuration conf, float factor, float cooccurrence, float popularity) {
        conf.set(ModelOptions.RANKER_ENABLED, false);
        conf.set(LearningOptions.FACTOR_WEIGHT, factor);
        conf.set(LearningOptions.COOCCURRENCE_WEIGHT, cooccurrence);
        conf.set(LearningOptions.POPULARITY_WEIGHT, popularity);
    }
}
