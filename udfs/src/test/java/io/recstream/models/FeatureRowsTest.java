package io.recstream.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FeatureRowsTest {
    private static final String[] WORDS = {"paperback", "novel", "usb", "cable", "red", "dress", "garden", "hose", "4k",
        "tv", "mug", "café", "running", "shoes", "kids", "lego"};

    /**
     * Batches of 1-32 texts of 0-6 words, large after small and small after large, each against
     * dense rows written from {@link TextFeatures#encode}: a feature left over from an earlier call
     * (a clearing missed), or one at the wrong row, shows as a differing float.
     */
    @Test
    void everyCallHoldsExactlyTheDenseRowsOfItsTexts() {
        TextFeatures features = new TextFeatures(512);
        FeatureRows rows = new FeatureRows(features);
        SplittableRandom random = new SplittableRandom(7);
        for (int call = 0; call < 400; call++) {
            List<String> texts = new ArrayList<>();
            int size = 1 + random.nextInt(random.nextBoolean() ? 32 : 3);
            for (int t = 0; t < size; t++) {
                StringBuilder text = new StringBuilder();
                for (int w = random.nextInt(7); w > 0; w--) {
                    text.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
                }
                texts.add(random.nextInt(20) == 0 ? null : text.toString());
            }
            float[] dense = new float[size * features.dimension()];
            for (int t = 0; t < size; t++) {
                TextFeatures.Sparse sparse = features.encode(texts.get(t));
                for (int i = 0; i < sparse.size(); i++) {
                    dense[t * features.dimension() + sparse.indices()[i]] = sparse.values()[i];
                }
            }

            FloatBuffer buffer = rows.fill(texts);

            assertThat(buffer.position()).isZero();
            assertThat(buffer.remaining()).isEqualTo(dense.length);
            assertThat(buffer.isDirect()).isTrue();
            float[] actual = new float[dense.length];
            buffer.duplicate().get(actual);
            assertThat(actual).as("call %d", call).containsExactly(dense);
        }
    }
}
