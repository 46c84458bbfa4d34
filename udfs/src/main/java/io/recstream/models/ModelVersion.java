package io.recstream.models;

import org.apache.flink.api.common.typeinfo.TypeInfo;

import java.util.Objects;

/**
 * One published version of a model, as the model store holds it: the model's name
 * ({@link ModelKind}), its version, its metadata (the JSON of the {@code <name>.json} file beside
 * a model, with the same {@code version}) and its ONNX bytes. What the job needs to load the
 * version is all here, so the live version can be kept in checkpointed state.
 */
@TypeInfo(ModelVersionSerializer.TypeInfo.class)
public final class ModelVersion {
    public final String name;
    public final String version;
    public final String metadata;
    public final byte[] onnx;

    public ModelVersion(String name, String version, String metadata, byte[] onnx) {
        this.name = Objects.requireNonNull(name, "name");
        this.version = Objects.requireNonNull(version, "version");
        this.metadata = Objects.requireNonNull(metadata, "metadata");
        this.onnx = Objects.requireNonNull(onnx, "onnx");
    }

    @Override
    public String toString() {
        return name + " " + version + " (" + onnx.length + " bytes of ONNX)";
    }
}
