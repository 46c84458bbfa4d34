package io.recstream.job.kafka;

import io.recstream.recommend.IntentItem;
import io.recstream.recommend.Reason;
import io.recstream.recommend.Recommendation;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The value of the recommendations topic: each item with why it is listed, nothing empty written. */
class RecommendationJsonTest {

    @Test
    void eachItemCarriesItsReasonWithOnlyTheFieldsThatReasonHas() throws Exception {
        Recommendation list = new Recommendation("u1", 4, "m", new Recommendation.ScoredItem[] {
            new Recommendation.ScoredItem("a", 0.5f, Reason.of(Reason.COOCCURRENCE, "Y")),
            new Recommendation.ScoredItem("b", 0.4f, Reason.of(Reason.SEARCH, IntentItem.of("running shoes"))),
            new Recommendation.ScoredItem("c", 0.3f, Reason.of(Reason.REFIND, null)),
            new Recommendation.ScoredItem("d", 0.2f, Reason.of(Reason.FACTOR, null)),
            new Recommendation.ScoredItem("e", 0.1f, Reason.of(Reason.TRENDING, null)),
            new Recommendation.ScoredItem("f", 0.0f, Reason.of(Reason.POPULARITY, null))}, 42L, "web");

        JsonNode items = Json.MAPPER.readTree(Json.write(list)).get("items");

        assertThat(items.get(0).get("reason").toString()).isEqualTo("{\"because\":\"co-occurrence\",\"item\":\"Y\"}");
        assertThat(items.get(1).get("reason").toString()).isEqualTo("{\"because\":\"search\",\"intent\":\"running shoes\"}");
        assertThat(items.get(2).get("reason").toString()).isEqualTo("{\"because\":\"re-find\"}");
        assertThat(items.get(3).get("reason").toString()).isEqualTo("{\"because\":\"factor\"}");
        assertThat(items.get(4).get("reason").toString()).isEqualTo("{\"because\":\"trending\"}");
        assertThat(items.get(5).get("reason").toString()).isEqualTo("{\"because\":\"popularity\"}");
        Recommendation read = Json.readOrNull(Json.write(list), Recommendation.class);
        assertThat(read.items[1].reason.intent).isEqualTo("running shoes");
    }
}
