package io.recstream.job.postgres;

import io.recstream.recommend.Reason;
import io.recstream.recommend.Recommendation;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ListsSerializerTest {

    @Test
    void aCheckpointedBatchKeepsWhatTheVersionGuardOrdersBy() throws Exception {
        Recommendation list = new Recommendation("u1", 3, "model-1",
                new Recommendation.ScoredItem[] {new Recommendation.ScoredItem("a", 0.5f, Reason.of(Reason.COOCCURRENCE, "x"))}, 42L, "web");
        list.versionsSince = 1_700_000_000_123L;
        ListsSerializer serializer = new ListsSerializer();

        Recommendation[] restored = serializer.deserialize(serializer.getVersion(),
                serializer.serialize(new Recommendation[] {list}));

        assertThat(restored).singleElement().satisfies(r -> {
            assertThat(r.user).isEqualTo("u1");
            assertThat(r.version).isEqualTo(3);
            assertThat(r.versionsSince).isEqualTo(1_700_000_000_123L);
            assertThat(r.items[0].item).isEqualTo("a");
            assertThat(r.items[0].reason).extracting(why -> why.because, why -> why.item).containsExactly("co-occurrence", "x");
            assertThat(r.ts).isEqualTo(42L);
        });
    }
}
