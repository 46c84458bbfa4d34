package io.recstream.bench.e2e;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunSpecTest {
    @Test
    void parsesScenarioBackendParallelismAndExtras() {
        RunSpec spec = RunSpec.parse("job:RocksDB:2+latency+state");
        assertThat(spec.scenario()).isEqualTo(RunSpec.Scenario.JOB);
        assertThat(spec.backend()).isEqualTo(RunSpec.Backend.ROCKSDB);
        assertThat(spec.parallelism()).isEqualTo(2);
        assertThat(spec.latency()).isTrue();
        assertThat(spec.state()).isTrue();
        assertThat(spec).hasToString("job:rocksdb:2");
        assertThat(RunSpec.parse("loop")).hasToString("loop");
    }

    @Test
    void refusesWhatTheHarnessCannotMeasure() {
        assertThatThrownBy(() -> RunSpec.parse("skeleton:heap:1+latency")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RunSpec.parse("kafka:heap:1+state")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RunSpec.parse("job:heap")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RunSpec.parse("loop:heap:1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RunSpec.parse("job:heap:1+fast")).isInstanceOf(IllegalArgumentException.class);
    }
}
