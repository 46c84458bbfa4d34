package io.recstream.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class StickinessCountsSerializerTest {
    @Test
    void countsRoundTripAndMergeAddsThemUp() throws Exception {
        StickinessCounts c = new StickinessCounts(1, 100, 200);
        c.users = 2;
        c.returningUsers = 3;
        c.interactions = 4;
        c.clickThroughs = 5;
        c.purchases = 6;
        c.purchasesFromLists = 7;
        c.listsPublished = 8;
        c.shownItems.addAll(11L, 12L);

        DataOutputSerializer out = new DataOutputSerializer(64);
        StickinessCountsSerializer.INSTANCE.serialize(c, out);
        StickinessCounts back = StickinessCountsSerializer.INSTANCE.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));

        assertThat(back).usingRecursiveComparison().ignoringFields("shownItems").isEqualTo(c);
        assertThat(back.shownItems).isEqualTo(c.shownItems);
        StickinessCounts sum = back.merge(c);
        assertThat(sum.clickThroughs).isEqualTo(10);
        assertThat(sum.listsPublished).isEqualTo(16);
        assertThat(sum.shownItems.size()).isEqualTo(2);
        assertThat(new StickinessCountsSerializer.Snapshot().getCurrentVersion()).isEqualTo(1);
    }
}
