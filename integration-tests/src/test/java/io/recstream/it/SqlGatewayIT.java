package io.recstream.it;

import io.recstream.job.RecStreamOptions;
import io.recstream.job.kafka.Json;
import io.recstream.recommend.Reason;
import io.recstream.recommend.Recommendation;
import io.recstream.sqlgateway.GatewayOptions;
import io.recstream.sqlgateway.RecStreamSqlGateway;

import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.table.gateway.SqlGateway;
import org.apache.flink.table.gateway.service.context.DefaultContext;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * deploy/sql-gateway: the gateway started as in production, in this JVM, over a Flink cluster and
 * the Kafka broker, reached through Flink's JDBC driver as DBeaver or any JDBC tool reaches it:
 * a new connection finds the tables of deploy/sql/tables.sql, run unchanged, and reads a user's
 * current list from the recommendations topic.
 */
class SqlGatewayIT extends EmbeddedKafkaIT {
    /** Not the job's default name, so that the gateway must point the shipped DDL at it. */
    private static final String TOPIC = "gateway-recommendations";

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @Test
    @Timeout(120)
    void aJdbcToolReadsAUsersListThroughTheShippedTables() throws Exception {
        TopicReader.produce(kafka.bootstrapServers(), TOPIC, List.of(
                list("user-1", 1, "item-a", "item-b"),
                list("user-2", 1, "item-c", "item-d"),
                list("user-1", 2, "item-e", "item-a")));

        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Configuration conf = new Configuration(CLUSTER.getClientConfiguration());
        conf.set(DeploymentOptions.TARGET, "remote");
        conf.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.BATCH); // as deploy/sql-gateway/start.sh
        conf.setString("sql-gateway.endpoint.rest.address", "127.0.0.1");
        conf.setString("sql-gateway.endpoint.rest.port", Integer.toString(port));
        conf.set(GatewayOptions.SCRIPTS, List.of("../deploy/sql/tables.sql"));
        conf.set(RecStreamOptions.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
        conf.set(RecStreamOptions.RECOMMENDATIONS_TOPIC, TOPIC);
        SqlGateway gateway = RecStreamSqlGateway.start(new DefaultContext(conf, List.of()));
        try (Connection jdbc = DriverManager.getConnection("jdbc:flink://127.0.0.1:" + port);
             Statement sql = jdbc.createStatement();
             ResultSet rows = sql.executeQuery("SELECT r.version, i.item, i.score, i.reason.because, i.reason.item "
                     + "FROM current_recommendations AS r CROSS JOIN UNNEST(r.items) AS i(item, score, reason) "
                     + "WHERE r.`user` = 'user-1'")) {
            List<String> list = new ArrayList<>();
            while (rows.next()) {
                list.add(rows.getLong(1) + " " + rows.getString(2) + " " + rows.getFloat(3) + " " + rows.getString(4)
                        + " " + rows.getString(5));
            }
            assertThat(list).containsExactlyInAnyOrder("2 item-e 1.0 co-occurrence seen-item", "2 item-a 0.5 co-occurrence seen-item");
        } finally {
            gateway.stop();
        }
    }

    private static ProducerRecord<String, byte[]> list(String user, long version, String... items) {
        Recommendation.ScoredItem[] scored = new Recommendation.ScoredItem[items.length];
        for (int i = 0; i < items.length; i++) {
            scored[i] = new Recommendation.ScoredItem(items[i], 1.0f / (i + 1), Reason.of(Reason.COOCCURRENCE, "seen-item"));
        }
        return new ProducerRecord<>(TOPIC, user,
                Json.write(new Recommendation(user, version, "model-1", scored, 1_700_000_000_000L + version, "web")));
    }
}
