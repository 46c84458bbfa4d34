package io.recstream.sqlgateway;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class SqlScriptTest {

    @Test
    void splitsAtSemicolonsAndDropsCommentsOutsideQuotes() {
        assertThat(SqlScript.statements("""
                -- a comment; with a semicolon
                CREATE TABLE t (`a;b` STRING) -- why; it matters
                WITH ('k' = 'v;--w', 'q' = 'it''s');
                  ;
                SELECT 1""")).containsExactly(
                "CREATE TABLE t (`a;b` STRING) \nWITH ('k' = 'v;--w', 'q' = 'it''s')",
                "SELECT 1");
    }

    @Test
    void theShippedTablesAreThreeTablesAndAView() throws Exception {
        assertThat(SqlScript.statements(Path.of("..", "sql", "tables.sql")))
                .extracting(s -> s.substring(0, s.indexOf('(')).strip())
                .containsExactly("CREATE TABLE recommendations", "CREATE TABLE recommendations_log",
                        "CREATE VIEW current_recommendations AS\nSELECT `user`, version, modelVersion, items, ts, channel\nFROM",
                        "CREATE TABLE item_factors");
    }
}
