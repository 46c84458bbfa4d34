package io.recstream.sqlgateway;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The statements of a SQL file such as deploy/sql/tables.sql, one at a time as a Flink
 * TableEnvironment takes them: {@code --} comments dropped, split at each {@code ;}, both only
 * outside quoted strings and identifiers.
 */
final class SqlScript {
    private SqlScript() {}

    static List<String> statements(Path file) throws IOException {
        return statements(Files.readString(file, StandardCharsets.UTF_8));
    }

    static List<String> statements(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder statement = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < script.length(); i++) {
            char c = script.charAt(i);
            if (quote != 0) {
                quote = c == quote ? 0 : quote; // a doubled quote closes and reopens: the same text
            } else if (c == '\'' || c == '`' || c == '"') {
                quote = c;
            } else if (c == '-' && script.startsWith("--", i)) {
                int end = script.indexOf('\n', i);
                i = end < 0 ? script.length() : end;
                c = '\n';
            } else if (c == ';') {
                add(statements, statement);
                continue;
            }
            statement.append(c);
        }
        add(statements, statement);
        return statements;
    }

    private static void add(List<String> statements, StringBuilder statement) {
        String text = statement.toString().strip();
        if (!text.isEmpty()) {
            statements.add(text);
        }
        statement.setLength(0);
    }
}
