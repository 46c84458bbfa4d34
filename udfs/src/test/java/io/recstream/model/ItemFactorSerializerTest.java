package io.recstream.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

import java.io.IOException;

class ItemFactorSerializerTest {
    private static ItemFactor roundTrip(ItemFactor f) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        ItemFactorSerializer.INSTANCE.serialize(f, out);
        return ItemFactorSerializer.INSTANCE.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    }

    @Test
    void roundTripsEveryFieldNamedOrNot() throws IOException {
        ItemFactor f = TestItems.item("movie-1", new float[] {0.1f, -0.2f});
        f.version = 3;
        f.bias = 0.5f;
        f.popularity = 2.5;
        f.popularityTs = 1_700_000_000_000L;
        f.neighbours = TestItems.ids("movie-2", "movie-3");
        f.neighbourWeights = new float[] {1f, 0.25f};
        f.touchedTs = 1_700_000_100_000L;
        f.expiryTimer = 1_707_776_100_000L;
        assertThat(roundTrip(f)).usingRecursiveComparison().ignoringFields("trendKey", "slot", "norm").isEqualTo(f);

        f.item = null; // known by id only, until its name arrives
        assertThat(roundTrip(f).item).isNull();
    }

    @Test
    void roundTripsATombstone() throws IOException {
        ItemFactor t = ItemFactor.tombstone(42L, "movie-1");
        ItemFactor read = roundTrip(t);
        assertThat(read.isTombstone()).isTrue();
        assertThat(read.id).isEqualTo(42L);
        assertThat(read.item).isEqualTo("movie-1");
        assertThat(ItemFactorSerializer.INSTANCE.copy(t).isTombstone()).isTrue();
    }

    @Test
    void flinkUsesThisSerializerForItemsWithAVersionedSnapshot() {
        assertThat(TypeInformation.of(ItemFactor.class).createSerializer(new SerializerConfigImpl()))
                .isInstanceOf(ItemFactorSerializer.class);
        assertThat(ItemFactorSerializer.INSTANCE.snapshotConfiguration().getCurrentVersion()).isEqualTo(1);
    }
}
