package io.recstream.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.recstream.learn.LearningConfig;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

class ReplicaChunkSerializerTest {
    private final ItemModel model = new ItemModel(LearningConfig.builder().dim(32).build());

    @Test
    void aLargeReplicaIsWrittenInChunksOfAboutAMebibyteAndReadBackWhole() throws IOException {
        ItemReplica replica = new ItemReplica(model);
        for (int n = 0; n < 20_000; n++) {
            ItemFactor f = TestItems.create(model, "item-" + n);
            f.version = 1;
            f.neighbours = new long[20];
            f.neighbourWeights = new float[20];
            for (int k = 0; k < 20; k++) {
                f.neighbours[k] = TestItems.id("item-" + (n + k + 1));
                f.neighbourWeights[k] = k + 0.5f;
            }
            replica.applyPublished(f);
        }

        List<ReplicaChunk> chunks = replica.checkpoint(0, 1);
        // about 20,000 x 430 B: several chunks, each just past the target size but the last
        assertThat(chunks).hasSizeGreaterThan(1);
        assertThat(chunks.stream().mapToInt(ReplicaChunk::items).sum()).isEqualTo(20_000);
        for (ReplicaChunk chunk : chunks.subList(0, chunks.size() - 1)) {
            assertThat(chunk.bytes().length).isBetween(ReplicaChunk.TARGET_BYTES, ReplicaChunk.TARGET_BYTES + 1024);
        }

        ItemReplica restored = new ItemReplica(model);
        restored.restore(Replicas.throughState(chunks));
        Replicas.assertSameReplica(restored, replica);
    }

    @Test
    void anEmptyReplicaWritesNoChunk() {
        assertThat(new ItemReplica(model).checkpoint(0, 1)).isEmpty();
    }

    @Test
    void aChunkIsImmutableAndTheFormatIsVersioned() {
        ReplicaChunk chunk = new ReplicaChunk(1, 0, new byte[] {1, 2});
        assertThat(ReplicaChunkSerializer.INSTANCE.isImmutableType()).isTrue();
        assertThat(ReplicaChunkSerializer.INSTANCE.copy(chunk)).isSameAs(chunk);
        assertThat(ReplicaChunkSerializer.INSTANCE.snapshotConfiguration().getCurrentVersion()).isEqualTo(1);
        assertThat(ReplicaChunkSerializer.INSTANCE.snapshotConfiguration().restoreSerializer())
                .isSameAs(ReplicaChunkSerializer.INSTANCE);
    }
}
