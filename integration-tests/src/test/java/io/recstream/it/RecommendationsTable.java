package io.recstream.it;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The PostgreSQL table {@code recommendations} as the tests see it: created by
 * deploy/sql/postgres.sql as it is, with an audit table a trigger fills on every insert and
 * update, so a test can tell whether a row's version ever went backwards.
 */
final class RecommendationsTable {
    static final Path SCHEMA = Path.of("..", "deploy", "sql", "postgres.sql");

    private static final String AUDIT = """
            CREATE TABLE recommendations_audit (seq BIGSERIAL PRIMARY KEY, user_id TEXT NOT NULL, version BIGINT NOT NULL);
            CREATE FUNCTION audit_recommendation() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                INSERT INTO recommendations_audit (user_id, version) VALUES (NEW.user_id, NEW.version);
                RETURN NEW;
            END $$;
            CREATE TRIGGER audit AFTER INSERT OR UPDATE ON recommendations
                FOR EACH ROW EXECUTE FUNCTION audit_recommendation();
            """;

    private final PostgresServer server;

    private RecommendationsTable(PostgresServer server) {
        this.server = server;
    }

    /** Creates the table from the schema file, and the audit of its writes. */
    static RecommendationsTable create(PostgresServer server) throws Exception {
        server.runScript(SCHEMA);
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute(AUDIT);
        }
        return new RecommendationsTable(server);
    }

    /** One row as a SQL client reads it. */
    record Row(long version, long versionsSinceMillis, String items, String modelVersion, String bucket, long eventTimeMillis) {}

    Map<String, Row> rows() throws SQLException {
        Map<String, Row> rows = new HashMap<>();
        try (Connection c = server.connect(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT user_id, version, (extract(epoch FROM versions_since) * 1000)::bigint, "
                     + "items::text, model_version, bucket, (extract(epoch FROM event_time) * 1000)::bigint FROM recommendations")) {
            while (r.next()) {
                rows.put(r.getString(1), new Row(r.getLong(2), r.getLong(3), r.getString(4), r.getString(5), r.getString(6),
                        r.getLong(7)));
            }
        }
        return rows;
    }

    /**
     * The server's other sessions that are not idle, one line each (state, what they wait on, for
     * how long, their statement): what a test prints when the table stops moving, since a
     * transaction left open by a lost writer would hold the rows' locks.
     */
    List<String> busySessions() throws SQLException {
        List<String> sessions = new ArrayList<>();
        try (Connection c = server.connect(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT pid, state, wait_event_type, wait_event, now() - xact_start, left(query, 120) "
                     + "FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND backend_type = 'client backend' AND state <> 'idle'")) {
            while (r.next()) {
                sessions.add("pid " + r.getInt(1) + " " + r.getString(2) + " waiting on " + r.getString(3) + "/" + r.getString(4)
                        + " for " + r.getString(5) + ": " + r.getString(6));
            }
        }
        return sessions;
    }

    /** Every version written per user, in the order of the writes. */
    Map<String, List<Long>> writtenVersions() throws SQLException {
        Map<String, List<Long>> versions = new HashMap<>();
        try (Connection c = server.connect(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT user_id, version FROM recommendations_audit ORDER BY seq")) {
            while (r.next()) {
                versions.computeIfAbsent(r.getString(1), u -> new ArrayList<>()).add(r.getLong(2));
            }
        }
        return versions;
    }
}
