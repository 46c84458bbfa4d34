package io.recstream.functions;

import io.recstream.model.TestItems;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recstream.model.ItemFactor;
import io.recstream.model.ItemFactorBatch;

import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

class ItemFactorBatcherTest {
    private OneInputStreamOperatorTestHarness<ItemFactor, ItemFactorBatch> harness;

    private void open(int maxItems, long maxDelayMs) throws Exception {
        harness = new OneInputStreamOperatorTestHarness<>(new ItemFactorBatcher(maxItems, maxDelayMs));
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    private void publish(String item, long publishedAt) throws Exception {
        harness.processElement(new StreamRecord<>(TestItems.item(item, new float[] {1f}), publishedAt));
    }

    private List<List<String>> batches() {
        return harness.extractOutputValues().stream()
                .map(b -> Arrays.stream(b.items).map(f -> f.item).toList())
                .toList();
    }

    @Test
    void sendsABatchWhenFullAndTheRestAfterTheDelay() throws Exception {
        open(3, 5);
        harness.setProcessingTime(100);
        for (String item : List.of("a", "b", "c", "d")) {
            publish(item, 90);
        }
        assertThat(batches()).containsExactly(List.of("a", "b", "c"));

        harness.setProcessingTime(104);
        assertThat(batches()).hasSize(1);
        harness.setProcessingTime(105);
        assertThat(batches()).containsExactly(List.of("a", "b", "c"), List.of("d"));
    }

    @Test
    void aBatchCarriesThePublicationTimeOfItsOldestItem() throws Exception {
        open(10, 5);
        harness.setProcessingTime(0);
        publish("a", 1_000);
        publish("b", 1_003);
        harness.setProcessingTime(5);
        publish("c", 1_010);
        harness.setProcessingTime(10);

        assertThat(harness.extractOutputValues()).extracting(b -> b.oldestPublishedAt).containsExactly(1_000L, 1_010L);
    }

    @Test
    void holdsNothingAcrossACheckpointBarrier() throws Exception {
        open(10, 1_000);
        harness.setProcessingTime(0);
        publish("a", 1);
        publish("b", 2);
        assertThat(batches()).isEmpty();

        harness.prepareSnapshotPreBarrier(1L);
        assertThat(batches()).containsExactly(List.of("a", "b"));
    }

    @Test
    void sendsWhatItHoldsAtTheEndOfInput() throws Exception {
        open(10, 1_000);
        publish("a", 1);
        harness.endInput();
        assertThat(batches()).containsExactly(List.of("a"));
    }

    /** With object reuse a source may hand over the same object for every record: the batch must hold each as it came. */
    @Test
    void holdsEachItemAsItCameWhenTheSourceReusesItsRecordObject() throws Exception {
        open(10, 1_000);
        ItemFactor reused = TestItems.item("a", new float[] {1f});
        harness.processElement(new StreamRecord<>(reused, 1));
        reused.id = TestItems.item("b", new float[0]).id;
        reused.item = "b";
        reused.vector[0] = 2f;
        harness.processElement(new StreamRecord<>(reused, 2));
        harness.endInput();

        ItemFactor[] batch = harness.extractOutputValues().get(0).items;
        assertThat(batch).extracting(f -> f.item).containsExactly("a", "b");
        assertThat(batch).extracting(f -> f.vector[0]).containsExactly(1f, 2f);
    }

    @Test
    void rejectsAnEmptyBatchSize() {
        assertThatThrownBy(() -> new ItemFactorBatcher(0, 5)).isInstanceOf(IllegalArgumentException.class);
    }
}
