package io.recstream.functions;

import io.recstream.functions.RecommendationPublisher.PublishedList;
import io.recstream.state.FormatSnapshot;
import io.recstream.state.SerializerTypeInfo;

import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.java.typeutils.runtime.PojoSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;
import java.lang.reflect.Type;
import java.util.Map;

/**
 * The state format of the publisher's {@code last-published}, version 1: the version, when the
 * numbering began, then the items (a count, -1 for none, then each name as modified UTF-8).
 *
 * <p>Savepoints of state formats v1 and v2 hold this state as a Flink POJO; {@link Snapshot}
 * answers their POJO snapshot with a migration, so Flink reads that state with the POJO
 * serializer it wrote it with and rewrites it in this format.
 */
public final class PublishedListSerializer extends TypeSerializer<PublishedList> {
    private static final long serialVersionUID = 1L;

    public static final PublishedListSerializer INSTANCE = new PublishedListSerializer();

    private PublishedListSerializer() {}

    @Override
    public TypeSerializer<PublishedList> duplicate() {
        return this;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PublishedListSerializer;
    }

    @Override
    public int hashCode() {
        return PublishedListSerializer.class.hashCode();
    }

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public PublishedList createInstance() {
        return new PublishedList();
    }

    @Override
    public PublishedList copy(PublishedList from) {
        return new PublishedList(from.version, from.versionsSince, from.items == null ? null : from.items.clone());
    }

    @Override
    public PublishedList copy(PublishedList from, PublishedList reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(PublishedList list, DataOutputView out) throws IOException {
        out.writeLong(list.version);
        out.writeLong(list.versionsSince);
        if (list.items == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(list.items.length);
        for (String item : list.items) {
            out.writeUTF(item);
        }
    }

    @Override
    public PublishedList deserialize(DataInputView in) throws IOException {
        long version = in.readLong();
        long versionsSince = in.readLong();
        int n = in.readInt();
        String[] items = null;
        if (n >= 0) {
            items = new String[n];
            for (int i = 0; i < n; i++) {
                items[i] = in.readUTF();
            }
        }
        return new PublishedList(version, versionsSince, items);
    }

    @Override
    public PublishedList deserialize(PublishedList reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        serialize(deserialize(in), out);
    }

    @Override
    public TypeSerializerSnapshot<PublishedList> snapshotConfiguration() {
        return new Snapshot();
    }

    /** The snapshot of this serializer: its format version; the POJO format of earlier builds migrates. */
    public static final class Snapshot extends FormatSnapshot<PublishedList> {
        /** The state format version this build writes; raise it with every format change. */
        public static final int VERSION = 1;

        public Snapshot() {
            super(VERSION, INSTANCE);
        }

        @Override
        public TypeSerializerSchemaCompatibility<PublishedList> resolveSchemaCompatibility(
                TypeSerializerSnapshot<PublishedList> oldSnapshot) {
            if (oldSnapshot instanceof PojoSerializerSnapshot) {
                return TypeSerializerSchemaCompatibility.compatibleAfterMigration();
            }
            return super.resolveSchemaCompatibility(oldSnapshot);
        }
    }

    /** Makes Flink's type extraction use this serializer for {@link PublishedList}. */
    public static final class TypeInfo extends TypeInfoFactory<PublishedList> {
        @Override
        public TypeInformation<PublishedList> createTypeInfo(Type type, Map<String, TypeInformation<?>> genericParameters) {
            return new SerializerTypeInfo<>(PublishedList.class, INSTANCE);
        }
    }
}
