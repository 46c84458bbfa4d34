package io.recstream.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** Checks on whole replicas, and a replica's checkpoint as the state backend writes and reads it. */
public final class Replicas {
    private Replicas() {}

    /** The chunks after a round trip through their state serializer. */
    public static List<ReplicaChunk> throughState(List<ReplicaChunk> chunks) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(1024);
        for (ReplicaChunk chunk : chunks) {
            ReplicaChunkSerializer.INSTANCE.serialize(chunk, out);
        }
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        List<ReplicaChunk> read = new ArrayList<>();
        for (int n = 0; n < chunks.size(); n++) {
            read.add(ReplicaChunkSerializer.INSTANCE.deserialize(in));
        }
        assertThat(in.available()).isZero();
        return read;
    }

    /** Every item with every field, in the same slot, the same popularity order and the same intent slots. */
    public static void assertSameReplica(ItemReplica actual, ItemReplica expected) {
        assertThat(actual.size()).isEqualTo(expected.size());
        assertThat(actual.all()).hasSameSizeAs(expected.all());
        for (int slot = 0; slot < expected.all().size(); slot++) {
            ItemFactor want = expected.all().get(slot);
            ItemFactor got = actual.all().get(slot);
            assertThat(got).as("slot %d", slot).usingRecursiveComparison().isEqualTo(want);
            assertThat(got.slot()).isEqualTo(slot);
            assertThat(got.trendKey()).isEqualTo(want.trendKey());
            assertThat(actual.isIntent(slot)).as("slot %d is an intent", slot).isEqualTo(expected.isIntent(slot));
            assertThat(actual.get(want.id)).isSameAs(got);
        }
        assertThat(ids(actual.popularityOrder())).containsExactlyElementsOf(ids(expected.popularityOrder()));
        assertThat(actual.topTrendKey()).isEqualTo(expected.topTrendKey());
    }

    private static List<Long> ids(Iterator<ItemFactor> items) {
        List<Long> ids = new ArrayList<>();
        items.forEachRemaining(f -> ids.add(f.id));
        return ids;
    }
}
