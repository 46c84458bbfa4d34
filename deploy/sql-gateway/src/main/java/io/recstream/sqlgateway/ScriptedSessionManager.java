package io.recstream.sqlgateway;

import io.recstream.job.RecStreamOptions;

import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.catalog.Catalog;
import org.apache.flink.table.catalog.ObjectPath;
import org.apache.flink.table.catalog.exceptions.TableNotExistException;
import org.apache.flink.table.gateway.api.session.SessionEnvironment;
import org.apache.flink.table.gateway.api.session.SessionHandle;
import org.apache.flink.table.gateway.api.utils.SqlGatewayException;
import org.apache.flink.table.gateway.service.session.Session;
import org.apache.flink.table.gateway.service.session.SessionManager;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Flink's session manager, except that every new session starts with the statements of the
 * configured scripts run in it, so a JDBC tool finds the project's tables on connecting. Flink
 * keeps tables per session (no catalog of its own outlives one), and the gateway has no option
 * for such statements, hence this wrapper. The shipped DDL names {@code broker:9092} and the
 * job's default topics; each Kafka table is then pointed at the configured brokers and topics with
 * {@code ALTER TABLE ... SET}, so the scripts run unchanged.
 */
final class ScriptedSessionManager implements SessionManager {
    private static final List<ConfigOption<String>> TOPICS = List.of(RecStreamOptions.EVENTS_TOPIC,
            RecStreamOptions.DEAD_LETTER_TOPIC, RecStreamOptions.ITEM_FACTORS_TOPIC, RecStreamOptions.RECOMMENDATIONS_TOPIC,
            RecStreamOptions.METRICS_TOPIC);

    private final SessionManager sessions;
    private final List<String> statements;
    private final ReadableConfig config;

    ScriptedSessionManager(SessionManager sessions, List<String> statements, ReadableConfig config) {
        this.sessions = sessions;
        this.statements = statements;
        this.config = config;
    }

    @Override
    public Session openSession(SessionEnvironment environment) {
        Session session = sessions.openSession(environment);
        try {
            // definitions are checked in streaming mode, where a view over an upsert table
            // (item_factors) is valid; each query then runs in the session's own mode
            Configuration definitions = new Configuration();
            definitions.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.STREAMING);
            TableEnvironment tables = session.createExecutor(definitions).getTableEnvironment();
            for (String statement : statements) {
                tables.executeSql(statement);
            }
            pointAtConfiguredKafka(tables);
            return session;
        } catch (RuntimeException e) {
            sessions.closeSession(session.getSessionHandle());
            throw new SqlGatewayException("The statements of " + GatewayOptions.SCRIPTS.key() + " failed in a new session", e);
        }
    }

    private void pointAtConfiguredKafka(TableEnvironment tables) {
        Catalog catalog = tables.getCatalog(tables.getCurrentCatalog()).orElseThrow();
        for (String table : tables.listTables()) {
            try {
                Map<String, String> overrides = kafkaOverrides(
                        catalog.getTable(new ObjectPath(tables.getCurrentDatabase(), table)).getOptions(), config);
                if (!overrides.isEmpty()) {
                    tables.executeSql("ALTER TABLE `" + table.replace("`", "``") + "` SET (" + overrides.entrySet().stream()
                            .map(o -> literal(o.getKey()) + " = " + literal(o.getValue()))
                            .collect(Collectors.joining(", ")) + ")");
                }
            } catch (TableNotExistException e) {
                throw new IllegalStateException(e); // listed a moment ago in the same session
            }
        }
    }

    /** The options of a Kafka table that differ from the configured brokers and (renamed) topics. */
    static Map<String, String> kafkaOverrides(Map<String, String> tableOptions, ReadableConfig config) {
        Map<String, String> overrides = new LinkedHashMap<>();
        String brokers = tableOptions.get("properties.bootstrap.servers");
        if (brokers != null && !brokers.equals(config.get(RecStreamOptions.BOOTSTRAP_SERVERS))) {
            overrides.put("properties.bootstrap.servers", config.get(RecStreamOptions.BOOTSTRAP_SERVERS));
        }
        String topic = tableOptions.get("topic");
        for (ConfigOption<String> option : TOPICS) {
            if (option.defaultValue().equals(topic) && !topic.equals(config.get(option))) {
                overrides.put("topic", config.get(option));
            }
        }
        return overrides;
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    @Override
    public void start() {
        sessions.start();
    }

    @Override
    public void stop() {
        sessions.stop();
    }

    @Override
    public Session getSession(SessionHandle handle) {
        return sessions.getSession(handle);
    }

    @Override
    public void closeSession(SessionHandle handle) {
        sessions.closeSession(handle);
    }
}
