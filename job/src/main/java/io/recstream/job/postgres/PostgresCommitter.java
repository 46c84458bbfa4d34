package io.recstream.job.postgres;

import io.recstream.job.kafka.Json;
import io.recstream.recommend.Recommendation;

import com.fasterxml.jackson.core.JsonGenerator;
import org.apache.flink.api.connector.sink2.Committer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;

/**
 * The committer of {@link PostgresSink}: upserts the lists of completed checkpoints, all lists of
 * one commit call in one transaction. The version guard of {@link #UPSERT} keeps a row at its
 * newest list whatever the order and however often a batch is committed (a restore commits the
 * restored checkpoint's batch again). It orders by (versions_since, version): a user's numbering
 * starts again at 1 after their state expired, later than the old one began, and then wins over
 * it (docs/ARCHITECTURE.md "Consistency of the output"). A failed transaction is retried on a
 * fresh connection; when the attempts are used up the job fails and its restart commits the
 * batch again.
 */
final class PostgresCommitter implements Committer<Recommendation[]> {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresCommitter.class);

    static final String UPSERT = "INSERT INTO recommendations "
            + "(user_id, version, versions_since, items, model_version, bucket, event_time, updated_at) "
            + "VALUES (?, ?, TIMESTAMPTZ 'epoch' + ? * INTERVAL '1 millisecond', ?::jsonb, ?, ?, "
            + "TIMESTAMPTZ 'epoch' + ? * INTERVAL '1 millisecond', now()) "
            + "ON CONFLICT (user_id) DO UPDATE SET version = excluded.version, versions_since = excluded.versions_since, "
            + "items = excluded.items, model_version = excluded.model_version, bucket = excluded.bucket, "
            + "event_time = excluded.event_time, updated_at = excluded.updated_at "
            + "WHERE (excluded.versions_since, excluded.version) > (recommendations.versions_since, recommendations.version)";

    private final ConnectionSettings settings;
    private final int batchSize;
    private final int attempts;
    private final long backoffMillis;
    private Connection connection;

    PostgresCommitter(ConnectionSettings settings, int batchSize, int attempts, long backoffMillis) {
        this.settings = settings;
        this.batchSize = batchSize;
        this.attempts = attempts;
        this.backoffMillis = backoffMillis;
    }

    @Override
    public void commit(Collection<CommitRequest<Recommendation[]>> requests) throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                upsert(requests);
                return;
            } catch (SQLException e) {
                closeConnection();
                if (attempt >= attempts) {
                    throw new IOException("PostgreSQL commit failed " + attempts + " times on " + settings, e);
                }
                long pause = backoffMillis << (attempt - 1);
                LOG.warn("PostgreSQL commit attempt {} of {} on {} failed, retrying in {} ms", attempt, attempts, settings, pause, e);
                Thread.sleep(pause);
            }
        }
    }

    private void upsert(Collection<CommitRequest<Recommendation[]>> requests) throws SQLException, IOException {
        if (connection == null) {
            connection = settings.connect();
            connection.setAutoCommit(false);
        }
        try (PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
            int pending = 0;
            for (CommitRequest<Recommendation[]> request : requests) {
                for (Recommendation list : request.getCommittable()) {
                    upsert.setString(1, list.user);
                    upsert.setLong(2, list.version);
                    upsert.setLong(3, list.versionsSince);
                    upsert.setString(4, itemsJson(list.items));
                    upsert.setString(5, list.modelVersion);
                    upsert.setString(6, list.bucket);
                    upsert.setLong(7, list.ts);
                    upsert.addBatch();
                    if (++pending == batchSize) {
                        upsert.executeBatch();
                        pending = 0;
                    }
                }
            }
            if (pending > 0) {
                upsert.executeBatch();
            }
            connection.commit();
        } catch (SQLException e) {
            try {
                connection.rollback();
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
            }
            throw e;
        }
    }

    /** {@code [{"item":"..","score":0.9,"reason":{"because":"co-occurrence","item":".."}}, ...]}, as on the Kafka topic. */
    static String itemsJson(Recommendation.ScoredItem[] items) throws IOException {
        StringWriter out = new StringWriter(items.length * 48);
        try (JsonGenerator json = Json.MAPPER.getFactory().createGenerator(out)) {
            json.writeStartArray();
            for (Recommendation.ScoredItem item : items) {
                json.writeStartObject();
                json.writeStringField("item", item.item);
                json.writeNumberField("score", item.score);
                json.writeObjectField("reason", item.reason);
                json.writeEndObject();
            }
            json.writeEndArray();
        }
        return out.toString();
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.debug("Closing a failed PostgreSQL connection", e);
            }
            connection = null;
        }
    }

    @Override
    public void close() {
        closeConnection();
    }
}
