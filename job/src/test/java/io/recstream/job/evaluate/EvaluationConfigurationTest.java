package io.recstream.job.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import io.recstream.job.RecStreamOptions;

import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

class EvaluationConfigurationTest {

    @Test
    void anEvaluationKeepsEveryItemAsTheProtocolRanksEveryItemSeenSoFar(@TempDir Path scratch) throws Exception {
        Configuration conf = Evaluation.configuration(Path.of("..", "flink-conf"), scratch, ModelPreset.DEFAULT, 100);
        assertThat(RecStreamOptions.ITEM_STATE_TTL.defaultValue()).isPositive();
        assertThat(conf.get(RecStreamOptions.ITEM_STATE_TTL)).isEqualTo(Duration.ZERO);
    }
}
