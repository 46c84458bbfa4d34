package io.recstream.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recstream.recommend.RankingFeatures;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The check a published version passes before it serves, and loading one from the store. */
class ModelKindTest {

    @Test
    void theShippedModelsPassAsStoreVersions() {
        assertThatCode(() -> ModelKind.check(StoreVersions.ranking("ranking-v7"))).doesNotThrowAnyException();
        assertThatCode(() -> ModelKind.check(StoreVersions.intent("intent-v7"))).doesNotThrowAnyException();
    }

    @Test
    void aStoreVersionScoresAsTheSameModelFromTheJar() {
        float[] rows = new float[2 * RankingFeatures.COUNT];
        rows[RankingFeatures.COOCCURRENCE] = 0.02f;
        rows[RankingFeatures.COUNT + RankingFeatures.FACTOR] = 3f;
        try (RankingModel jar = RankingModel.load(RankingModelTest.V1);
             RankingModel store = RankingModel.fromVersion(StoreVersions.ranking("ranking-v7"), 1, 1)) {
            assertThat(store.version()).isEqualTo("ranking-v7");
            assertThat(store.score(rows, 2)).containsExactly(jar.score(rows, 2));
        }
        try (IntentModel store = IntentModel.fromVersion(StoreVersions.intent("intent-v7"), 1, 1)) {
            assertThat(store.labels()).hasSize(10).contains("electronics", "books");
            assertThat(store.predict("wireless headphones").intent()).isEqualTo("electronics");
        }
    }

    @Test
    void aModelWhoseOutputIsNaNIsRefused() {
        assertThatCode(() -> ModelKind.check(StoreVersions.rankingWithOutputBias("ranking-v8", 0.5f))).doesNotThrowAnyException();
        assertThatThrownBy(() -> ModelKind.check(StoreVersions.rankingWithOutputBias("ranking-v8", Float.NaN)))
                .isInstanceOf(ModelLoadException.class).hasMessageContaining("NaN");
    }

    @Test
    void aVersionThatDoesNotFitTheJobsContractIsRefusedWithTheReason() {
        ModelVersion good = StoreVersions.ranking("ranking-v9");
        assertRefused(new ModelVersion("ranker", "ranking-v9", good.metadata, good.onnx), "no model is named 'ranker'");
        assertRefused(new ModelVersion("ranking", "ranking-v10", good.metadata, good.onnx), "metadata names version 'ranking-v9'");
        assertRefused(new ModelVersion("ranking", "ranking-v9", "{not json", good.onnx), "metadata is not JSON");
        assertRefused(new ModelVersion("ranking", "ranking-v9", good.metadata,
                "garbage".getBytes(StandardCharsets.UTF_8)), "could not be loaded by ONNX Runtime");
        assertRefused(new ModelVersion("ranking", "ranking-v9", good.metadata.replace("\"trend\"", "\"trending\""), good.onnx),
                "trending");
        // the intent model's 8192 inputs posing as a ranking model
        ModelVersion intent = StoreVersions.intent("ranking-v9");
        assertRefused(new ModelVersion("ranking", "ranking-v9", good.metadata, intent.onnx), "does not fit the ranking contract");
        // an intent model whose labels are not its outputs: one class fewer in the metadata
        ModelVersion intentV9 = StoreVersions.intent("intent-v9");
        assertRefused(new ModelVersion("intent", "intent-v9", intentV9.metadata.replaceFirst(",\\s*\"automotive\"", ""),
                intentV9.onnx), "does not fit its metadata");
    }

    @Test
    void knowsTheModelsByTheirStoreNames() {
        assertThat(List.of(ModelKind.values())).extracting(ModelKind::storeName).containsExactly("ranking", "intent");
        assertThat(ModelKind.of("intent")).isEqualTo(ModelKind.INTENT);
    }

    private static void assertRefused(ModelVersion version, String reason) {
        assertThatThrownBy(() -> ModelKind.check(version)).isInstanceOf(ModelLoadException.class).hasMessageContaining(reason);
    }
}
