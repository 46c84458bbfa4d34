package io.recstream.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.recstream.recommend.RankingFeatures;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RankingModelTest {
    /** ranking-v1, whose scores the test vectors hold (models/README.md). */
    static final String V1 = "classpath:models/ranking-v1.onnx";
    private static final double TOLERANCE = 1e-5;
    private static final String VECTORS = "models/ranking-test-vectors.json";
    private static RankingModel model;

    @BeforeAll
    static void loadDefaultModel() {
        model = RankingModel.load(V1, 2, 1);
    }

    @AfterAll
    static void closeDefaultModel() {
        model.close();
    }

    @Test
    void matchesTheScriptsScoresBatchedAndRowByRow() throws Exception {
        JsonNode vectors;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(VECTORS)) {
            vectors = new ObjectMapper().readTree(in);
        }
        assertThat(model.version()).isEqualTo(vectors.get("version").asText()).isEqualTo("ranking-v1");
        JsonNode rows = vectors.get("rows");
        JsonNode expected = vectors.get("scores");
        int n = rows.size();
        assertThat(n).isGreaterThanOrEqualTo(10);
        float[] features = new float[n * RankingFeatures.COUNT];
        // the model takes the first 13 features; the later ones hold values it must not read
        Arrays.fill(features, 1e6f);
        for (int r = 0; r < n; r++) {
            assertThat(rows.get(r).size()).isEqualTo(RankingFeatures.FIRST_MODELS_COUNT);
            for (int f = 0; f < RankingFeatures.FIRST_MODELS_COUNT; f++) {
                features[r * RankingFeatures.COUNT + f] = (float) rows.get(r).get(f).asDouble();
            }
        }
        float[] batched = model.score(features, n);
        assertThat(batched).hasSize(n);
        for (int r = 0; r < n; r++) {
            float[] row = Arrays.copyOfRange(features, r * RankingFeatures.COUNT, (r + 1) * RankingFeatures.COUNT);
            double score = expected.get(r).asDouble();
            assertThat((double) batched[r]).as("row %d batched", r).isCloseTo(score, within(TOLERANCE));
            assertThat((double) model.score(row, 1)[0]).as("row %d alone", r).isCloseTo(score, within(TOLERANCE));
        }
    }

    @Test
    void readsOnlyTheRowsAskedFor() {
        float[] buffer = new float[3 * RankingFeatures.COUNT];
        buffer[RankingFeatures.COOCCURRENCE] = 2f;
        Arrays.fill(buffer, RankingFeatures.COUNT, buffer.length, Float.NaN); // rows 2 and 3: garbage
        float[] one = model.score(buffer, 1);
        assertThat(one).hasSize(1);
        assertThat(one[0]).isEqualTo(model.score(Arrays.copyOf(buffer, RankingFeatures.COUNT), 1)[0]);
        assertThat(model.score(buffer, 0)).isEmpty();
        assertThatThrownBy(() -> model.score(buffer, 4)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void blocksOfRowsScoreAsTheirRowsJoined() {
        float[] rows = new float[7 * RankingFeatures.COUNT];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = ((i * 37) % 23) / 23f - 0.3f;
        }
        float[] joined = model.score(rows, 7);
        List<float[]> blocks = List.of(Arrays.copyOfRange(rows, 0, 2 * RankingFeatures.COUNT), new float[0],
                Arrays.copyOfRange(rows, 2 * RankingFeatures.COUNT, rows.length));
        assertThat(model.score(blocks)).containsExactly(joined);
        assertThatThrownBy(() -> model.score(List.of(new float[RankingFeatures.COUNT + 1])))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void learntThatCooccurrenceRaisesTheScore() {
        float[] base = new float[RankingFeatures.COUNT];
        base[RankingFeatures.CHANNEL_APP] = 1f;
        base[RankingFeatures.POPULARITY] = -1.5f;
        float[] rows = new float[3 * RankingFeatures.COUNT];
        for (int r = 0; r < 3; r++) {
            System.arraycopy(base, 0, rows, r * RankingFeatures.COUNT, RankingFeatures.COUNT);
        }
        // values as the learner produces them: the best co-occurring candidate of its list
        rows[RankingFeatures.COUNT + RankingFeatures.COOCCURRENCE] = 0.1f;
        rows[RankingFeatures.COUNT + RankingFeatures.COOCCURRENCE_SHARE] = 1f;
        rows[RankingFeatures.COUNT + RankingFeatures.NEIGHBOUR_RECENCY] = 1f;
        rows[RankingFeatures.COUNT + RankingFeatures.BLEND] = 0.1f;
        rows[2 * RankingFeatures.COUNT + RankingFeatures.LAST_ITEM_COOCCURRENCE] = 0.3f;
        rows[2 * RankingFeatures.COUNT + RankingFeatures.COOCCURRENCE] = 0.05f;
        rows[2 * RankingFeatures.COUNT + RankingFeatures.COOCCURRENCE_SHARE] = 0.5f;
        rows[2 * RankingFeatures.COUNT + RankingFeatures.NEIGHBOUR_RECENCY] = 1f;
        rows[2 * RankingFeatures.COUNT + RankingFeatures.BLEND] = 0.05f;
        float[] scores = model.score(rows, 3);
        // v1 is trained on ml-latest-small, which has no searches: it has learnt nothing of intent_match
        assertThat(scores[1]).as("co-occurring").isGreaterThan(scores[0]);
        assertThat(scores[2]).as("following the latest item").isGreaterThan(scores[0]);
        for (float s : scores) {
            assertThat(s).isBetween(0f, 1f);
        }
    }

    @Test
    void poolServesConcurrentCallers() throws Exception {
        float[] rows = new float[100 * RankingFeatures.COUNT];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = (i % 17) / 17f;
        }
        float[] expected = model.score(rows, 100);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<float[]>> results = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                results.add(threads.submit(() -> model.score(rows, 100)));
            }
            for (Future<float[]> result : results) {
                assertThat(result.get()).containsExactly(expected);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    /**
     * Calls of different sizes, larger and smaller ones in turn on several threads, each scored on
     * its own rows: a thread's input buffer, reused and grown, never shows a call another call's values.
     */
    @Test
    void callsOfDifferentSizesOnSeveralThreadsEachScoreTheirOwnRows() throws Exception {
        int[] sizes = {1, 400, 3, 57, 1_000, 2};
        List<float[]> inputs = new ArrayList<>();
        List<float[]> expected = new ArrayList<>();
        for (int k = 0; k < sizes.length; k++) {
            float[] rows = new float[sizes[k] * RankingFeatures.COUNT];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = ((i * 7 + k * 13) % 23) / 23f;
            }
            inputs.add(rows);
            float[] alone = new float[sizes[k]]; // row by row: no batch of another size before
            for (int r = 0; r < sizes[k]; r++) {
                alone[r] = model.score(Arrays.copyOfRange(rows, r * RankingFeatures.COUNT, (r + 1) * RankingFeatures.COUNT), 1)[0];
            }
            expected.add(alone);
        }
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<float[]>> results = new ArrayList<>();
            for (int i = 0; i < 120; i++) {
                float[] rows = inputs.get(i % sizes.length);
                int n = sizes[i % sizes.length];
                results.add(threads.submit(() -> model.score(rows, n)));
            }
            for (int i = 0; i < results.size(); i++) {
                float[] scores = results.get(i).get();
                float[] alone = expected.get(i % sizes.length);
                assertThat(scores).hasSize(alone.length);
                for (int r = 0; r < alone.length; r++) {
                    assertThat((double) scores[r]).as("call %d row %d", i, r).isCloseTo(alone[r], within(TOLERANCE));
                }
            }
        } finally {
            threads.shutdownNow();
        }
    }

    /**
     * A thread's calls of one size share their tensors: each call must score its own rows, read
     * from the input it was given and answered from this call's output, never a previous one's.
     */
    @Test
    void callsOfOneSizeScoreTheirOwnRows() {
        int n = 50;
        float[] first = new float[n * RankingFeatures.COUNT];
        float[] second = new float[n * RankingFeatures.COUNT];
        for (int i = 0; i < first.length; i++) {
            first[i] = ((i * 7) % 23) / 23f;
            second[i] = ((i * 11 + 5) % 19) / 19f;
        }
        float[] firstScores = model.score(first, n);
        float[] secondScores = model.score(second, n);
        assertThat(secondScores).isNotEqualTo(firstScores);
        for (int round = 0; round < 3; round++) {
            assertThat(model.score(first, n)).containsExactly(firstScores);
            assertThat(model.score(List.of(second))).containsExactly(secondScores);
        }
        float[] returned = model.score(first, n);
        returned[0] = -1f; // the caller's array, not the pinned output's values
        assertThat(model.score(first, n)).containsExactly(firstScores);
    }

    /** More sizes on one thread than it keeps tensors for: every call still scores its own rows. */
    @Test
    void moreSizesThanAThreadKeepsTensorsForScoreTheirRows() {
        float[] rows = new float[100 * RankingFeatures.COUNT];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = ((i * 13) % 29) / 29f;
        }
        float[] all = model.score(rows, 100);
        for (int round = 0; round < 2; round++) {
            for (int size = 1; size <= 100; size++) {
                float[] scores = model.score(rows, size);
                for (int r = 0; r < size; r++) {
                    assertThat((double) scores[r]).as("size %d row %d", size, r).isCloseTo(all[r], within(TOLERANCE));
                }
            }
        }
    }

    @Test
    void loadsFromAFilesystemPath(@TempDir Path dir) throws Exception {
        Path onnx = copyModel(dir);
        float[] row = new float[RankingFeatures.COUNT];
        row[RankingFeatures.BLEND] = 0.7f;
        try (RankingModel fromFile = RankingModel.load(onnx.toString(), 1, 1)) {
            assertThat(fromFile.version()).isEqualTo("ranking-v1");
            assertThat(fromFile.score(row, 1)).containsExactly(model.score(row, 1));
        }
    }

    @Test
    void missingFileFailsAtLoadNamingThePath(@TempDir Path dir) {
        Path missing = dir.resolve("nowhere/ranking-x.onnx");
        assertThatThrownBy(() -> RankingModel.load(missing.toString()))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("Ranking model")
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("not found");
        assertThatThrownBy(() -> RankingModel.load("classpath:models/no-such-ranking.onnx"))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("classpath:models/no-such-ranking.onnx");
    }

    @Test
    void corruptFileFailsAtLoadNamingThePath(@TempDir Path dir) throws Exception {
        Path onnx = copyModel(dir);
        Files.writeString(onnx, "this is not an onnx model");
        assertThatThrownBy(() -> RankingModel.load(onnx.toString()))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining(onnx.toString())
                .hasMessageContaining("could not be loaded");
    }

    @Test
    void metadataMustNameTheJobsFeaturesInOrder(@TempDir Path dir) throws Exception {
        Path onnx = copyModel(dir);
        Path json = dir.resolve("ranking-v1.json");
        Files.writeString(json, Files.readString(json).replace("\"trend\"", "\"trending\""));
        assertThatThrownBy(() -> RankingModel.load(onnx.toString()))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining(onnx.toString())
                .hasMessageContaining("trending");
        String jobs = Files.readString(json).replace("\"trending\"", "\"trend\"");
        Files.writeString(json, jobs.replace("\"last_item_cooccurrence\"", "\"last_item_cooccurrence\", \"basket_size\""));
        assertThatThrownBy(() -> RankingModel.load(onnx.toString())) // features are append-only: a name the job lacks
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("basket_size");
        Files.writeString(json, "{\"features\": []}");
        assertThatThrownBy(() -> RankingModel.load(onnx.toString()))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("lacks a version");
        Files.delete(json);
        assertThatThrownBy(() -> RankingModel.load(onnx.toString()))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("metadata not readable");
    }

    @Test
    void aModelWithTheWrongInputWidthFailsAtLoad(@TempDir Path dir) throws Exception {
        // an intent model (8192 inputs) posing as a ranking model
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("models/intent-synthetic.onnx")) {
            Files.copy(in, dir.resolve("ranking-v1.onnx"));
        }
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("models/ranking-v1.json")) {
            Files.copy(in, dir.resolve("ranking-v1.json"));
        }
        assertThatThrownBy(() -> RankingModel.load(dir.resolve("ranking-v1.onnx").toString()))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("does not fit the ranking contract");
    }

    @Test
    void closedModelRefusesCalls() {
        RankingModel closing = RankingModel.load(V1);
        closing.close();
        closing.close(); // idempotent
        assertThatThrownBy(() -> closing.score(new float[RankingFeatures.COUNT], 1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    private static Path copyModel(Path dir) throws Exception {
        for (String suffix : List.of(".onnx", ".json")) {
            try (InputStream in = RankingModelTest.class.getClassLoader()
                    .getResourceAsStream("models/ranking-v1" + suffix)) {
                Files.copy(in, dir.resolve("ranking-v1" + suffix));
            }
        }
        return dir.resolve("ranking-v1.onnx");
    }
}
