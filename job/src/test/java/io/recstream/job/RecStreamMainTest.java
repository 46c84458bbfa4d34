package io.recstream.job;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The job's configuration as main() assembles it on a cluster, with the Secret of deploy/k8s/ mounted. */
class RecStreamMainTest {

    @Test
    void theMountedSecretsFileAddsItsOptionsOverTheClustersAndTheCommandLines(@TempDir Path secretVolume) throws Exception {
        String secretFile = new YAMLMapper().readTree(Path.of("..", "deploy", "k8s", "secret.example.yaml").toFile())
                .get("stringData").get("config.yaml").asText();
        Files.writeString(secretVolume.resolve("config.yaml"), secretFile);
        Configuration cluster = new Configuration();
        cluster.set(RecStreamOptions.BOOTSTRAP_SERVERS, "from-the-cluster:9092");
        cluster.set(RecStreamOptions.JOB_NAME, "from-the-cluster");
        Configuration commandLine = new Configuration();
        commandLine.set(RecStreamOptions.SECRETS_DIR, secretVolume.toString());

        Configuration job = RecStreamMain.jobConfiguration(cluster, commandLine);

        assertThat(job.get(PostgresOptions.URL)).isEqualTo("jdbc:postgresql://postgres:5432/recstream");
        assertThat(job.get(PostgresOptions.PASSWORD)).isEqualTo("change-me");
        assertThat(job.get(RecStreamOptions.BOOTSTRAP_SERVERS)).startsWith("kafka-0.kafka:9092");
        assertThat(job.get(RecStreamOptions.JOB_NAME)).isEqualTo("from-the-cluster");
    }

    @Test
    void withoutASecretsDirectoryTheCommandLineWinsOverTheCluster() {
        Configuration cluster = new Configuration();
        cluster.set(RecStreamOptions.BOOTSTRAP_SERVERS, "from-the-cluster:9092");
        Configuration commandLine = new Configuration();
        commandLine.set(RecStreamOptions.BOOTSTRAP_SERVERS, "from-the-command-line:9092");

        assertThat(RecStreamMain.jobConfiguration(cluster, commandLine).get(RecStreamOptions.BOOTSTRAP_SERVERS))
                .isEqualTo("from-the-command-line:9092");
    }
}
