package io.recstream.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

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

    /**
     * Every item with every field, in the same place, the same popularity order and the same
     * intent marks. Slot numbers may differ (a restore gives neighbours it has not read yet
     * placeholder slots as it goes), so neighbour lists are compared by id.
     */
    public static void assertSameReplica(ItemReplica actual, ItemReplica expected) {
        assertThat(actual.size()).isEqualTo(expected.size());
        assertThat(actual.all()).hasSameSizeAs(expected.all());
        for (int place = 0; place < expected.all().size(); place++) {
            ItemFactor want = expected.all().get(place);
            ItemFactor got = actual.all().get(place);
            assertThat(got).as("place %d", place).usingRecursiveComparison().ignoringFields("slot", "replicaNeighbours").isEqualTo(want);
            assertThat(actual.neighbourIds(got)).as("place %d", place).containsExactly(expected.neighbourIds(want));
            assertThat(actual.neighbourWeights(got)).as("place %d", place).containsExactly(expected.neighbourWeights(want));
            assertThat(got.trendKey()).isEqualTo(want.trendKey());
            assertThat(actual.isIntent(got.slot())).as("place %d is an intent", place).isEqualTo(expected.isIntent(want.slot()));
            assertThat(actual.get(want.id)).isSameAs(got);
        }
        assertThat(ids(actual.popularityOrder())).containsExactlyElementsOf(ids(expected.popularityOrder()));
        assertThat(actual.topTrendKey()).isEqualTo(expected.topTrendKey());
    }

    /**
     * That {@code replica} holds {@code owner}'s item as the owner has it: every field of the
     * record, the neighbours by id (the replica holds them as slots) with their weights (to the
     * replica's 16 bits, summed there: within 0.1 %), and {@code ignoring} aside.
     */
    public static void assertHoldsLike(ItemReplica replica, ItemFactor owner, String... ignoring) {
        ItemFactor held = replica.get(owner.id);
        assertThat(held).as("item %d", owner.id).isNotNull();
        String[] ignored = java.util.stream.Stream.concat(
                java.util.stream.Stream.of("slot", "trendKey", "norm", "neighbours", "neighbourWeights", "replicaNeighbours"),
                java.util.Arrays.stream(ignoring)).toArray(String[]::new);
        assertThat(held).usingRecursiveComparison().ignoringFields(ignored).isEqualTo(owner);
        assertThat(replica.neighbourIds(held)).as("neighbours of %d", owner.id).containsExactly(owner.neighbours);
        float[] weights = replica.neighbourWeights(held);
        assertThat(weights).hasSameSizeAs(owner.neighbourWeights);
        for (int n = 0; n < weights.length; n++) {
            assertThat(weights[n]).as("weight %d of %d", n, owner.id).isCloseTo(owner.neighbourWeights[n], withinPercentage(0.1));
        }
    }

    private static List<Long> ids(Iterator<ItemFactor> items) {
        List<Long> ids = new ArrayList<>();
        items.forEachRemaining(f -> ids.add(f.id));
        return ids;
    }
}
