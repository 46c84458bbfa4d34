package io.recstream.functions;

import static io.recstream.model.TestItems.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.recstream.learn.LearningConfig;
import io.recstream.model.ItemUpdate;
import io.recstream.model.TestItems;

import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

class ItemUpdateAccumulatorTest {
    private final LearningConfig config = LearningConfig.builder().dim(2).build();
    private OneInputStreamOperatorTestHarness<ItemUpdate, ItemUpdate> harness;

    private void open(int maxItems, long maxDelayMs) throws Exception {
        harness = new OneInputStreamOperatorTestHarness<>(new ItemUpdateAccumulator(config, maxItems, maxDelayMs));
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    private void step(String item, long ts) throws Exception {
        harness.processElement(new StreamRecord<>(TestItems.negative(item, ts, new float[] {0.1f, -0.2f}), ts));
    }

    private List<ItemUpdate> sent() {
        return harness.extractOutputValues();
    }

    @Test
    void sendsOneSumPerItemInTheOrderItemsFirstCame() throws Exception {
        open(10, 5);
        harness.setProcessingTime(100);
        step("b", 1);
        harness.processElement(new StreamRecord<>(
                TestItems.interaction("a", 2, new float[] {0.5f, 0.5f}, 1f, new String[] {"z"}, new float[] {1f}), 2L));
        step("b", 3);
        harness.processElement(new StreamRecord<>(TestItems.cooccurrence("a", 4, "z", 0.5f), 4L));
        harness.setProcessingTime(105);

        assertThat(sent()).extracting(u -> u.item, u -> u.steps, u -> u.ts, u -> u.name)
                .containsExactly(tuple(id("b"), 2, 3L, null), tuple(id("a"), 2, 4L, "a"));
        assertThat(sent().get(0).factorDelta).containsExactly(0.2f, -0.4f);
        assertThat(sent().get(1).coItems).containsExactly(id("z"));
        assertThat(sent().get(1).coWeights).containsExactly(1.5f);
        assertThat(sent().get(1).popularityIncrement).isEqualTo(1f);
    }

    /**
     * With object reuse the user-learner's updates reach the accumulator uncopied, and their arrays
     * are the ones it applied to its replica: the accumulator must neither keep nor change them.
     */
    @Test
    void neitherKeepsNorChangesTheUpdatesItIsHanded() throws Exception {
        open(10, 5);
        harness.setProcessingTime(100);
        ItemUpdate reused = TestItems.interaction("a", 2, new float[] {0.5f, 0.5f}, 1f, new String[] {"z"}, new float[] {1f});
        harness.processElement(new StreamRecord<>(reused, 2L));
        harness.processElement(new StreamRecord<>(reused, 2L));
        assertThat(reused.factorDelta).containsExactly(0.5f, 0.5f);
        assertThat(reused.coWeights).containsExactly(1f);

        reused.item = id("b");
        reused.factorDelta[0] = 9f;
        reused.coWeights[0] = 9f;
        harness.processElement(new StreamRecord<>(reused, 3L));
        harness.setProcessingTime(105);

        assertThat(sent()).extracting(u -> u.item, u -> u.steps).containsExactly(tuple(id("a"), 2), tuple(id("b"), 1));
        assertThat(sent().get(0).factorDelta).containsExactly(1f, 1f);
        assertThat(sent().get(0).coWeights).containsExactly(2f);
        assertThat(sent().get(1).factorDelta).containsExactly(9f, 0.5f);
    }

    @Test
    void sendsWhenTheDelayHasPassedSinceTheFirstPendingUpdate() throws Exception {
        open(10, 5);
        harness.setProcessingTime(100);
        step("a", 1);
        harness.setProcessingTime(103);
        step("b", 2);
        harness.setProcessingTime(104);
        assertThat(sent()).isEmpty();

        harness.setProcessingTime(105);
        assertThat(sent()).extracting(u -> u.item).containsExactly(id("a"), id("b"));
        harness.setProcessingTime(1_000);
        assertThat(sent()).hasSize(2);
    }

    @Test
    void sendsWhenTheItemLimitIsReached() throws Exception {
        open(2, 1_000);
        harness.setProcessingTime(0);
        step("a", 1);
        step("a", 2); // the same item: still one pending
        assertThat(sent()).isEmpty();
        step("b", 3);
        assertThat(sent()).extracting(u -> u.item, u -> u.steps).containsExactly(tuple(id("a"), 2), tuple(id("b"), 1));

        step("a", 4); // a new sum after the flush
        harness.setProcessingTime(1_000);
        assertThat(sent()).extracting(u -> u.item, u -> u.steps)
                .containsExactly(tuple(id("a"), 2), tuple(id("b"), 1), tuple(id("a"), 1));
    }

    @Test
    void holdsNothingAcrossACheckpointBarrier() throws Exception {
        open(10, 1_000);
        harness.setProcessingTime(0);
        step("a", 1);
        step("a", 2);
        assertThat(sent()).isEmpty();

        harness.prepareSnapshotPreBarrier(1L);
        assertThat(sent()).extracting(u -> u.item, u -> u.steps).containsExactly(tuple(id("a"), 2));
    }

    @Test
    void sendsWhatItHoldsBeforeAWatermarkPasses() throws Exception {
        open(10, 1_000);
        step("a", 1);
        harness.processWatermark(new Watermark(1));

        assertThat(harness.getOutput()).hasSize(2);
        assertThat(harness.getOutput().poll()).isInstanceOf(StreamRecord.class);
        assertThat(harness.getOutput().poll()).isEqualTo(new Watermark(1));
    }

    @Test
    void sendsWhatItHoldsAtTheEndOfInput() throws Exception {
        open(10, 1_000);
        step("a", 1);
        harness.endInput();
        assertThat(sent()).extracting(u -> u.item).containsExactly(id("a"));
    }

    @Test
    void rejectsAnEmptyLimit() {
        assertThatThrownBy(() -> new ItemUpdateAccumulator(config, 0, 5)).isInstanceOf(IllegalArgumentException.class);
    }
}
