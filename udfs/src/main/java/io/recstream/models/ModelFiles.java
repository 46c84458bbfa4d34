package io.recstream.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * The files of one model on disk: {@code <name>.onnx}, its metadata {@code <name>.json} and any
 * other files beside it (e.g. {@code <name>.labels.txt}), found from a location that is either
 * {@code classpath:<resource>} or a filesystem path to the {@code .onnx} file.
 *
 * <p>ONNX Runtime reads files, so a model packed in the jar is copied to a temporary directory
 * that {@link #close()} deletes. Every failure is a {@link ModelLoadException} that names the
 * model's kind and location.
 */
final class ModelFiles implements AutoCloseable {
    static final String CLASSPATH_PREFIX = "classpath:";
    static final String METADATA_SUFFIX = ".json";
    private static final String ONNX_SUFFIX = ".onnx";

    private final String kind;
    private final String shown;
    private final Path onnx;
    private final Path extractedDir; // non-null when the files were copied out of the classpath or the store
    private final JsonNode metadata;

    /**
     * @param kind what the model is, e.g. "Intent model"; starts every error message
     * @param otherSuffixes files besides the .onnx and the metadata that belong to the model
     */
    static ModelFiles resolve(String kind, String location, String... otherSuffixes) {
        if (location.startsWith(CLASSPATH_PREFIX)) {
            return fromClasspath(kind, location.substring(CLASSPATH_PREFIX.length()), otherSuffixes);
        }
        return fromPath(kind, Path.of(location));
    }

    static ModelFiles fromPath(String kind, Path onnxFile) {
        return new ModelFiles(kind, onnxFile.toString(), onnxFile, null);
    }

    static ModelFiles fromClasspath(String kind, String resource, String... otherSuffixes) {
        String name = resource.startsWith("/") ? resource.substring(1) : resource;
        String shown = CLASSPATH_PREFIX + name;
        Path dir = temporaryDirectory(kind, shown);
        try {
            String base = baseName(name);
            Path onnx = copyResource(kind, shown, name, dir);
            copyResource(kind, shown, base + METADATA_SUFFIX, dir);
            for (String suffix : otherSuffixes) {
                copyResource(kind, shown, base + suffix, dir);
            }
            return new ModelFiles(kind, shown, onnx, dir);
        } catch (RuntimeException e) {
            deleteQuietly(dir);
            throw e;
        }
    }

    /** Where a model's files are written for ONNX Runtime, which reads files; {@link #close()} deletes it. */
    private static Path temporaryDirectory(String kind, String shown) {
        try {
            return Files.createTempDirectory("recstream-model-");
        } catch (IOException e) {
            throw new ModelLoadException(kind + " " + shown + ": cannot create a temporary directory", e);
        }
    }

    /**
     * A version from the model store, written to a temporary directory that {@link #close()}
     * deletes (ONNX Runtime reads files): {@code <version>.onnx}, {@code <version>.json} and one
     * file per entry of {@code otherFiles} (suffix to content).
     */
    static ModelFiles fromVersion(String kind, ModelVersion version, Map<String, byte[]> otherFiles) {
        String shown = "store version " + version.name + "/" + version.version;
        Path dir = temporaryDirectory(kind, shown);
        try {
            String base = "model";
            Path onnx = dir.resolve(base + ONNX_SUFFIX);
            Files.write(onnx, version.onnx);
            Files.writeString(dir.resolve(base + METADATA_SUFFIX), version.metadata);
            for (Map.Entry<String, byte[]> file : otherFiles.entrySet()) {
                Files.write(dir.resolve(base + file.getKey()), file.getValue());
            }
            return new ModelFiles(kind, shown, onnx, dir);
        } catch (IOException e) {
            deleteQuietly(dir);
            throw new ModelLoadException(kind + " " + shown + ": cannot write it to " + dir, e);
        } catch (RuntimeException e) {
            deleteQuietly(dir);
            throw e;
        }
    }

    private ModelFiles(String kind, String shown, Path onnx, Path extractedDir) {
        this.kind = kind;
        this.shown = shown;
        this.onnx = onnx;
        this.extractedDir = extractedDir;
        if (!Files.isRegularFile(onnx)) {
            throw error("file not found");
        }
        Path metadataFile = sibling(METADATA_SUFFIX);
        try {
            this.metadata = new ObjectMapper().readTree(metadataFile.toFile());
        } catch (IOException e) {
            throw error("metadata not readable: " + metadataFile, e);
        }
    }

    /** How error messages name the model: its kind and location. */
    String describe() {
        return kind + " " + shown;
    }

    Path onnx() {
        return onnx;
    }

    /** The file beside the .onnx with the same base name and {@code suffix}. */
    Path sibling(String suffix) {
        return onnx.resolveSibling(baseName(onnx.getFileName().toString()) + suffix);
    }

    JsonNode metadata() {
        return metadata;
    }

    /** The metadata's non-empty {@code version}, or a load error. */
    String version() {
        String version = metadata.path("version").asText();
        if (version.isEmpty()) {
            throw error("metadata lacks a version: " + sibling(METADATA_SUFFIX));
        }
        return version;
    }

    ModelLoadException error(String problem) {
        return new ModelLoadException(describe() + ": " + problem);
    }

    ModelLoadException error(String problem, Throwable cause) {
        return new ModelLoadException(describe() + ": " + problem, cause);
    }

    @Override
    public void close() {
        deleteQuietly(extractedDir);
    }

    private static Path copyResource(String kind, String shown, String resource, Path dir) {
        ClassLoader loader = ModelFiles.class.getClassLoader();
        InputStream stream = loader.getResourceAsStream(resource);
        if (stream == null && Thread.currentThread().getContextClassLoader() != null) {
            stream = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource);
        }
        if (stream == null) {
            throw new ModelLoadException(kind + " " + shown + ": resource not found on the classpath: " + resource);
        }
        Path target = dir.resolve(resource.substring(resource.lastIndexOf('/') + 1));
        try (InputStream in = stream) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new ModelLoadException(kind + " " + shown + ": cannot copy resource " + resource, e);
        }
        return target;
    }

    private static String baseName(String onnxName) {
        return onnxName.endsWith(ONNX_SUFFIX) ? onnxName.substring(0, onnxName.length() - ONNX_SUFFIX.length()) : onnxName;
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (var files = Files.walk(dir)) {
            files.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // a leftover temporary directory is harmless
        }
    }
}
