package io.recstream.functions;

import io.recstream.functions.RecommendationPublisher.PublishedList;
import io.recstream.state.ArrayFormat;
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
 * The state format of the publisher's {@code last-published}, version 2: the version, when the
 * numbering began, then the items' numeric ids ({@link ArrayFormat}: a count, -1 for none, then
 * the ids). Every list a user's event brings is compared with this state and the state written
 * back, so it holds what the comparison reads and nothing else: 8 bytes an item, no name.
 *
 * <p>Format 1 (savepoints of state format v3) held the items' names (a count, then each name as
 * modified UTF-8); it migrates: read with {@link #READER_V1} into {@link PublishedList#items},
 * written in this format as their ids. Savepoints of state formats v1 and v2 hold this state as a
 * Flink POJO with the names; {@link Snapshot} answers their POJO snapshot with a migration too.
 */
public final class PublishedListSerializer extends TypeSerializer<PublishedList> {
    private static final long serialVersionUID = 1L;

    public static final PublishedListSerializer INSTANCE = new PublishedListSerializer(Snapshot.VERSION);
    /** Reads format 1 (names), for the migration of savepoints written before version 2. */
    static final PublishedListSerializer READER_V1 = new PublishedListSerializer(1);

    private final int format;

    private PublishedListSerializer(int format) {
        this.format = format;
    }

    @Override
    public TypeSerializer<PublishedList> duplicate() {
        return this;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PublishedListSerializer other && other.format == format;
    }

    @Override
    public int hashCode() {
        return format;
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
        PublishedList copy = new PublishedList(from.version, from.versionsSince,
                from.itemIds == null ? null : from.itemIds.clone());
        copy.items = from.items == null ? null : from.items.clone();
        return copy;
    }

    @Override
    public PublishedList copy(PublishedList from, PublishedList reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    /** Writes today's format, whichever format the list was read from: a list of names goes as their ids. */
    @Override
    public void serialize(PublishedList list, DataOutputView out) throws IOException {
        out.writeLong(list.version);
        out.writeLong(list.versionsSince);
        ArrayFormat.writeLongs(list.itemIds(), out);
    }

    @Override
    public PublishedList deserialize(DataInputView in) throws IOException {
        long version = in.readLong();
        long versionsSince = in.readLong();
        if (format >= 2) {
            return new PublishedList(version, versionsSince, ArrayFormat.readLongs(in));
        }
        int n = in.readInt();
        PublishedList list = new PublishedList(version, versionsSince, null);
        if (n >= 0) {
            list.items = new String[n];
            for (int i = 0; i < n; i++) {
                list.items[i] = in.readUTF();
            }
        }
        return list;
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
        public static final int VERSION = 2;

        public Snapshot() {
            super(VERSION, INSTANCE);
        }

        @Override
        protected TypeSerializer<PublishedList> readerOf(int version) {
            return version == 1 ? READER_V1 : super.readerOf(version);
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
