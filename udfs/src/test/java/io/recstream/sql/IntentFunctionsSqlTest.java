package io.recstream.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The SQL functions registered with CREATE FUNCTION, as deploy/sql/udfs.sql does, and queried. */
class IntentFunctionsSqlTest {
    private static TableEnvironment tableEnv;

    @BeforeAll
    static void registerFunctions() {
        tableEnv = TableEnvironment.create(EnvironmentSettings.inBatchMode());
        tableEnv.getConfig().set("parallelism.default", "1");
        tableEnv.executeSql("CREATE TEMPORARY FUNCTION INTENT AS 'io.recstream.sql.IntentFunction'");
        tableEnv.executeSql("CREATE TEMPORARY FUNCTION INTENT_SCORES AS 'io.recstream.sql.IntentScoresFunction'");
    }

    @Test
    void intentOfEachText() throws Exception {
        Map<String, String> intents = new HashMap<>();
        for (Row row : collect("SELECT txt, INTENT(txt) FROM (VALUES ('wireless headphones'), "
                + "('paperback novel'), ('organic coffee'), (CAST(NULL AS STRING))) AS t(txt)")) {
            intents.put((String) row.getField(0), (String) row.getField(1));
        }
        assertThat(intents).containsEntry("wireless headphones", "electronics")
                .containsEntry("paperback novel", "books")
                .containsEntry("organic coffee", "grocery")
                .containsEntry(null, null)
                .hasSize(4);
    }

    @Test
    void scoresAreAMapOverAllCategories() throws Exception {
        List<Row> rows = collect("SELECT INTENT_SCORES(txt), INTENT_SCORES(txt)['books'] "
                + "FROM (VALUES ('bestseller thriller')) AS t(txt)");
        assertThat(rows).hasSize(1);
        @SuppressWarnings("unchecked")
        Map<String, Double> scores = (Map<String, Double>) rows.get(0).getField(0);
        assertThat(scores).hasSize(10).containsKeys("electronics", "books", "automotive");
        assertThat(scores.values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1.0, within(1e-5));
        assertThat((Double) rows.get(0).getField(1)).isEqualTo(scores.get("books")).isGreaterThan(0.5);
    }

    @Test
    void anotherModelByConstructor() throws Exception {
        tableEnv.createTemporarySystemFunction(
                "MOVIE_GENRE", new IntentFunction("classpath:models/intent-movielens.onnx"));
        List<Row> rows = collect("SELECT MOVIE_GENRE('sci-fi dystopia space')");
        assertThat(rows.get(0).getField(0)).isEqualTo("Sci-Fi");
    }

    @Test
    void anotherModelByJobParameter() throws Exception {
        TableEnvironment env = TableEnvironment.create(EnvironmentSettings.inBatchMode());
        env.getConfig().set("pipeline.global-job-parameters",
                IntentModelFunction.LOCATION_KEY + ":'classpath:models/intent-movielens.onnx'");
        env.executeSql("CREATE TEMPORARY FUNCTION INTENT AS 'io.recstream.sql.IntentFunction'");
        try (CloseableIterator<Row> it = env.executeSql("SELECT INTENT('sci-fi dystopia space')").collect()) {
            assertThat(it.next().getField(0)).isEqualTo("Sci-Fi");
        }
    }

    private static List<Row> collect(String query) throws Exception {
        try (CloseableIterator<Row> it = tableEnv.executeSql(query).collect()) {
            List<Row> rows = new java.util.ArrayList<>();
            it.forEachRemaining(rows::add);
            return rows;
        }
    }
}
