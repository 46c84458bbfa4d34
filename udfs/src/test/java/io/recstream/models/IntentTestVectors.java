package io.recstream.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/** The vectors models/build_intent_model.py wrote: texts, their features, both models' outputs. */
final class IntentTestVectors {
    static final String RESOURCE = "models/intent-test-vectors.json";

    final JsonNode root;

    private IntentTestVectors(JsonNode root) {
        this.root = root;
    }

    static IntentTestVectors load() throws IOException {
        try (InputStream in = IntentTestVectors.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + RESOURCE);
            }
            return new IntentTestVectors(new ObjectMapper().readTree(in));
        }
    }

    int dimension() {
        return root.get("vocabulary_size").asInt();
    }

    List<String> texts() {
        List<String> texts = new ArrayList<>();
        root.get("cases").forEach(c -> texts.add(c.get("text").asText()));
        return texts;
    }

    JsonNode cases() {
        return root.get("cases");
    }

    JsonNode model(String name) {
        return root.get("models").get(name);
    }
}
