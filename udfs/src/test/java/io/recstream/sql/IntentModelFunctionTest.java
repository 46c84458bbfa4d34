package io.recstream.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.recstream.models.IntentModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class IntentModelFunctionTest {

    @AfterEach
    void clearProperty() {
        System.clearProperty(IntentModelFunction.LOCATION_KEY);
    }

    @Test
    void constructorWinsOverPropertyWhichWinsOverTheDefault() {
        if (System.getenv(IntentModelFunction.LOCATION_ENV) == null) {
            assertThat(new IntentFunction().modelLocation(null)).isEqualTo(IntentModel.DEFAULT_LOCATION);
        }
        System.setProperty(IntentModelFunction.LOCATION_KEY, "/models/from-property.onnx");
        assertThat(new IntentScoresFunction().modelLocation(null)).isEqualTo("/models/from-property.onnx");
        assertThat(new IntentFunction("classpath:models/intent-movielens.onnx").modelLocation(null))
                .isEqualTo("classpath:models/intent-movielens.onnx");
    }

    @Test
    void openAndCloseOutsideFlink() throws Exception {
        IntentFunction intent = new IntentFunction();
        intent.open(null);
        try {
            assertThat(intent.eval("rake and compost")).isEqualTo("garden");
            assertThat(intent.eval(null)).isNull();
        } finally {
            intent.close();
        }
    }
}
