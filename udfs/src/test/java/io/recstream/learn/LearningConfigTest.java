package io.recstream.learn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recstream.event.EventType;

import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;

class LearningConfigTest {
    @Test
    void typeWeightsDefaultAndOverride() {
        LearningConfig c = LearningConfig.builder().typeWeight(EventType.VIEW, 0.5f).build();
        assertThat(c.weightOf(EventType.VIEW)).isEqualTo(0.5f);
        assertThat(c.weightOf(EventType.PURCHASE)).isEqualTo(1f);
        assertThat(c.weightOf(EventType.SEARCH)).isEqualTo(0f);
    }

    @Test
    void toBuilderCopiesEverySetting() {
        LearningConfig c = LearningConfig.builder().dim(4).learningRate(0.2f).regularization(0.3f)
                .initStdDev(0.4f).maxNorm(5f).itemBiases(true).seed(6L).negatives(7).recentItems(8)
                .recencyDecay(0.5f).maxSeen(9).neighboursPerItem(11).popularityHalfLifeMs(12L).topK(13)
                .trendingCandidates(14).factorWeight(1.5f).cooccurrenceWeight(2.5f).popularityWeight(3.5f)
                .typeWeight(EventType.CART, 9f).build();
        LearningConfig copy = c.toBuilder().build();
        assertThat(copy).usingRecursiveComparison().isEqualTo(c);
        // the copy's weights are its own
        c.toBuilder().typeWeight(EventType.CART, 1f).build();
        assertThat(copy.weightOf(EventType.CART)).isEqualTo(9f);
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> LearningConfig.builder().dim(0).build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LearningConfig.builder().topK(0).build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LearningConfig.builder().learningRate(Float.NaN).build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LearningConfig.builder().maxNorm(0f).build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LearningConfig.builder().regularization(-1f).build()).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void survivesJavaSerialisation() throws Exception {
        LearningConfig c = LearningConfig.builder().dim(8).typeWeight(EventType.VIEW, 0.25f).build();
        LearningConfig back = InstantiationUtil.clone(c);
        assertThat(back).usingRecursiveComparison().isEqualTo(c);
        assertThat(back.weightOf(EventType.VIEW)).isEqualTo(0.25f);
    }
}
