package io.recstream.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class ModelVersionSerializerTest {
    private static final ModelVersion VERSION = new ModelVersion("ranking", "ranking-v2", "{\"version\": \"ranking-v2\"}",
            new byte[] {1, 2, 3, -1});

    @Test
    void aTopicRecordReadsBackAsTheVersion() {
        ModelVersion read = ModelVersionSerializer.fromRecord(ModelVersionSerializer.toRecord(VERSION));
        assertSame(read);
    }

    @Test
    void stateReadsBackAsTheVersionWithItsFormatVersion() throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(64);
        ModelVersionSerializer.INSTANCE.serialize(VERSION, out);
        assertSame(ModelVersionSerializer.INSTANCE.deserialize(new DataInputDeserializer(out.getCopyOfBuffer())));
        TypeSerializerSnapshot<ModelVersion> snapshot = ModelVersionSerializer.INSTANCE.snapshotConfiguration();
        assertThat(snapshot.getCurrentVersion()).isEqualTo(1);
        assertThat(snapshot.resolveSchemaCompatibility(new ModelVersionSerializer.Snapshot()).isCompatibleAsIs()).isTrue();
    }

    @Test
    void aRecordThatIsNotAModelIsRefusedWithoutAllocatingWhatItClaims() {
        byte[] record = ModelVersionSerializer.toRecord(VERSION);
        assertThatThrownBy(() -> ModelVersionSerializer.fromRecord(new byte[0])).hasMessageContaining("empty");
        assertThatThrownBy(() -> ModelVersionSerializer.fromRecord(null)).hasMessageContaining("empty");
        byte[] later = record.clone();
        later[0] = 2;
        assertThatThrownBy(() -> ModelVersionSerializer.fromRecord(later)).hasMessageContaining("format 2");
        assertThatThrownBy(() -> ModelVersionSerializer.fromRecord(Arrays.copyOf(record, record.length - 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a model record");
        assertThatThrownBy(() -> ModelVersionSerializer.fromRecord(Arrays.copyOf(record, record.length + 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("after the model");
        // the ONNX length (the last int before its 4 bytes) claims 2 GB
        byte[] huge = record.clone();
        ByteBuffer.wrap(huge, huge.length - 8, 4).putInt(Integer.MAX_VALUE);
        assertThatThrownBy(() -> ModelVersionSerializer.fromRecord(huge)).hasMessageContaining("beyond the record");
        assertThatThrownBy(() -> ModelVersionSerializer.fromRecord("not a model".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertSame(ModelVersion read) {
        assertThat(read.name).isEqualTo(VERSION.name);
        assertThat(read.version).isEqualTo(VERSION.version);
        assertThat(read.metadata).isEqualTo(VERSION.metadata);
        assertThat(read.onnx).containsExactly(VERSION.onnx);
    }
}
