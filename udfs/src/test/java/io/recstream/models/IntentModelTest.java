package io.recstream.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IntentModelTest {
    private static final double TOLERANCE = 1e-5;
    private static IntentModel synthetic;

    @BeforeAll
    static void loadDefaultModel() {
        synthetic = IntentModel.load(IntentModel.DEFAULT_LOCATION, 2, 1);
    }

    @AfterAll
    static void closeDefaultModel() {
        synthetic.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"intent-synthetic", "intent-movielens"})
    void matchesTheScriptsProbabilities(String name) throws Exception {
        IntentTestVectors vectors = IntentTestVectors.load();
        JsonNode expected = vectors.model(name);
        try (IntentModel model = IntentModel.load("classpath:" + expected.get("resource").asText())) {
            assertThat(model.version()).isEqualTo(name + "-v1");
            assertThat(model.features().dimension()).isEqualTo(vectors.dimension());
            List<String> labels = new ArrayList<>();
            expected.get("labels").forEach(l -> labels.add(l.asText()));
            assertThat(model.labels()).isEqualTo(labels);

            List<String> texts = vectors.texts();
            List<IntentPrediction> batch = model.predictBatch(texts);
            assertThat(batch).hasSize(texts.size());
            for (int row = 0; row < texts.size(); row++) {
                JsonNode probabilities = expected.get("probabilities").get(row);
                IntentPrediction single = model.predict(texts.get(row));
                for (int c = 0; c < labels.size(); c++) {
                    double p = probabilities.get(c).asDouble();
                    assertThat((double) batch.get(row).probabilities()[c])
                            .as("%s: P(%s | %s) batched", name, labels.get(c), texts.get(row))
                            .isCloseTo(p, within(TOLERANCE));
                    assertThat((double) single.probabilities()[c])
                            .as("%s: P(%s | %s) alone", name, labels.get(c), texts.get(row))
                            .isCloseTo(p, within(TOLERANCE));
                }
            }
        }
    }

    @Test
    void syntheticModelKnowsTheCatalogue() {
        assertThat(synthetic.predict("wireless headphones").intent()).isEqualTo("electronics");
        assertThat(synthetic.predict("paperback novel").intent()).isEqualTo("books");
        assertThat(synthetic.predict("olive oil").intent()).isEqualTo("grocery");
        assertThat(synthetic.predict("motor oil").intent()).isEqualTo("automotive");
        IntentPrediction prediction = synthetic.predict("yoga treadmill");
        assertThat(prediction.intent()).isEqualTo("sports");
        assertThat(prediction.probability()).isEqualTo(prediction.probabilityOf("sports")).isGreaterThan(0.5f);
        assertThat(prediction.scores().keySet()).containsExactlyElementsOf(synthetic.labels());
        assertThat(prediction.scores().values().stream().mapToDouble(Double::doubleValue).sum())
                .isCloseTo(1.0, within(1e-5));
    }

    @Test
    void emptyBatchAndNullText() {
        assertThat(synthetic.predictBatch(List.of())).isEmpty();
        assertThat(synthetic.predict(null)).isEqualTo(synthetic.predict(""));
    }

    @Test
    void poolServesConcurrentCallers() throws Exception {
        IntentPrediction expected = synthetic.predict("lego puzzle");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<IntentPrediction>> results = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                results.add(pool.submit(() -> synthetic.predictBatch(List.of("lego puzzle", "coffee")).get(0)));
            }
            for (Future<IntentPrediction> result : results) {
                assertThat(result.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void loadsFromAFilesystemPath(@TempDir Path dir) throws Exception {
        Path onnx = copyModel("intent-synthetic", dir);
        try (IntentModel model = IntentModel.fromPath(onnx, 1, 1)) {
            assertThat(model.predict("paperback novel")).isEqualTo(synthetic.predict("paperback novel"));
        }
    }

    @Test
    void missingFileFailsAtLoadNamingThePath(@TempDir Path dir) {
        Path missing = dir.resolve("nowhere/intent-x.onnx");
        assertThatThrownBy(() -> IntentModel.load(missing.toString()))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("not found");
        assertThatThrownBy(() -> IntentModel.load("classpath:models/no-such-model.onnx"))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("classpath:models/no-such-model.onnx");
    }

    @Test
    void corruptFileFailsAtLoadNamingThePath(@TempDir Path dir) throws Exception {
        Path onnx = copyModel("intent-synthetic", dir);
        byte[] bytes = Files.readAllBytes(onnx);
        Files.write(onnx, java.util.Arrays.copyOf(bytes, bytes.length / 3)); // truncated
        assertThatThrownBy(() -> IntentModel.fromPath(onnx, 1, 1))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining(onnx.toString())
                .hasMessageContaining("could not be loaded");
        Files.writeString(onnx, "this is not an onnx model");
        assertThatThrownBy(() -> IntentModel.fromPath(onnx, 1, 1))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining(onnx.toString());
    }

    @Test
    void labelsThatDoNotMatchTheModelFailAtLoad(@TempDir Path dir) throws Exception {
        Path onnx = copyModel("intent-synthetic", dir);
        Files.writeString(dir.resolve("intent-synthetic.labels.txt"), "only\ntwo\n");
        assertThatThrownBy(() -> IntentModel.fromPath(onnx, 1, 1))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining(onnx.toString())
                .hasMessageContaining("2 classes");
    }

    @Test
    void closedModelRefusesCalls() {
        IntentModel model = IntentModel.load(IntentModel.DEFAULT_LOCATION);
        model.close();
        model.close(); // idempotent
        assertThatThrownBy(() -> model.predict("tv")).isInstanceOf(IllegalStateException.class);
    }

    private static Path copyModel(String name, Path dir) throws Exception {
        for (String suffix : List.of(".onnx", ".labels.txt", ".json")) {
            try (InputStream in = IntentModelTest.class.getClassLoader()
                    .getResourceAsStream("models/" + name + suffix)) {
                Files.copy(in, dir.resolve(name + suffix));
            }
        }
        return dir.resolve(name + ".onnx");
    }
}
