package io.recstream.job.postgres;

import io.recstream.job.PostgresOptions;
import io.recstream.recommend.Recommendation;

import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.api.connector.sink2.CommitterInitContext;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.SupportsCommitter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Writes each user's current list into the PostgreSQL table {@code recommendations}
 * (deploy/sql/postgres.sql) in step with the exactly-once Kafka topic: the writer holds a
 * checkpoint's lists, the committer upserts them in one transaction once the checkpoint is
 * complete, so only lists the topic also shows ever reach the table (docs/ARCHITECTURE.md
 * "Consistency of the output").
 */
public final class PostgresSink implements Sink<Recommendation>, SupportsCommitter<Recommendation[]> {
    private static final long serialVersionUID = 1L;

    private final String url;
    private final String user;
    private final String password;
    private final int batchSize;
    private final int maxBufferedLists;
    private final int commitAttempts;
    private final long retryBackoffMillis;

    public PostgresSink(ReadableConfig config) {
        this.url = config.get(PostgresOptions.URL);
        this.user = config.get(PostgresOptions.USER);
        this.password = config.get(PostgresOptions.PASSWORD);
        this.batchSize = config.get(PostgresOptions.BATCH_SIZE);
        this.maxBufferedLists = config.get(PostgresOptions.MAX_BUFFERED_LISTS);
        this.commitAttempts = config.get(PostgresOptions.COMMIT_ATTEMPTS);
        this.retryBackoffMillis = config.get(PostgresOptions.RETRY_BACKOFF).toMillis();
        if (url.isEmpty()) {
            throw new IllegalArgumentException(PostgresOptions.URL.key() + " is empty: the PostgreSQL sink is off");
        }
    }

    @Override
    public SinkWriter<Recommendation> createWriter(WriterInitContext context) {
        return new CheckpointBuffer(maxBufferedLists, context.metricGroup());
    }

    @Override
    public Committer<Recommendation[]> createCommitter(CommitterInitContext context) {
        return new PostgresCommitter(new ConnectionSettings(url, user, password), batchSize, commitAttempts, retryBackoffMillis);
    }

    @Override
    public SimpleVersionedSerializer<Recommendation[]> getCommittableSerializer() {
        return new ListsSerializer();
    }
}
