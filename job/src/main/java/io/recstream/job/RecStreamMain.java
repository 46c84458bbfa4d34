package io.recstream.job;

import io.recstream.job.kafka.KafkaConnectors;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.ParameterTool;

/**
 * Entry point of the fat jar for {@code flink run}: every option of {@link RecStreamOptions} and
 * {@link LearningOptions} can be set in the cluster's config.yaml or overridden as
 * {@code --recstream.kafka.bootstrap-servers broker:9092}.
 */
public final class RecStreamMain {
    private RecStreamMain() {}

    public static void main(String[] args) throws Exception {
        Configuration overrides = Configuration.fromMap(ParameterTool.fromArgs(args).toMap());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(overrides);
        Configuration config = Configuration.fromMap(env.getConfiguration().toMap());
        config.addAll(overrides);
        RecStreamJob.builder().kafka(new KafkaConnectors(config)).config(config).build().build(env);
        env.execute(config.get(RecStreamOptions.JOB_NAME));
    }
}
