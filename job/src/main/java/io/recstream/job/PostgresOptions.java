package io.recstream.job;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

import java.time.Duration;

/** The PostgreSQL sink of the recommendation lists (deploy/README.md "PostgreSQL"); off while the url is empty. */
public final class PostgresOptions {
    private PostgresOptions() {}

    public static final ConfigOption<String> URL = ConfigOptions.key("recstream.postgres.url")
            .stringType().defaultValue("")
            .withDescription("JDBC URL of the database holding the recommendations table of deploy/sql/postgres.sql, "
                    + "e.g. jdbc:postgresql://db:5432/recstream. Empty: no PostgreSQL sink.");
    public static final ConfigOption<String> USER = ConfigOptions.key("recstream.postgres.user")
            .stringType().defaultValue("recstream").withDescription("Database user of the PostgreSQL sink.");
    public static final ConfigOption<String> PASSWORD = ConfigOptions.key("recstream.postgres.password")
            .stringType().defaultValue("")
            .withDescription("Password of the database user; keep it in a Secret (see recstream.secrets-dir).");
    public static final ConfigOption<Integer> BATCH_SIZE = ConfigOptions.key("recstream.postgres.batch-size")
            .intType().defaultValue(500)
            .withDescription("Upserts sent per round trip within a checkpoint's transaction.");
    public static final ConfigOption<Integer> MAX_BUFFERED_LISTS = ConfigOptions.key("recstream.postgres.max-buffered-lists")
            .intType().defaultValue(200_000)
            .withDescription("Lists one sink subtask may hold until the checkpoint that commits them; more fail the task "
                    + "(shorten the checkpoint interval or raise this).");
    public static final ConfigOption<Integer> COMMIT_ATTEMPTS = ConfigOptions.key("recstream.postgres.commit-attempts")
            .intType().defaultValue(5)
            .withDescription("Attempts of a checkpoint's transaction, each on a fresh connection, before the job fails "
                    + "and restarts from its last checkpoint (which commits the lists again).");
    public static final ConfigOption<Duration> RETRY_BACKOFF = ConfigOptions.key("recstream.postgres.retry-backoff")
            .durationType().defaultValue(Duration.ofSeconds(1))
            .withDescription("Pause before the second attempt of a commit; doubled before each further one.");
}
