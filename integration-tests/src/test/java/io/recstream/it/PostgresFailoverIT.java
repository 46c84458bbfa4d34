package io.recstream.it;

import io.recstream.event.Event;
import io.recstream.job.PostgresOptions;
import io.recstream.job.RecStreamJob;
import io.recstream.job.RecStreamOptions;
import io.recstream.job.kafka.Json;
import io.recstream.job.kafka.KafkaConnectors;
import io.recstream.recommend.Recommendation;
import io.recstream.synthetic.SyntheticEventGenerator;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.checkpoint.CheckpointStatsCounts;
import org.apache.flink.runtime.executiongraph.AccessExecutionGraph;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12, acceptance 1: exactly-once on, a TaskManager lost mid-stream and the job restarted
 * from its last checkpoint by its restart strategy. Afterwards the PostgreSQL table holds exactly
 * the last list per user of the recommendations topic (read_committed), and the audit of every
 * write shows no row's version ever went backwards.
 */
class PostgresFailoverIT extends EmbeddedKafkaIT {
    private static final int PARALLELISM = 2;

    @Test
    @Timeout(600)
    void afterATaskManagerLossTheTableHoldsTheTopicsLastListPerUser(@TempDir Path scratch) throws Exception {
        try (PostgresServer postgres = PostgresServer.start()) {
            RecommendationsTable table = RecommendationsTable.create(postgres);
            Configuration conf = JobUnderTest.configuration(kafka, scratch, "pg-", PARALLELISM);
            conf.set(PostgresOptions.URL, postgres.jdbcUrl());
            conf.set(PostgresOptions.USER, PostgresServer.user());
            conf.setString("restart-strategy.type", "fixed-delay");
            conf.setString("restart-strategy.fixed-delay.attempts", "3");
            conf.setString("restart-strategy.fixed-delay.delay", "1s");
            // one slot of the job on each TaskManager, so losing one fails part of the job
            conf.setString("taskmanager.load-balance.mode", "SLOTS");
            String events = conf.get(RecStreamOptions.EVENTS_TOPIC);

            SyntheticEventGenerator generator = SyntheticEventGenerator.builder().users(200).seed(12).build();
            List<ProducerRecord<String, byte[]>> before = new ArrayList<>();
            List<ProducerRecord<String, byte[]>> after = new ArrayList<>();
            for (int n = 0; n < 6000; n++) {
                Event e = generator.next();
                (n < 4000 ? before : after).add(TopicReader.eventRecord(events, e));
            }

            MiniClusterConfiguration cluster = new MiniClusterConfiguration.Builder()
                    .setConfiguration(conf).setNumTaskManagers(2).setNumSlotsPerTaskManager(PARALLELISM).build();
            try (MiniCluster flink = new MiniCluster(cluster);
                 TopicReader recommendations = new TopicReader(kafka.bootstrapServers(), conf.get(RecStreamOptions.RECOMMENDATIONS_TOPIC))) {
                flink.start();
                StreamExecutionEnvironment env = new StreamExecutionEnvironment(conf);
                RecStreamJob.builder().kafka(new KafkaConnectors(conf)).config(conf).build().build(env);
                JobID job = flink.submitJob(env.getStreamGraph()).get(1, TimeUnit.MINUTES).getJobID();

                Diagnosis diagnosis = () -> diagnosis(flink, job, conf, table);
                TopicReader.produce(kafka.bootstrapServers(), events, before);
                awaitCondition(() -> !table.rows().isEmpty(), "a first committed checkpoint in PostgreSQL", diagnosis);
                flink.terminateTaskManager(0).get(1, TimeUnit.MINUTES);
                // As a cluster's supervisor (Kubernetes, systemd) would, a replacement joins. Without
                // it the restart can find no slot at all: now and then the surviving TaskManager
                // also stops, on Flink's fatal error when a task's clean-up recycles a network
                // buffer of the lost one ("FATAL - exception in exception handler", a
                // RemoteTransportException from BufferManager.recycle), and no TaskManager is left.
                flink.startTaskManager();
                TopicReader.produce(kafka.bootstrapServers(), events, after);

                awaitCondition(() -> uncommittedEvents(conf).isEmpty(), "the events committed by a checkpoint after the restart",
                        diagnosis);
                List<ConsumerRecord<String, byte[]>> lists = recommendations.pollUntil(
                        records -> sameLists(latestPerUser(records), table), Duration.ofMinutes(2),
                        "the table to hold the topic's last list per user");

                assertThat(flink.getExecutionGraph(job).get(1, TimeUnit.MINUTES).getStatusTimestamp(JobStatus.RESTARTING))
                        .as("the job restarted").isPositive();
                try (var logged = Files.list(scratch.resolve("changelog"))) {
                    assertThat(logged).as("the state changes the restart replayed, logged by the changelog").isNotEmpty();
                }
                Map<String, Recommendation> latest = latestPerUser(lists);
                assertThat(latest).hasSizeGreaterThan(100);
                assertThat(table.rows()).hasSameSizeAs(latest);
                table.writtenVersions().forEach((user, versions) ->
                        assertThat(versions).as("versions written for %s", user).isSorted().doesNotHaveDuplicates());
            }
        }
    }

    /** The events source's partitions whose committed offset is short of their end, with both offsets. */
    private static Map<TopicPartition, String> uncommittedEvents(Configuration conf) throws Exception {
        String topic = conf.get(RecStreamOptions.EVENTS_TOPIC);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin
                    .listConsumerGroupOffsets(conf.get(RecStreamOptions.GROUP_ID)).partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
            for (int p = 0; p < PARALLELISM; p++) {
                ends.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            Map<TopicPartition, String> behind = new HashMap<>();
            for (var end : admin.listOffsets(ends).all().get().entrySet()) {
                OffsetAndMetadata offset = committed.get(end.getKey());
                if (offset == null || offset.offset() < end.getValue().offset()) {
                    behind.put(end.getKey(), (offset == null ? "none" : offset.offset()) + " of " + end.getValue().offset());
                }
            }
            return behind;
        }
    }

    /**
     * What the job, its checkpoints, the events source's offsets and PostgreSQL's sessions looked
     * like: printed when a condition times out, so a failure on a CI machine says which part stopped.
     */
    private static String diagnosis(MiniCluster flink, JobID job, Configuration conf, RecommendationsTable table) {
        StringBuilder out = new StringBuilder();
        try {
            AccessExecutionGraph graph = flink.getExecutionGraph(job).get(1, TimeUnit.MINUTES);
            CheckpointStatsCounts checkpoints = graph.getCheckpointStatsSnapshot().getCounts();
            out.append("job ").append(graph.getState())
                    .append(", restarted ").append(graph.getStatusTimestamp(JobStatus.RESTARTING) > 0)
                    .append(", checkpoints completed ").append(checkpoints.getNumberOfCompletedCheckpoints())
                    .append(" failed ").append(checkpoints.getNumberOfFailedCheckpoints())
                    .append(" in progress ").append(checkpoints.getNumberOfInProgressCheckpoints());
            if (graph.getFailureInfo() != null) {
                // the exception and its causes, without their stack frames
                out.append("\nlast failure: ").append(graph.getFailureInfo().getExceptionAsString().lines()
                        .filter(line -> !line.startsWith("\tat ") && !line.startsWith("\t..."))
                        .collect(Collectors.joining("\n")));
            }
            out.append("\nevents not committed: ").append(uncommittedEvents(conf));
            out.append("\nPostgreSQL sessions not idle: ").append(table.busySessions());
        } catch (Exception e) {
            out.append("\n(diagnosis failed: ").append(e).append(')');
        }
        return out.toString();
    }

    /** Every user's row is the topic's last list of the user: version, items in order, model, event time. */
    private static boolean sameLists(Map<String, Recommendation> latest, RecommendationsTable table) {
        try {
            Map<String, RecommendationsTable.Row> rows = table.rows();
            if (!rows.keySet().equals(latest.keySet())) {
                return false;
            }
            for (Recommendation list : latest.values()) {
                RecommendationsTable.Row row = rows.get(list.user);
                if (row.version() != list.version || !row.modelVersion().equals(list.modelVersion)
                        || row.eventTimeMillis() != list.ts || !items(row).equals(items(list))) {
                    return false;
                }
            }
            return true;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> items(Recommendation list) {
        List<String> items = new ArrayList<>();
        for (Recommendation.ScoredItem item : list.items) {
            items.add(item.item + "=" + item.score);
        }
        return items;
    }

    private static List<String> items(RecommendationsTable.Row row) throws Exception {
        List<String> items = new ArrayList<>();
        for (JsonNode item : Json.MAPPER.readTree(row.items())) {
            items.add(item.get("item").asText() + "=" + item.get("score").floatValue());
        }
        return items;
    }

    private static Map<String, Recommendation> latestPerUser(List<ConsumerRecord<String, byte[]>> records) {
        Map<String, Recommendation> latest = new HashMap<>();
        for (ConsumerRecord<String, byte[]> r : records) {
            Recommendation list = Json.readOrNull(r.value(), Recommendation.class);
            if (list != null) {
                latest.merge(list.user, list, (a, b) -> b.version > a.version ? b : a);
            }
        }
        return latest;
    }

    private interface Check {
        boolean holds() throws Exception;
    }

    private interface Diagnosis {
        String describe();
    }

    /**
     * Checks {@code check} every 200 ms (a pause between checks, to spare the loaded machine) until
     * it holds, or fails at the deadline with the diagnosis.
     */
    private static void awaitCondition(Check check, String what, Diagnosis diagnosis) throws Exception {
        long end = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (!check.holds()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what + "\n" + diagnosis.describe());
            }
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        }
    }
}
