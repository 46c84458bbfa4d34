package io.recstream.sqlgateway;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ConfigurationUtils;
import org.apache.flink.table.gateway.SqlGateway;
import org.apache.flink.table.gateway.cli.SqlGatewayOptions;
import org.apache.flink.table.gateway.cli.SqlGatewayOptionsParser;
import org.apache.flink.table.gateway.service.context.DefaultContext;
import org.apache.flink.table.gateway.service.session.SessionManager;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Flink's SQL Gateway (its REST endpoint, which Flink's JDBC driver speaks) whose sessions start
 * with the tables of {@link GatewayOptions#SCRIPTS}. Run like Flink's {@code sql-gateway.sh}: the
 * cluster's configuration from {@code FLINK_CONF_DIR}, {@code -Dkey=value} on top
 * (deploy/sql-gateway/start.sh).
 */
public final class RecStreamSqlGateway {
    private RecStreamSqlGateway() {}

    public static void main(String[] args) throws Exception {
        SqlGatewayOptions options = SqlGatewayOptionsParser.parseSqlGatewayOptions(args);
        if (options.isPrintHelp()) {
            SqlGatewayOptionsParser.printHelpSqlGateway(System.out);
            return;
        }
        SqlGateway gateway = start(DefaultContext.load(
                ConfigurationUtils.createConfiguration(options.getDynamicConfigs()), List.of(), true));
        Runtime.getRuntime().addShutdownHook(new Thread(gateway::stop, "sql-gateway-shutdown"));
        gateway.waitUntilStop();
    }

    /** Starts the gateway's endpoints (sql-gateway.endpoint.*) over the context's cluster configuration. */
    public static SqlGateway start(DefaultContext context) throws Exception {
        Configuration config = context.getFlinkConfig();
        List<String> statements = new ArrayList<>();
        for (String script : config.get(GatewayOptions.SCRIPTS)) {
            statements.addAll(SqlScript.statements(Path.of(script)));
        }
        SqlGateway gateway = new SqlGateway(config, new ScriptedSessionManager(SessionManager.create(context), statements, config));
        gateway.start();
        return gateway;
    }
}
