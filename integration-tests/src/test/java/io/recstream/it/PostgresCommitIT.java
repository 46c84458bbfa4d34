package io.recstream.it;

import io.recstream.job.PostgresOptions;
import io.recstream.job.postgres.PostgresSink;
import io.recstream.recommend.IntentItem;
import io.recstream.recommend.Reason;
import io.recstream.recommend.Recommendation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The PostgreSQL sink's commit against a real server: the row shape SQL clients read, and the
 * version guard that keeps each row at its newest list whatever order and however often batches
 * are committed.
 */
class PostgresCommitIT {
    /** The versionsSince of a numbering that began after the one of {@link #list(String, long, long, String...)}. */
    private static final long LATER = 1_700_000_000_000L;

    private static PostgresServer postgres;
    private static RecommendationsTable table;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = PostgresServer.start();
        table = RecommendationsTable.create(postgres);
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        postgres.close();
    }

    @Test
    void aRowHoldsTheListWithItsScoresReasonsAndTheEventTime() throws Exception {
        commit(list("shape-user", 1, 1_700_000_000_123L, "item-a", "item-b"));

        RecommendationsTable.Row row = table.rows().get("shape-user");
        assertThat(row.version()).isEqualTo(1);
        assertThat(row.modelVersion()).isEqualTo("model-1");
        assertThat(row.bucket()).isEqualTo("blend");
        assertThat(row.eventTimeMillis()).isEqualTo(1_700_000_000_123L);
        ObjectMapper json = new ObjectMapper();
        JsonNode items = json.readTree(row.items());
        assertThat(items).hasSize(2);
        assertThat(items.get(0).get("item").asText()).isEqualTo("item-a");
        assertThat(items.get(0).get("score").floatValue()).isEqualTo(1.0f);
        // JSONB keeps an object's keys in its own order: compared as JSON, not as text
        assertThat(items.get(0).get("reason")).isEqualTo(json.readTree("{\"because\":\"co-occurrence\",\"item\":\"viewed-x\"}"));
        assertThat(items.get(1).get("item").asText()).isEqualTo("item-b");
        assertThat(items.get(1).get("reason")).isEqualTo(json.readTree("{\"because\":\"search\",\"intent\":\"shoes\"}"));
    }

    @Test
    void anOlderOrRepeatedVersionNeverOverwritesTheRow() throws Exception {
        commit(list("guarded-user", 3, 3, "newest"));
        commit(list("guarded-user", 2, 2, "older")); // a late batch
        commit(list("guarded-user", 3, 3, "newest")); // the same batch again, as after a restore
        commit(list("guarded-user", 1, 1, "first"), list("guarded-user", 4, 4, "next"), list("guarded-user", 2, 2, "older"));

        assertThat(table.rows().get("guarded-user").version()).isEqualTo(4);
        assertThat(table.rows().get("guarded-user").items()).contains("next");
        assertThat(table.writtenVersions().get("guarded-user")).containsExactly(3L, 4L);
    }

    @Test
    void aNumberingStartedAgainAfterExpiryReplacesTheOldOneForGood() throws Exception {
        commit(list("returning-user", 7, 7, "before-expiry"));
        // the user's state expired; they came back, and their numbering starts again at 1, later
        commit(list("returning-user", 1, 100, LATER, "after-expiry"));
        commit(list("returning-user", 7, 7, "before-expiry")); // the old batch again, as after a restore
        commit(list("returning-user", 8, 8, "late-old"), list("returning-user", 2, 101, LATER, "after-expiry-2"));

        RecommendationsTable.Row row = table.rows().get("returning-user");
        assertThat(row.version()).isEqualTo(2);
        assertThat(row.versionsSinceMillis()).isEqualTo(LATER);
        assertThat(row.items()).contains("after-expiry-2");
        assertThat(table.writtenVersions().get("returning-user")).containsExactly(7L, 1L, 2L);
    }

    private static void commit(Recommendation... lists) throws Exception {
        Configuration conf = new Configuration();
        conf.set(PostgresOptions.URL, postgres.jdbcUrl());
        conf.set(PostgresOptions.USER, PostgresServer.user());
        conf.set(PostgresOptions.BATCH_SIZE, 2);
        try (Committer<Recommendation[]> committer = new PostgresSink(conf).createCommitter(null)) {
            committer.commit(List.of(new Request(lists)));
        }
    }

    private static Recommendation list(String user, long version, long ts, String... items) {
        return list(user, version, ts, 1_000L, items);
    }

    private static Recommendation list(String user, long version, long ts, long versionsSince, String... items) {
        Recommendation.ScoredItem[] scored = new Recommendation.ScoredItem[items.length];
        for (int i = 0; i < items.length; i++) {
            scored[i] = new Recommendation.ScoredItem(items[i], 1.0f / (i + 1),
                    i % 2 == 0 ? Reason.of(Reason.COOCCURRENCE, "viewed-x") : Reason.of(Reason.SEARCH, IntentItem.of("shoes")));
        }
        Recommendation list = new Recommendation(user, version, "model-1", scored, ts, "web");
        list.versionsSince = versionsSince;
        list.bucket = "blend";
        return list;
    }

    /** A checkpoint's batch as the sink's committer operator hands it over. */
    private record Request(Recommendation[] getCommittable) implements Committer.CommitRequest<Recommendation[]> {
        @Override
        public int getNumberOfRetries() {
            return 0;
        }

        @Override
        public void signalFailedWithKnownReason(Throwable t) {
            throw new AssertionError(t);
        }

        @Override
        public void signalFailedWithUnknownReason(Throwable t) {
            throw new AssertionError(t);
        }

        @Override
        public void retryLater() {
            throw new AssertionError("retry");
        }

        @Override
        public void updateAndRetryLater(Recommendation[] committable) {
            throw new AssertionError("retry");
        }

        @Override
        public void signalAlreadyCommitted() {
        }
    }
}
