package io.recstream.sqlgateway;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

import java.util.List;

/** Options of the RecStream SQL Gateway (deploy/sql-gateway/README.md), beside Flink's sql-gateway.* options. */
public final class GatewayOptions {
    private GatewayOptions() {}

    public static final ConfigOption<List<String>> SCRIPTS = ConfigOptions.key("recstream.sql-gateway.scripts")
            .stringType().asList().defaultValues()
            .withDescription("SQL files run, unchanged, in every new session of the gateway, e.g. deploy/sql/tables.sql; "
                    + "the Kafka tables they create are then pointed at recstream.kafka.bootstrap-servers and the "
                    + "recstream.topic.* topics.");
}
