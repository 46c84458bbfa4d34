package io.recstream.ranking;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.recstream.recommend.RankingFeatures;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A trained ranking model as the job loads it (models/README.md): the ONNX bytes and the
 * metadata JSON of ranking-v1's format ({@code name}, {@code version}, {@code input},
 * {@code output}, {@code features}, {@code standardisation}, {@code model}, {@code training},
 * {@code held_out}), plus {@code ranks_refind}: whether its training held re-find candidates. {@link #writeTo} writes {@code <name>.onnx} and {@code <name>.json}; a model
 * store takes the same four parts.
 */
public record RankingModelArtifact(String name, String version, byte[] onnx, String metadataJson) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * @param training where the examples came from and how the model was trained
     * @param heldOut its figures on the held-back lists, against the live model and the blend
     */
    public static RankingModelArtifact of(String name, RankingMlp mlp, RankingTrainer.Settings settings,
                                          ObjectNode training, ObjectNode heldOut) {
        String features = String.join(",", RankingFeatures.NAMES);
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("version", name);
        properties.put("features", features);
        byte[] onnx = OnnxGraphWriter.write(mlp, name.replace('-', '_'),
                "RecStream ranking model " + name + ": raw candidate features -> P(next interaction)", properties);

        ObjectNode meta = JSON.createObjectNode();
        meta.put("name", name);
        meta.put("version", name);
        meta.set("input", io("features", mlp.inputs));
        meta.set("output", io("score", 1));
        ArrayNode names = meta.putArray("features");
        for (String f : RankingFeatures.NAMES) {
            names.add(f);
        }
        ObjectNode standardisation = meta.putObject("standardisation");
        standardisation.put("note", "folded into the first layer: the model takes raw features");
        ArrayNode means = standardisation.putArray("means");
        ArrayNode stds = standardisation.putArray("stds");
        for (int i = 0; i < mlp.inputs; i++) {
            means.add(round6(mlp.means[i]));
            stds.add(round6(mlp.stds[i]));
        }
        meta.put("model", String.format(Locale.ROOT,
                "MLP %d -> %d ReLU -> 1 sigmoid, binary cross-entropy on each list's positive and %d sampled "
                        + "candidates, Adam lr %s, L2 %s, %d lists per step, %d epochs, seed %d (RankingTrainer)",
                mlp.inputs, mlp.hidden, settings.negativesPerList(), settings.learningRate(), settings.l2(),
                settings.batchLists(), settings.epochs(), settings.seed()));
        meta.put("ranks_refind", mlp.ranksRefind);
        meta.set("training", training);
        meta.set("held_out", heldOut);
        try {
            return new RankingModelArtifact(name, name, onnx, JSON.writeValueAsString(meta) + "\n");
        } catch (IOException e) {
            throw new IllegalStateException("metadata of " + name, e);
        }
    }

    /** Writes {@code <name>.onnx} and {@code <name>.json} into {@code dir}; returns the .onnx path. */
    public Path writeTo(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path model = dir.resolve(name + ".onnx");
        Files.write(model, onnx);
        Files.writeString(dir.resolve(name + ".json"), metadataJson, StandardCharsets.UTF_8);
        return model;
    }

    private static ObjectNode io(String name, int width) {
        ObjectNode node = JSON.createObjectNode();
        node.put("name", name);
        node.putArray("shape").add("batch").add(width);
        node.put("type", "float32");
        return node;
    }

    private static double round6(double v) {
        return Math.round(v * 1e6) / 1e6;
    }
}
