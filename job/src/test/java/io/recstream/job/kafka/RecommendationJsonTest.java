package io.recstream.job.kafka;

import io.recstream.recommend.IntentItem;
import io.recstream.recommend.Reason;
import io.recstream.recommend.Recommendation;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The value of the recommendations topic: each item with why it is listed, nothing empty written. */
class RecommendationJsonTest {
    private final RecommendationJson json = new RecommendationJson();

    @Test
    void eachItemCarriesItsReasonWithOnlyTheFieldsThatReasonHas() throws Exception {
        Recommendation list = new Recommendation("u1", 4, "m", new Recommendation.ScoredItem[] {
            new Recommendation.ScoredItem("a", 0.5f, Reason.of(Reason.COOCCURRENCE, "Y")),
            new Recommendation.ScoredItem("b", 0.4f, Reason.of(Reason.SEARCH, IntentItem.of("running shoes"))),
            new Recommendation.ScoredItem("c", 0.3f, Reason.of(Reason.REFIND, null)),
            new Recommendation.ScoredItem("d", 0.2f, Reason.of(Reason.FACTOR, null)),
            new Recommendation.ScoredItem("e", 0.1f, Reason.of(Reason.TRENDING, null)),
            new Recommendation.ScoredItem("f", 0.0f, Reason.of(Reason.POPULARITY, null))}, 42L, "web");

        JsonNode items = Json.MAPPER.readTree(json.serialize(list)).get("items");

        assertThat(items.get(0).get("reason").toString()).isEqualTo("{\"because\":\"co-occurrence\",\"item\":\"Y\"}");
        assertThat(items.get(1).get("reason").toString()).isEqualTo("{\"because\":\"search\",\"intent\":\"running shoes\"}");
        assertThat(items.get(2).get("reason").toString()).isEqualTo("{\"because\":\"re-find\"}");
        assertThat(items.get(3).get("reason").toString()).isEqualTo("{\"because\":\"factor\"}");
        assertThat(items.get(4).get("reason").toString()).isEqualTo("{\"because\":\"trending\"}");
        assertThat(items.get(5).get("reason").toString()).isEqualTo("{\"because\":\"popularity\"}");
        Recommendation read = Json.readOrNull(json.serialize(list), Recommendation.class);
        assertThat(read.items[1].reason.intent).isEqualTo("running shoes");
    }

    /** The format users read (upsert-kafka tables, the DDL in docs/) is databind's: the same bytes, record after record. */
    @Test
    void writesTheBytesDatabindWrites() {
        Random random = new Random(7);
        for (int n = 0; n < 500; n++) {
            Recommendation list = randomList(random);
            assertThat(new String(json.serialize(list), StandardCharsets.UTF_8))
                    .isEqualTo(new String(Json.write(list), StandardCharsets.UTF_8));
        }
    }

    @Test
    void writesNullsAndOddValuesAsDatabindDoes() {
        Recommendation empty = new Recommendation(null, 0, null, null, Long.MIN_VALUE, null);
        assertThat(json.serialize(empty)).isEqualTo(Json.write(empty));
        Recommendation odd = new Recommendation("\"quoted\" \\ ünïcode \u0001", Long.MAX_VALUE, "m", new Recommendation.ScoredItem[] {
            new Recommendation.ScoredItem("nan", Float.NaN), new Recommendation.ScoredItem("inf", Float.NEGATIVE_INFINITY),
            new Recommendation.ScoredItem("tiny", Float.MIN_VALUE), null}, 1L, "app\n");
        odd.bucket = "ranked";
        odd.versionsSince = -1;
        assertThat(new String(json.serialize(odd), StandardCharsets.UTF_8))
                .isEqualTo(new String(Json.write(odd), StandardCharsets.UTF_8));
    }

    private static Recommendation randomList(Random random) {
        Recommendation.ScoredItem[] items = new Recommendation.ScoredItem[random.nextInt(12)];
        for (int i = 0; i < items.length; i++) {
            int kind = random.nextInt(Reason.POPULARITY + 1);
            Reason reason = kind == 0 ? null
                    : Reason.of((byte) kind, kind == Reason.SEARCH ? IntentItem.of("q" + random.nextInt(9)) : "item-" + random.nextInt(1000));
            items[i] = new Recommendation.ScoredItem("item-" + random.nextInt(100_000), random.nextFloat() * 10 - 5, reason);
        }
        Recommendation list = new Recommendation("user-" + random.nextInt(), random.nextLong(), "ranking-v" + random.nextInt(9),
                items, random.nextLong(), random.nextBoolean() ? "web" : null);
        list.versionsSince = random.nextLong();
        list.bucket = random.nextBoolean() ? "blend" : null;
        return list;
    }
}
