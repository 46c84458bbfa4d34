package io.recstream.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.recstream.job.kafka.KafkaConnectors;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;

import org.junit.jupiter.api.Test;

import java.util.List;

/**
 * The savepoint contract: every operator of the graph {@code flink run} submits has a fixed uid,
 * so a savepoint of one build restores into the next (deploy/README.md). Building the graph does
 * not connect to Kafka.
 */
class RecStreamJobGraphTest {

    @Test
    void everyOperatorOfTheProductionGraphHasItsFixedUid() {
        Configuration conf = new Configuration();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        RecStreamJob.builder().kafka(new KafkaConnectors(conf)).config(conf).build().build(env);
        StreamGraph graph = env.getStreamGraph();

        List<String> uids = graph.getStreamNodes().stream().map(StreamNode::getTransformationUID).toList();

        assertThat(uids).doesNotContainNull().containsExactlyInAnyOrder(
                "events-source", "event-validation", "event-watermarks", "intent-model",
                "dead-letter-sink", "Sink Committer: dead-letter-sink",
                "item-factors-source", "item-factors-batcher", "user-learner", "item-learner",
                "item-factors-sink", "Sink Committer: item-factors-sink",
                "ranking-model", "evaluated-lists", "quality-check", "live-lists",
                "recommendation-publisher", "recommendations-sink", "Sink Committer: recommendations-sink");
    }

    @Test
    void thePostgresSinkJoinsWithItsFixedUidsWhenItsUrlIsSet() {
        Configuration conf = new Configuration();
        conf.set(PostgresOptions.URL, "jdbc:postgresql://db:5432/recstream");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        RecStreamJob.builder().kafka(new KafkaConnectors(conf)).config(conf).build().build(env);

        List<String> uids = env.getStreamGraph().getStreamNodes().stream().map(StreamNode::getTransformationUID).toList();

        assertThat(uids).contains("postgres-sink", "Sink Committer: postgres-sink");
    }
}
