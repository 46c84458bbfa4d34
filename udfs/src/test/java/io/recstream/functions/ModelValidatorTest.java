package io.recstream.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.recstream.models.ModelVersion;
import io.recstream.models.ModelVersionSerializer;
import io.recstream.models.StoreVersions;
import java.nio.charset.StandardCharsets;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class ModelValidatorTest {

    @Test
    void passesOnlyTheRecordsThatAreModelsFitToServe() throws Exception {
        ModelVersion good = StoreVersions.ranking("ranking-v2");
        ModelVersion corrupt = new ModelVersion("ranking", "ranking-v3", good.metadata.replace("ranking-v2", "ranking-v3"),
                "not an ONNX model".getBytes(StandardCharsets.UTF_8));
        ModelVersion intent = StoreVersions.intent("intent-v2");
        try (var h = ProcessFunctionTestHarnesses.forProcessFunction(new ModelValidator())) {
            h.processElement(ModelVersionSerializer.toRecord(good), 1);
            h.processElement(ModelVersionSerializer.toRecord(corrupt), 2);
            h.processElement("not a record".getBytes(StandardCharsets.UTF_8), 3);
            h.processElement(new byte[0], 4); // a tombstone
            h.processElement(ModelVersionSerializer.toRecord(StoreVersions.rankingWithOutputBias("ranking-v4", Float.NaN)), 5);
            h.processElement(ModelVersionSerializer.toRecord(intent), 6);

            assertThat(h.extractOutputValues()).extracting(v -> v.version).containsExactly("ranking-v2", "intent-v2");
        }
    }
}
