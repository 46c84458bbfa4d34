package io.recstream.job.local;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A local Flink environment configured like production: the project's
 * {@code flink-conf/config.yaml} (RocksDB, incremental exactly-once checkpoints) when it can be
 * found, checkpoints and the state changelog in a scratch directory, and the web UI on the first free port from 8081.
 */
public final class LocalFlink {
    private LocalFlink() {}

    public static Configuration baseConfiguration(Path confDir, Path scratchDir) throws IOException {
        Configuration conf = confDir != null && Files.isRegularFile(confDir.resolve("config.yaml"))
                ? GlobalConfiguration.loadConfiguration(confDir.toString())
                : new Configuration();
        conf.setString("execution.checkpointing.dir", scratchDir.resolve("checkpoints").toUri().toString());
        conf.setString("execution.checkpointing.savepoint-dir", scratchDir.resolve("savepoints").toUri().toString());
        conf.setString("state.backend.rocksdb.localdir", scratchDir.resolve("rocksdb").toString());
        conf.setString("state.changelog.dstl.dfs.base-path", scratchDir.resolve("changelog").toUri().toString());
        return conf;
    }

    /** Starts nothing yet: the environment's MiniCluster and web UI start with the job. */
    public static StreamExecutionEnvironment withWebUi(Configuration conf) throws IOException {
        conf.set(RestOptions.PORT, freePortFrom(8081));
        return StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(conf);
    }

    public static int webUiPort(Configuration conf) {
        return conf.get(RestOptions.PORT);
    }

    private static int freePortFrom(int first) throws IOException {
        for (int port = first; port < first + 100; port++) {
            try (ServerSocket socket = new ServerSocket(port)) {
                return port;
            } catch (IOException taken) {
                // try the next one
            }
        }
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
