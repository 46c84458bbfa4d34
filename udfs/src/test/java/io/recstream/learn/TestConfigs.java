package io.recstream.learn;

/**
 * A fixed configuration for tests that compute expected scores by hand: pointwise ISGD, the
 * symmetric unsmoothed co-occurrence and a visible popularity weight. Tests pin these so that
 * retuning the production defaults does not change what they check.
 */
public final class TestConfigs {
    private TestConfigs() {}

    public static LearningConfig.Builder handComputable() {
        return LearningConfig.builder()
                .loss(LearningConfig.Loss.ISGD)
                .negatives(0)
                .itemBiases(false)
                .recencyDecay(0.9f)
                .contextDecay(0.9f)
                .backwardCooccurrence(1f)
                .cooccurrenceSmoothing(0f)
                .neighboursPerItem(50)
                .factorWeight(1f)
                .cooccurrenceWeight(1f)
                .popularityWeight(0.1f)
                .refindWeight(0f);
    }
}
