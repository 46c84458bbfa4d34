package io.recstream.ranking;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class OnnxGraphWriterTest {
    private static final float SUBNORMAL = Float.MIN_NORMAL / 8;

    @Test
    void negligibleWeightsAreWrittenAsZeroAndTheOthersAsTheyAre() {
        float[] weights = {SUBNORMAL, -1e-13f, 2e-11f, -0.5f, 0f};

        assertThat(OnnxGraphWriter.withoutNegligible(weights)).containsExactly(0f, 0f, 2e-11f, -0.5f, 0f);
        assertThat(weights[0]).as("the model's own weights are left alone").isEqualTo(SUBNORMAL);
    }

    @Test
    void noSubnormalWeightReachesTheModelsBytes() {
        RankingMlp mlp = new RankingMlp(2, 1, new float[] {SUBNORMAL, 0.75f}, new float[] {0.1f}, new float[] {1.5f}, 0.25f,
                new double[] {0, 0}, new double[] {1, 1}, false);

        byte[] onnx = OnnxGraphWriter.write(mlp, "test", "test", Map.of());

        assertThat(indexOf(onnx, bytes(SUBNORMAL))).isEqualTo(-1);
        assertThat(indexOf(onnx, bytes(0.75f))).isNotEqualTo(-1);
    }

    private static byte[] bytes(float value) {
        return ByteBuffer.allocate(Float.BYTES).order(ByteOrder.LITTLE_ENDIAN).putFloat(value).array();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
