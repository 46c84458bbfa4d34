package io.recstream.job.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.recstream.job.kafka.RecommendationJson;
import io.recstream.recommend.IntentItem;
import io.recstream.recommend.Reason;
import io.recstream.recommend.Recommendation;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

class PublishedListTest {
    private static Recommendation list() {
        Recommendation list = new Recommendation("user-7", 12, "m", new Recommendation.ScoredItem[] {
            new Recommendation.ScoredItem("a", 0.5f, Reason.of(Reason.COOCCURRENCE, "Y")),
            new Recommendation.ScoredItem("b", 0.4f, Reason.of(Reason.SEARCH, IntentItem.of("running shoes"))),
            new Recommendation.ScoredItem("c", 0.3f, Reason.of(Reason.REFIND, null))}, 1_700_000_123_456L, "web");
        list.bucket = "ranked";
        list.versionsSince = 3;
        return list;
    }

    @Test
    void readsUserVersionAndEventTimeAfterTheItemsFromTheTopicsBytes() {
        byte[] bytes = new RecommendationJson().serialize(list());

        PublishedList read = PublishedList.read(bytes);

        assertThat(read.user()).isEqualTo("user-7");
        assertThat(read.version()).isEqualTo(12);
        assertThat(read.ts()).isEqualTo(1_700_000_123_456L);
        assertThat(read.json()).isSameAs(bytes);
    }

    @Test
    void theWholeListOnlyWhenAsked() {
        Recommendation whole = PublishedList.read(new RecommendationJson().serialize(list())).whole();

        assertThat(whole.user).isEqualTo("user-7");
        assertThat(whole.items).extracting(item -> item.item).containsExactly("a", "b", "c");
        assertThat(whole.bucket).isEqualTo("ranked");
    }

    @Test
    void aListWithoutItemsOrUserStillReads() {
        Recommendation list = list();
        list.items = null;
        list.user = null;

        PublishedList read = PublishedList.read(new RecommendationJson().serialize(list));

        assertThat(read.user()).isNull();
        assertThat(read.version()).isEqualTo(12);
        assertThat(read.ts()).isEqualTo(1_700_000_123_456L);
    }

    @Test
    void bytesThatAreNoJsonObjectReadAsNothing() {
        assertThat(PublishedList.read(null)).isNull();
        assertThat(PublishedList.read(new byte[0])).isNull();
        assertThat(PublishedList.read("[1,2]".getBytes(StandardCharsets.UTF_8))).isNull();
        assertThat(PublishedList.read("{\"user\":\"u\",".getBytes(StandardCharsets.UTF_8))).isNull();
    }
}
