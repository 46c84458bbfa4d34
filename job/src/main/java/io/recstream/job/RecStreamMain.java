package io.recstream.job;

import io.recstream.job.kafka.KafkaConnectors;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.ParameterTool;

/**
 * Entry point of the fat jar for {@code flink run}: every option of {@link RecStreamOptions} and
 * {@link LearningOptions} can be set in the cluster's config.yaml or overridden as
 * {@code --recstream.kafka.bootstrap-servers broker:9092}; {@code recstream.secrets-dir} names a
 * further config.yaml, read last (deploy/k8s/).
 */
public final class RecStreamMain {
    private RecStreamMain() {}

    public static void main(String[] args) throws Exception {
        Configuration overrides = Configuration.fromMap(ParameterTool.fromArgs(args).toMap());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(overrides);
        Configuration config = jobConfiguration(env.getConfiguration(), overrides);
        RecStreamJob.builder().kafka(new KafkaConnectors(config)).config(config).build().build(env);
        env.execute(config.get(RecStreamOptions.JOB_NAME));
    }

    /** The cluster's configuration, the command line's options over it, and the secrets file's over both. */
    static Configuration jobConfiguration(ReadableConfig cluster, Configuration commandLine) {
        Configuration config = Configuration.fromMap(cluster.toMap());
        config.addAll(commandLine);
        String secrets = config.get(RecStreamOptions.SECRETS_DIR);
        if (!secrets.isEmpty()) {
            // read in main(), which runs on the JobManager: task managers need no access to the secret
            config.addAll(GlobalConfiguration.loadConfiguration(secrets));
        }
        return config;
    }
}
