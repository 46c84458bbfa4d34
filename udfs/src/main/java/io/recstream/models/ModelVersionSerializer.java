package io.recstream.models;

import io.recstream.state.FormatSnapshot;
import io.recstream.state.SerializerTypeInfo;

import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The format of a {@link ModelVersion}, in state (the live versions) and as the value of a record
 * of the models topic, version 1: name and version (UTF), then the metadata (UTF-8 bytes) and the
 * ONNX bytes, each as an int length and the bytes. A topic record starts with the format version
 * as one byte, so a record of a later format is refused by name, not misread.
 */
public final class ModelVersionSerializer extends TypeSerializerSingleton<ModelVersion> {
    private static final long serialVersionUID = 1L;

    public static final ModelVersionSerializer INSTANCE = new ModelVersionSerializer();

    /** The bytes of a models-topic record's value. */
    public static byte[] toRecord(ModelVersion v) {
        DataOutputSerializer out = new DataOutputSerializer(v.onnx.length + v.metadata.length() + 256);
        try {
            out.writeByte(Snapshot.VERSION);
            INSTANCE.serialize(v, out);
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory failed", e);
        }
        return out.getCopyOfBuffer();
    }

    /** A models-topic record's value, or an {@link IllegalArgumentException} saying why it is not one. */
    public static ModelVersion fromRecord(byte[] value) {
        if (value == null || value.length == 0) {
            throw new IllegalArgumentException("empty record");
        }
        if (value[0] != Snapshot.VERSION) {
            throw new IllegalArgumentException("record of format " + value[0] + ", this build reads " + Snapshot.VERSION);
        }
        DataInputDeserializer in = new DataInputDeserializer(value, 1, value.length - 1);
        try {
            ModelVersion v = INSTANCE.deserialize(in);
            if (in.available() != 0) {
                throw new IllegalArgumentException(in.available() + " bytes after the model");
            }
            return v;
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a model record: " + e, e);
        }
    }

    @Override
    public boolean isImmutableType() {
        return true; // never changed after construction: copies share it
    }

    @Override
    public ModelVersion createInstance() {
        return null;
    }

    @Override
    public ModelVersion copy(ModelVersion from) {
        return from;
    }

    @Override
    public ModelVersion copy(ModelVersion from, ModelVersion reuse) {
        return from;
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(ModelVersion v, DataOutputView out) throws IOException {
        out.writeUTF(v.name);
        out.writeUTF(v.version);
        writeBytes(v.metadata.getBytes(StandardCharsets.UTF_8), out);
        writeBytes(v.onnx, out);
    }

    @Override
    public ModelVersion deserialize(DataInputView in) throws IOException {
        String name = in.readUTF();
        String version = in.readUTF();
        String metadata = new String(readBytes(in), StandardCharsets.UTF_8);
        return new ModelVersion(name, version, metadata, readBytes(in));
    }

    @Override
    public ModelVersion deserialize(ModelVersion reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        serialize(deserialize(in), out);
    }

    private static void writeBytes(byte[] bytes, DataOutputView out) throws IOException {
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static byte[] readBytes(DataInputView in) throws IOException {
        int length = in.readInt();
        // a corrupt record must not make the job allocate what its length claims
        if (length < 0 || (in instanceof DataInputDeserializer d && length > d.available())) {
            throw new IOException("length " + length + " beyond the record");
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return bytes;
    }

    @Override
    public TypeSerializerSnapshot<ModelVersion> snapshotConfiguration() {
        return new Snapshot();
    }

    /** The snapshot of this serializer: its format version. */
    public static final class Snapshot extends FormatSnapshot<ModelVersion> {
        /** The format version this build writes; raise it with every format change. */
        public static final int VERSION = 1;

        public Snapshot() {
            super(VERSION, INSTANCE);
        }
    }

    /** Makes Flink's type extraction use this serializer for {@link ModelVersion}. */
    public static final class TypeInfo extends TypeInfoFactory<ModelVersion> {
        @Override
        public TypeInformation<ModelVersion> createTypeInfo(Type type, Map<String, TypeInformation<?>> genericParameters) {
            return new SerializerTypeInfo<>(ModelVersion.class, INSTANCE);
        }
    }
}
