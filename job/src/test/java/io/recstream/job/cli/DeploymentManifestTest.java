package io.recstream.job.cli;

import io.recstream.job.PostgresOptions;
import io.recstream.job.RecStreamMain;
import io.recstream.job.RecStreamOptions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * deploy/k8s/ against the job and the operator: every recstream.* key of the FlinkDeployment and
 * its Secret is an option of the job with a value of the option's type, the required ones are
 * there, the Flink settings are flink-conf/config.yaml's, and every field is one the
 * FlinkDeployment CRD of the Flink Kubernetes Operator 1.15 defines.
 */
class DeploymentManifestTest {
    private static final Path K8S = Path.of("..", "deploy", "k8s");
    private static final YAMLMapper YAML = new YAMLMapper();

    /*
     * Fields of the FlinkDeployment CRD, release 1.15:
     * https://github.com/apache/flink-kubernetes-operator/blob/release-1.15/helm/flink-kubernetes-operator/crds/flinkdeployments.flink.apache.org-v1.yml
     * (reference: https://nightlies.apache.org/flink/flink-kubernetes-operator-docs-release-1.15/docs/custom-resource/reference/)
     */
    private static final Set<String> SPEC = Set.of("flinkConfiguration", "flinkVersion", "image", "imagePullPolicy", "ingress",
            "job", "jobManager", "logConfiguration", "mode", "podTemplate", "restartNonce", "serviceAccount", "taskManager");
    private static final Set<String> JOB = Set.of("allowNonRestoredState", "args", "autoscalerResetNonce", "checkpointTriggerNonce",
            "entryClass", "initialSavepointPath", "jarURI", "parallelism", "savepointRedeployNonce", "savepointTriggerNonce",
            "state", "upgradeMode");
    private static final Set<String> JOB_OR_TASK_MANAGER = Set.of("podTemplate", "replicas", "resource");
    private static final Set<String> RESOURCE = Set.of("cpu", "ephemeralStorage", "memory");
    private static final Set<String> FLINK_VERSIONS = Set.of("v1_16", "v1_17", "v1_18", "v1_19", "v1_20", "v2_0", "v2_1", "v2_2");

    /** Options of flink-conf/config.yaml whose value on Kubernetes differs by design, and why. */
    private static final Set<String> SET_FOR_KUBERNETES = Set.of(
            "execution.checkpointing.dir", "execution.checkpointing.savepoint-dir", // shared storage, not a local disk
            "state.changelog.dstl.dfs.base-path",
            "parallelism.default", // spec.job.parallelism
            "recstream.kafka.bootstrap-servers"); // from the Secret

    private final JsonNode deployment = read("flink-deployment.yaml");
    private final JsonNode secret = read("secret.example.yaml");
    private final JsonNode spec = deployment.get("spec");

    @Test
    void everyFieldIsOneTheOperatorsFlinkDeploymentDefines() {
        assertThat(deployment.get("apiVersion").asText()).isEqualTo("flink.apache.org/v1beta1");
        assertThat(deployment.get("kind").asText()).isEqualTo("FlinkDeployment");
        assertThat(fields(spec)).isSubsetOf(SPEC);
        assertThat(fields(spec.get("job"))).isSubsetOf(JOB);
        for (String manager : List.of("jobManager", "taskManager")) {
            assertThat(fields(spec.get(manager))).as(manager).isSubsetOf(JOB_OR_TASK_MANAGER);
            assertThat(fields(spec.get(manager).get("resource"))).as(manager).isSubsetOf(RESOURCE);
        }
        assertThat(spec.get("flinkVersion").asText()).isIn(FLINK_VERSIONS);
        assertThat(spec.get("job").get("upgradeMode").asText()).isEqualTo("savepoint");
        assertThat(spec.get("job").get("entryClass").asText()).isEqualTo(RecStreamMain.class.getName());
    }

    @Test
    void everyRecStreamKeyIsAnOptionOfTheJobWithAValueOfItsType() {
        Map<String, String> settings = recStreamSettings();
        Map<String, ConfigOption<?>> options = OptionsCommand.all().stream()
                .collect(Collectors.toMap(ConfigOption::key, o -> o));

        assertThat(options).containsKeys(settings.keySet().toArray(String[]::new));
        Configuration conf = Configuration.fromMap(settings);
        for (String key : settings.keySet()) {
            assertThat(conf.get(options.get(key))).as(key).isNotNull(); // throws on a value of the wrong type
        }
        assertThat(settings).containsKeys(RecStreamOptions.BOOTSTRAP_SERVERS.key(), PostgresOptions.URL.key(),
                PostgresOptions.USER.key(), PostgresOptions.PASSWORD.key(), RecStreamOptions.SECRETS_DIR.key());
    }

    @Test
    void theSecretIsMountedWhereTheJobReadsIt() {
        String dir = spec.get("flinkConfiguration").get(RecStreamOptions.SECRETS_DIR.key()).asText();
        JsonNode pod = spec.get("jobManager").get("podTemplate").get("spec");
        JsonNode mount = pod.get("containers").get(0).get("volumeMounts").get(0);
        assertThat(pod.get("containers").get(0).get("name").asText()).isEqualTo("flink-main-container");
        assertThat(mount.get("mountPath").asText()).isEqualTo(dir);
        JsonNode volume = pod.get("volumes").get(0);
        assertThat(volume.get("name").asText()).isEqualTo(mount.get("name").asText());
        assertThat(volume.get("secret").get("secretName").asText()).isEqualTo(secret.get("metadata").get("name").asText());
        assertThat(secret.get("stringData").has("config.yaml")).as("the file the job reads from the directory").isTrue();
        // Kafka and PostgreSQL come from the Secret only
        assertThat(fields(spec.get("flinkConfiguration"))).doesNotContain(RecStreamOptions.BOOTSTRAP_SERVERS.key(),
                PostgresOptions.URL.key(), PostgresOptions.PASSWORD.key());
    }

    @Test
    void theFlinkSettingsAreThoseOfTheProjectsConfiguration() throws IOException {
        JsonNode production = YAML.readTree(Path.of("..", "flink-conf", "config.yaml").toFile());
        JsonNode onKubernetes = spec.get("flinkConfiguration");
        for (String key : fields(production)) {
            if (!SET_FOR_KUBERNETES.contains(key)) {
                assertThat(onKubernetes.has(key)).as(key).isTrue();
                assertThat(onKubernetes.get(key).asText()).as(key).isEqualTo(production.get(key).asText());
            }
        }
        assertThat(onKubernetes.get("state.backend.type").asText()).isEqualTo("rocksdb");
        assertThat(onKubernetes.has("execution.checkpointing.dir")).isTrue();
        assertThat(onKubernetes.has("execution.checkpointing.savepoint-dir")).isTrue();
        assertThat(onKubernetes.get("state.changelog.dstl.dfs.base-path").asText()).startsWith("s3://");
    }

    /** The recstream.* settings of the FlinkDeployment and of the Secret's config.yaml together. */
    private Map<String, String> recStreamSettings() {
        Map<String, String> settings = new HashMap<>();
        List<JsonNode> sources = new ArrayList<>();
        sources.add(spec.get("flinkConfiguration"));
        try {
            sources.add(YAML.readTree(secret.get("stringData").get("config.yaml").asText()));
        } catch (IOException e) {
            throw new AssertionError("the Secret's config.yaml is not YAML", e);
        }
        for (JsonNode source : sources) {
            for (String key : fields(source)) {
                if (key.startsWith("recstream.")) {
                    settings.put(key, source.get(key).asText());
                }
            }
        }
        return settings;
    }

    private static List<String> fields(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    private static JsonNode read(String file) {
        try {
            return YAML.readTree(K8S.resolve(file).toFile());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
