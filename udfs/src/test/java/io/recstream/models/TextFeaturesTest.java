package io.recstream.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class TextFeaturesTest {

    @Test
    void matchesThePythonTokeniserExactly() throws Exception {
        IntentTestVectors vectors = IntentTestVectors.load();
        TextFeatures features = new TextFeatures(vectors.dimension());
        assertThat(vectors.cases().size()).isGreaterThan(10);
        for (JsonNode c : vectors.cases()) {
            String text = c.get("text").asText();
            TextFeatures.Sparse actual = features.encode(text);
            int[] indices = new int[c.get("indices").size()];
            float[] values = new float[indices.length];
            for (int i = 0; i < indices.length; i++) {
                indices[i] = c.get("indices").get(i).asInt();
                values[i] = (float) c.get("values").get(i).asDouble();
            }
            assertThat(actual.indices()).as("indices of %s", text).containsExactly(indices);
            assertThat(actual.values()).as("values of %s", text).containsExactly(values);
        }
    }

    @Test
    void wordsAndTrigramsOfOneShortWord() {
        // "ab": unigram "w:ab" and the trigrams "t:^ab", "t:ab$"; all distinct in a large space
        TextFeatures.Sparse features = new TextFeatures(1 << 20).encode("AB");
        assertThat(features.size()).isEqualTo(3);
        assertThat(features.values()).containsOnly((float) (1 / Math.sqrt(3)));
    }

    @Test
    void caseAndPunctuationDoNotMatter() {
        TextFeatures features = new TextFeatures(8192);
        TextFeatures.Sparse a = features.encode("wireless headphones");
        TextFeatures.Sparse b = features.encode("  Wireless, HEADPHONES!! ");
        assertThat(b.indices()).containsExactly(a.indices());
        assertThat(b.values()).containsExactly(a.values());
    }

    @Test
    void textWithoutWordsHasNoFeatures() {
        TextFeatures features = new TextFeatures(8192);
        assertThat(features.encode("").size()).isZero();
        assertThat(features.encode(" -?! 🎧").size()).isZero();
        assertThat(features.encode(null).size()).isZero();
    }

    @Test
    void rejectsANonPositiveDimension() {
        assertThatThrownBy(() -> new TextFeatures(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
