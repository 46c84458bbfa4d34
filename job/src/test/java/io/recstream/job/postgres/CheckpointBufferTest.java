package io.recstream.job.postgres;

import io.recstream.recommend.Reason;
import io.recstream.recommend.Recommendation;

import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class CheckpointBufferTest {
    private final Map<String, Counter> counters = new HashMap<>();
    private final UnregisteredMetricsGroup metrics = new UnregisteredMetricsGroup() {
        @Override
        public MetricGroup addGroup(String name) {
            return this;
        }

        @Override
        public Counter counter(String name) {
            Counter counter = new SimpleCounter();
            counters.put(name, counter);
            return counter;
        }
    };

    @Test
    void eachCheckpointHandsOverTheListsSinceThePreviousOneInOrder() throws Exception {
        CheckpointBuffer buffer = new CheckpointBuffer(10, metrics);
        buffer.write(list("a", 1, "x"), null);
        buffer.write(list("b", 1, "y"), null);
        buffer.write(list("a", 2, "z"), null);

        List<Recommendation[]> first = List.copyOf(buffer.prepareCommit());
        assertThat(first).hasSize(1);
        assertThat(first.get(0)).extracting(r -> r.user + r.version).containsExactly("a1", "b1", "a2");
        assertThat(buffer.prepareCommit()).as("nothing new since").isEmpty();
    }

    /** With object reuse the writer gets the publisher's record itself, and holds it until a checkpoint. */
    @Test
    void holdsEachListAsItWasWrittenThoughItsObjectIsReused() throws Exception {
        CheckpointBuffer buffer = new CheckpointBuffer(10, metrics);
        Recommendation reused = list("a", 1, "x");
        reused.items[0].reason = Reason.of(Reason.COOCCURRENCE, "r");
        buffer.write(reused, null);
        reused.version = 2;
        reused.items[0].item = "y";
        reused.items[0].reason.item = "s";
        buffer.write(reused, null);

        Recommendation[] batch = List.copyOf(buffer.prepareCommit()).get(0);
        assertThat(batch).extracting(r -> r.version, r -> r.items[0].item, r -> r.items[0].reason.item)
                .containsExactly(tuple(1L, "x", "r"), tuple(2L, "y", "s"));
    }

    @Test
    void aListPostgresCannotStoreIsCountedAndLeftOut() throws Exception {
        CheckpointBuffer buffer = new CheckpointBuffer(10, metrics);
        buffer.write(list("nul\0user", 1, "x"), null);
        buffer.write(list("fine", 1, "item\0with-nul"), null);
        buffer.write(list("fine", 2, "x"), null);

        assertThat(List.copyOf(buffer.prepareCommit()).get(0)).extracting(r -> r.user + r.version).containsExactly("fine2");
        assertThat(counters.get("rejected-lists").getCount()).isEqualTo(2);
    }

    @Test
    void moreListsThanTheBoundBetweenCheckpointsFailTheTask() throws Exception {
        CheckpointBuffer buffer = new CheckpointBuffer(2, metrics);
        buffer.write(list("a", 1, "x"), null);
        buffer.write(list("a", 2, "x"), null);

        assertThatThrownBy(() -> buffer.write(list("a", 3, "x"), null))
                .isInstanceOf(IOException.class).hasMessageContaining("recstream.postgres.max-buffered-lists");
        buffer.prepareCommit();
        buffer.write(list("a", 3, "x"), null); // room again after the checkpoint
    }

    private static Recommendation list(String user, long version, String item) {
        return new Recommendation(user, version, "m", new Recommendation.ScoredItem[] {new Recommendation.ScoredItem(item, 1f)}, 0, "web");
    }
}
