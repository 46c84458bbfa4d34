package io.recstream.it;

import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 5, acceptance 5, as an analyst does it (deploy/sql/udfs.sql): the functions are
 * registered from the job's shaded jar with USING JAR, so Flink loads them, DJL and ONNX
 * Runtime's native library through its child-first user classloader, and answer a query.
 */
class SqlUdfFromJarIT {

    @Test
    @Timeout(300)
    void intentFunctionsRegisteredFromTheJarAnswerAQuery() throws Exception {
        Path jar = shadedJar();
        TableEnvironment sql = TableEnvironment.create(EnvironmentSettings.inBatchMode());
        sql.getConfig().set("parallelism.default", "1");
        sql.executeSql("CREATE TEMPORARY FUNCTION INTENT AS 'io.recstream.sql.IntentFunction' USING JAR '" + jar.toUri() + "'");
        sql.executeSql("CREATE TEMPORARY FUNCTION INTENT_SCORES AS 'io.recstream.sql.IntentScoresFunction' USING JAR '"
                + jar.toUri() + "'");

        Map<String, String> intents = new HashMap<>();
        try (CloseableIterator<Row> rows = sql.executeSql("SELECT txt, INTENT(txt), INTENT_SCORES(txt)['books'] "
                + "FROM (VALUES ('wireless headphones'), ('paperback novel')) AS t(txt)").collect()) {
            rows.forEachRemaining(row -> intents.put((String) row.getField(0), (String) row.getField(1)));
        }
        assertThat(intents).containsEntry("wireless headphones", "electronics").containsEntry("paperback novel", "books");
    }

    /** job/target/recstream-job-<version>-flink.jar, built by the reactor before this module. */
    private static Path shadedJar() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("..", "job", "target"))) {
            return files.filter(p -> p.getFileName().toString().endsWith("-flink.jar")).findFirst()
                    .orElseThrow(() -> new AssertionError("no shaded jar in job/target: run ./mvnw verify from the root"))
                    .toAbsolutePath();
        }
    }
}
