package io.recstream.ranking;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.recstream.models.RankingModel;
import io.recstream.recommend.RankingFeatures;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class RankingTrainerTest {
    private static final int D = RankingFeatures.COUNT;
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Lists of 30 candidates in blend order whose positive is the one with the highest
     * trend + last-item co-occurrence, which the blend does not see: a model must learn it.
     */
    static RankingLists syntheticLists(int lists, long seed) {
        Random random = new Random(seed);
        RankingLists data = new RankingLists();
        int size = 30;
        for (int l = 0; l < lists; l++) {
            float[] rows = new float[size * D];
            int best = 0;
            double bestUtility = Double.NEGATIVE_INFINITY;
            for (int r = 0; r < size; r++) {
                for (int f = 0; f < D; f++) {
                    rows[r * D + f] = (float) random.nextGaussian();
                }
                rows[r * D + RankingFeatures.BLEND] = 1.0f - r / (float) size; // the list's order
                double utility = rows[r * D + RankingFeatures.TREND] + 2 * rows[r * D + RankingFeatures.LAST_ITEM_COOCCURRENCE]
                        + 0.5 * rows[r * D + RankingFeatures.BLEND] + 0.3 * random.nextGaussian();
                if (utility > bestUtility) {
                    bestUtility = utility;
                    best = r;
                }
            }
            data.add(1000L * l, rows, 0, size, best);
        }
        return data;
    }

    @Test
    void theTrainedModelRanksTheSignalTheBlendMisses() {
        RankingLists data = syntheticLists(1200, 1);
        RankingMlp mlp = RankingTrainer.train(data, 0, 1000, RankingTrainer.Settings.defaults());

        ListMetrics model = ListMetrics.of(mlp::score, !mlp.ranksRefind, data, 1000, 1200, 3);
        ListMetrics blend = ListMetrics.of(ListScorer.blend(), true, data, 1000, 1200, 3);

        assertThat(blend.recall()).isLessThan(0.3);
        assertThat(model.recall()).isGreaterThan(0.6);
    }

    @Test
    void aFeatureConstantInTrainingDoesNotMoveTheScore() {
        RankingLists data = syntheticLists(300, 5);
        float[] x = data.features();
        for (int r = 0; r < data.rows(); r++) {
            x[r * D + RankingFeatures.REFIND] = 0f; // a log without repeats: no re-find candidate
        }
        RankingMlp mlp = RankingTrainer.train(data, 0, 300, RankingTrainer.Settings.defaults());

        float[] row = java.util.Arrays.copyOfRange(x, 0, D);
        double before = mlp.probability(row, 0);
        row[RankingFeatures.REFIND] = 1f;
        assertThat(mlp.probability(row, 0)).isEqualTo(before);
        assertThat(mlp.ranksRefind).isFalse();
    }

    @Test
    void aModelTrainedWithReFindCandidatesMayOrderThem() {
        RankingLists data = syntheticLists(300, 6); // every feature drawn at random, re-find included
        RankingMlp mlp = RankingTrainer.train(data, 0, 300, RankingTrainer.Settings.defaults());

        assertThat(mlp.ranksRefind).isTrue();
        assertThat(export(mlp, "m").metadataJson()).contains("\"ranks_refind\" : true");
    }

    @Test
    void theSameSeedGivesTheSameModelAndAnotherSeedAnother() {
        RankingLists data = syntheticLists(300, 2);
        RankingTrainer.Settings settings = RankingTrainer.Settings.defaults();
        byte[] first = export(RankingTrainer.train(data, 0, 300, settings), "m").onnx();
        byte[] again = export(RankingTrainer.train(data, 0, 300, settings), "m").onnx();
        byte[] other = export(RankingTrainer.train(data, 0, 300, settings.withSeed(7)), "m").onnx();

        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
    }

    /** The exported graph, run by ONNX Runtime through the job's loader, scores as the trainer does. */
    @Test
    void onnxRuntimeScoresTheExportedModelAsTheTrainerPredicts(@TempDir Path dir) throws Exception {
        RankingLists data = syntheticLists(400, 3);
        RankingMlp mlp = RankingTrainer.train(data, 0, 400, RankingTrainer.Settings.defaults());
        Path file = export(mlp, "ranking-test").writeTo(dir);

        Random random = new Random(4);
        int rows = 500;
        float[] features = new float[rows * D];
        for (int i = 0; i < features.length; i++) {
            features[i] = (float) (random.nextGaussian() * (1 + random.nextInt(5)));
        }
        try (RankingModel onnx = RankingModel.load(file.toString())) {
            assertThat(onnx.version()).isEqualTo("ranking-test");
            float[] fromOnnx = onnx.score(features, rows);
            for (int r = 0; r < rows; r++) {
                assertThat((double) fromOnnx[r]).as("row %d", r).isCloseTo(mlp.probability(features, r * D),
                        org.assertj.core.data.Offset.offset(1e-5));
            }
        }
    }

    private static RankingModelArtifact export(RankingMlp mlp, String name) {
        ObjectNode training = JSON.createObjectNode().put("source", "synthetic");
        return RankingModelArtifact.of(name, mlp, RankingTrainer.Settings.defaults(), training, JSON.createObjectNode());
    }
}
