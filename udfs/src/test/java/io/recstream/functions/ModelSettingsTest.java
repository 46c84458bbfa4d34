package io.recstream.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;

class ModelSettingsTest {
    @Test
    void defaultsAndBuilder() {
        ModelSettings defaults = ModelSettings.of("classpath:models/ranking-v1.onnx");
        assertThat(defaults.poolSize).isEqualTo(1);
        assertThat(defaults.intraOpThreads).isEqualTo(1);
        assertThat(defaults.maxBatchRows).isEqualTo(256);
        assertThat(defaults.maxBatchDelayMillis).isEqualTo(2);
        ModelSettings tuned = defaults.toBuilder().poolSize(2).maxBatchRows(100).maxBatchDelayMillis(0).build();
        assertThat(tuned.location).isEqualTo(defaults.location);
        assertThat(tuned.poolSize).isEqualTo(2);
        assertThat(tuned.maxBatchRows).isEqualTo(100);
        assertThat(tuned.maxBatchDelayMillis).isZero();
        assertThat(tuned.toBuilder().build()).isEqualTo(tuned).hasSameHashCodeAs(tuned);
        assertThat(AsyncIntent.defaultSettings().maxBatchRows).isEqualTo(32);
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> ModelSettings.builder(" ").build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ModelSettings.builder("m").poolSize(0).build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ModelSettings.builder("m").intraOpThreads(0).build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ModelSettings.builder("m").maxBatchRows(0).build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ModelSettings.builder("m").maxBatchDelayMillis(-1).build()).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theFunctionsSurviveJavaSerialisationAsFlinkShipsThem() throws Exception {
        ModelSettings settings = ModelSettings.builder("/models/ranking-v2.onnx").poolSize(3).build();
        assertThat(InstantiationUtil.clone(settings)).isEqualTo(settings);
        assertThat(InstantiationUtil.clone(new AsyncRanker(settings))).isNotNull();
        assertThat(InstantiationUtil.clone(new AsyncIntent())).isNotNull();
    }
}
