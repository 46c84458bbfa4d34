package io.recstream.sqlgateway;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
    void theShippedScriptIsItsTablesViewsAndFunctionInOrder() throws Exception {
        Pattern head = Pattern.compile("^CREATE (TABLE|VIEW|FUNCTION)(?: IF NOT EXISTS)? (\\w+)");
        assertThat(SqlScript.statements(Path.of("..", "sql", "tables.sql")))
                .extracting(s -> {
                    Matcher m = head.matcher(s);
                    return m.find() ? m.group(1) + " " + m.group(2) : s;
                })
                .containsExactly("TABLE recommendations", "TABLE recommendations_log", "VIEW current_recommendations",
                        "TABLE item_factor_records", "FUNCTION ITEM_FACTOR", "VIEW item_factors");
    }
}
