package io.recstream.state;

import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * The snapshot of one of the project's parameterless serializers: only the version of the format
 * it writes. A savepoint written in the current version restores as it is; one written in
 * another version is incompatible until a release adds the migration from it (and a savepoint of
 * that version to test it). Subclasses need a public no-argument constructor: Flink creates the
 * snapshot by its class name when it reads a savepoint.
 */
public abstract class FormatSnapshot<T> implements TypeSerializerSnapshot<T> {
    private final int currentVersion;
    private final TypeSerializer<T> serializer;
    private int readVersion;

    protected FormatSnapshot(int currentVersion, TypeSerializer<T> serializer) {
        this.currentVersion = currentVersion;
        this.serializer = serializer;
        this.readVersion = currentVersion;
    }

    @Override
    public int getCurrentVersion() {
        return currentVersion;
    }

    /** The format version of the state this snapshot describes (the current one for a new snapshot). */
    public int formatVersion() {
        return readVersion;
    }

    @Override
    public void writeSnapshot(DataOutputView out) {}

    @Override
    public void readSnapshot(int version, DataInputView in, ClassLoader classLoader) {
        readVersion = version;
    }

    @Override
    public TypeSerializer<T> restoreSerializer() {
        return serializer;
    }

    @Override
    public TypeSerializerSchemaCompatibility<T> resolveSchemaCompatibility(TypeSerializerSnapshot<T> oldSnapshot) {
        if (oldSnapshot.getClass() == getClass() && ((FormatSnapshot<T>) oldSnapshot).readVersion == currentVersion) {
            return TypeSerializerSchemaCompatibility.compatibleAsIs();
        }
        return TypeSerializerSchemaCompatibility.incompatible();
    }
}
