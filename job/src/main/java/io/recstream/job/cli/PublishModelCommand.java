package io.recstream.job.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.recstream.job.ModelOptions;
import io.recstream.job.kafka.ModelStore;
import io.recstream.models.ModelVersion;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code ./recstream publish-model}: one model version into the model store. The running job
 * checks it and swaps to it, or refuses it and says why in its log and metrics.
 */
@Command(name = "publish-model", mixinStandardHelpOptions = true,
        description = "Publish one model version (ONNX + metadata) to the model store topic; the running job checks it and swaps to it without a restart.")
public final class PublishModelCommand implements Callable<Integer> {
    @Option(names = "--name", required = true, description = "The model: ranking or intent.")
    String name;

    @Option(names = "--onnx", required = true, description = "The ONNX file.")
    Path onnx;

    @Option(names = "--metadata", description = "The metadata JSON (default: the .json beside the ONNX file).")
    Path metadata;

    @Option(names = "--version", description = "The version to publish it as (default: the metadata's version).")
    String version;

    @Option(names = "--bootstrap-servers", defaultValue = "localhost:9092", description = "Kafka brokers (default: ${DEFAULT-VALUE}).")
    String bootstrapServers;

    @Option(names = "--topic", description = "The model store topic (default: the job's default, models).")
    String topic;

    @Override
    public Integer call() throws Exception {
        Path metadataFile = metadata != null ? metadata
                : onnx.resolveSibling(onnx.getFileName().toString().replaceFirst("\\.onnx$", "") + ".json");
        String json = Files.readString(metadataFile);
        String published = version != null ? version : new ObjectMapper().readTree(json).path("version").asText();
        if (published.isEmpty()) {
            System.err.println("No --version given and " + metadataFile + " has no version");
            return 2;
        }
        String store = topic != null ? topic : ModelOptions.MODELS_TOPIC.defaultValue();
        try (ModelStore models = new ModelStore(bootstrapServers, store)) {
            ModelVersion v = models.publish(name, published, Files.readAllBytes(onnx), json);
            System.out.println("Published " + v + " to " + store + " at " + bootstrapServers
                    + "; the job logs whether it accepted it (metrics recstream.models-accepted / models-refused)");
        }
        return 0;
    }
}
