package io.recstream.job.local;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A real Kafka broker inside this JVM: one combined KRaft node (broker and controller) from
 * Kafka's own test kit, the same code as a production broker. Used by the local modes and the
 * integration tests; starts in about two seconds.
 */
public final class EmbeddedKafka implements AutoCloseable {
    private final KafkaClusterTestKit cluster;

    private EmbeddedKafka(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
    }

    public static EmbeddedKafka start() throws Exception {
        KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                        .setCombined(true)
                        .setNumBrokerNodes(1)
                        .setNumControllerNodes(1)
                        .build())
                // one broker: internal topics cannot have more replicas than that
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .setConfigProp("log.cleaner.backoff.ms", "1000")
                .build();
        // The test kit prints its storage formatting to stdout, which belongs to our commands' results.
        java.io.PrintStream stdout = System.out;
        System.setOut(System.err);
        try {
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
        } finally {
            System.setOut(stdout);
        }
        return new EmbeddedKafka(cluster);
    }

    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    public Admin admin() {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrapServers());
        return Admin.create(props);
    }

    /** Creates the topics, each with the given partitions and one replica. */
    public void createTopics(Collection<NewTopic> topics) throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(topics).all().get();
        }
    }

    /** A topic that keeps everything: replays carry event times years old, which time retention would delete. */
    public static NewTopic topic(String name, int partitions, boolean compacted) {
        NewTopic topic = new NewTopic(name, partitions, (short) 1);
        return topic.configs(compacted ? Map.of("cleanup.policy", "compact") : Map.of("retention.ms", "-1"));
    }

    /**
     * The events topic: keeps everything, and takes records stamped with any time. Records carry
     * their event time, which in a replay is years old, and the job itself judges event times
     * (too old or too far ahead goes to the dead-letter topic with the reason), so the broker's
     * own limit (by default one hour ahead of its clock) must not refuse them first.
     */
    public static NewTopic eventsTopic(String name, int partitions) {
        String anyTime = String.valueOf(Long.MAX_VALUE);
        return new NewTopic(name, partitions, (short) 1).configs(Map.of(
                TopicConfig.RETENTION_MS_CONFIG, "-1",
                TopicConfig.MESSAGE_TIMESTAMP_BEFORE_MAX_MS_CONFIG, anyTime,
                TopicConfig.MESSAGE_TIMESTAMP_AFTER_MAX_MS_CONFIG, anyTime));
    }

    public static List<NewTopic> recStreamTopics(String events, String deadLetters, String itemFactors,
                                                 String recommendations, int eventPartitions, int partitions) {
        return List.of(
                eventsTopic(events, eventPartitions),
                topic(deadLetters, 1, false),
                topic(itemFactors, partitions, true),
                topic(recommendations, partitions, true));
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }
}
