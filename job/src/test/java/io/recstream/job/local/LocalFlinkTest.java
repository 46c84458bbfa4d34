package io.recstream.job.local;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateChangelogOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The local modes run the production configuration with everything they write in their scratch directory. */
class LocalFlinkTest {
    @Test
    void theLocalModesLogStateChangesLikeProductionIntoTheirScratchDirectory(@TempDir Path scratch) throws Exception {
        Configuration conf = LocalFlink.baseConfiguration(Path.of("..", "flink-conf"), scratch);

        assertThat(conf.get(StateChangelogOptions.ENABLE_STATE_CHANGE_LOG)).isTrue();
        assertThat(conf.get(StateChangelogOptions.STATE_CHANGE_LOG_STORAGE)).isEqualTo("filesystem");
        assertThat(conf.getString("state.changelog.dstl.dfs.base-path", null)).isEqualTo(scratch.resolve("changelog").toUri().toString());
        assertThat(conf.getString("execution.checkpointing.dir", null)).isEqualTo(scratch.resolve("checkpoints").toUri().toString());
        assertThat(conf.getString("state.backend.rocksdb.localdir", null)).isEqualTo(scratch.resolve("rocksdb").toString());
    }
}
