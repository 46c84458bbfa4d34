package io.recstream.state;

import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * The snapshot of one of the project's parameterless serializers: only the version of the format
 * it writes. A savepoint written in the current version restores as it is; one written in an
 * earlier version restores through a migration when the subclass has a reader of that version
 * ({@link #readerOf}): Flink reads the state with it and writes it in the current format. A version
 * without a reader is incompatible. Subclasses need a public no-argument constructor: Flink
 * creates the snapshot by its class name when it reads a savepoint.
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

    /** A serializer of the state as format {@code version} wrote it, or null when this build cannot read it. */
    protected TypeSerializer<T> readerOf(int version) {
        return version == currentVersion ? serializer : null;
    }

    @Override
    public TypeSerializer<T> restoreSerializer() {
        TypeSerializer<T> reader = readerOf(readVersion);
        if (reader == null) {
            throw new IllegalStateException(getClass().getName() + ": this build cannot read state format " + readVersion);
        }
        return reader;
    }

    @Override
    public TypeSerializerSchemaCompatibility<T> resolveSchemaCompatibility(TypeSerializerSnapshot<T> oldSnapshot) {
        if (oldSnapshot.getClass() != getClass()) {
            return TypeSerializerSchemaCompatibility.incompatible();
        }
        int old = ((FormatSnapshot<T>) oldSnapshot).readVersion;
        if (old == currentVersion) {
            return TypeSerializerSchemaCompatibility.compatibleAsIs();
        }
        return readerOf(old) != null
                ? TypeSerializerSchemaCompatibility.compatibleAfterMigration()
                : TypeSerializerSchemaCompatibility.incompatible();
    }
}
