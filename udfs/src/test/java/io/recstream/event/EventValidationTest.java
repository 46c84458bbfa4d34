package io.recstream.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.JobID;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.clusterframework.types.ResourceID;
import org.apache.flink.runtime.executiongraph.ExecutionAttemptID;
import org.apache.flink.runtime.metrics.groups.TaskManagerMetricGroup;
import org.apache.flink.runtime.metrics.groups.TaskMetricGroup;
import org.apache.flink.runtime.metrics.util.TestingMetricRegistry;
import org.apache.flink.runtime.operators.testutils.MockEnvironment;
import org.apache.flink.runtime.operators.testutils.MockEnvironmentBuilder;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;

class EventValidationTest {
    private static final long NOW = 1_700_000_000_000L;
    private static final EventLimits LIMITS = EventLimits.builder()
            .clock(Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC))
            .build();

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void validEventsGoToTheMainOutputAndBadOnesToDeadLetters() throws Exception {
        try (OneInputStreamOperatorTestHarness<byte[], Event> harness =
                ProcessFunctionTestHarnesses.forProcessFunction(new EventValidation(LIMITS))) {
            harness.setProcessingTime(12_345L);
            harness.processElement(bytes("{\"user\":\"User-1 \",\"item\":\"i1\",\"type\":\"view\","
                    + "\"channel\":\"STORE\",\"ts\":1700000000000}"), 1L);
            harness.processElement(bytes("{oops"), 2L);
            harness.processElement(bytes("{\"user\":\"u\",\"item\":\"i\",\"type\":\"rating\",\"value\":NaN,"
                    + "\"ts\":1700000000000}"), 3L);
            harness.processElement(bytes("{\"user\":\"u2\",\"type\":\"search\",\"query\":\"tea\","
                    + "\"ts\":1700000000001}"), 4L);

            assertThat(harness.extractOutputValues()).containsExactly(
                    Event.interaction("user-1", "i1", EventType.VIEW, "store", NOW),
                    Event.search("u2", "tea", "unknown", NOW + 1));

            List<DeadLetter> dead = new ArrayList<>();
            for (StreamRecord<DeadLetter> r : harness.getSideOutput(EventValidation.DEAD_LETTERS)) {
                dead.add(r.getValue());
            }
            assertThat(dead).extracting(d -> d.reason)
                    .containsExactly("malformed_json", "non_finite_value");
            assertThat(dead.get(0).raw).isEqualTo("{oops");
            assertThat(dead.get(0).ts).as("processing time of the refusal").isEqualTo(12_345L);
            assertThat(dead.get(1).detail).contains("NaN");
        }
    }

    @Test
    void survivesJavaSerialisationAsFlinkShipsIt() throws Exception {
        EventValidation copy = InstantiationUtil.clone(new EventValidation(LIMITS));
        try (OneInputStreamOperatorTestHarness<byte[], Event> harness =
                ProcessFunctionTestHarnesses.forProcessFunction(copy)) {
            harness.processElement(bytes("{\"user\":\"u\",\"item\":\"i\",\"type\":\"view\",\"ts\":1700000000000}"), 1L);
            assertThat(harness.extractOutputValues()).hasSize(1);
        }
    }

    @Test
    void countsValidEventsAndRefusalsPerReason() throws Exception {
        Map<String, Counter> counters = new HashMap<>();
        TestingMetricRegistry registry = TestingMetricRegistry.builder()
                .setRegisterConsumer((metric, name, group) -> {
                    if (metric instanceof Counter) {
                        String[] scope = group.getScopeComponents();
                        counters.put(scope[scope.length - 2] + "." + scope[scope.length - 1] + "." + name,
                                (Counter) metric);
                    }
                })
                .build();
        TaskMetricGroup taskGroup = TaskManagerMetricGroup
                .createTaskManagerMetricGroup(registry, "localhost", ResourceID.generate())
                .addJob(new JobID(), "job")
                .addTask(ExecutionAttemptID.randomId(), "validation");
        MockEnvironment env = new MockEnvironmentBuilder().setMetricGroup(taskGroup).build();

        try (OneInputStreamOperatorTestHarness<byte[], Event> harness = new OneInputStreamOperatorTestHarness<>(
                new ProcessOperator<>(new EventValidation(LIMITS)), env)) {
            harness.open();
            for (RejectReason reason : RejectReason.values()) {
                assertThat(counters).as("registered in open()").containsKey("recstream.dlq." + reason.wireName());
            }
            harness.processElement(bytes("{\"user\":\"u\",\"item\":\"i\",\"type\":\"view\",\"ts\":1700000000000}"), 1L);
            harness.processElement(bytes("{\"user\":\"u\",\"item\":\"i\",\"type\":\"click\",\"ts\":1700000000000}"), 2L);
            harness.processElement(bytes("nope"), 3L);
            harness.processElement(bytes("{\"user\":\"u\",\"item\":\"i\",\"type\":\"like\",\"ts\":1700000000000}"), 4L);
            harness.processElement(bytes("{\"user\":\"u\",\"item\":\"i\",\"type\":\"view\",\"ts\":-5}"), 5L);
            harness.processElement(bytes("[]"), 6L);

            assertThat(counters.get("recstream.events.valid").getCount()).isEqualTo(2);
            assertThat(counters.get("recstream.dlq.malformed_json").getCount()).isEqualTo(2);
            assertThat(counters.get("recstream.dlq.unknown_type").getCount()).isEqualTo(1);
            assertThat(counters.get("recstream.dlq.invalid_timestamp").getCount()).isEqualTo(1);
            assertThat(counters.get("recstream.dlq.missing_field").getCount()).isZero();
        }
    }
}
