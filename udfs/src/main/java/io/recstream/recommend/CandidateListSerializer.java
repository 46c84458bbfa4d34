package io.recstream.recommend;

import io.recstream.event.EventType;
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
import org.apache.flink.types.StringValue;

import java.io.IOException;
import java.lang.reflect.Type;
import java.util.Map;

/**
 * The format of a {@link CandidateList}, version 1: every field in a fixed order, the arrays as
 * {@link ArrayFormat} writes them (a length, -1 for null, then the elements), strings as Flink's
 * {@link StringValue} writes them (null included), the event type as its ordinal (-1 for null).
 *
 * <p>Each list crosses the network to the publisher, and the ranking model's async operator
 * copies each one it takes in (object reuse) and holds those in flight in its checkpointed state.
 * Flink's POJO serializer did both field by field through reflection, with a serializer call per
 * string and array element; this one copies the arrays with {@code clone} and shares the strings,
 * which are immutable.
 *
 * <p>Savepoints of state formats v1-v3 hold the lists in flight as Flink POJOs; {@link Snapshot}
 * answers their POJO snapshot with a migration, so Flink reads them with the POJO serializer they
 * were written with (which fills fields a list of an older build lacked with their defaults).
 */
public final class CandidateListSerializer extends TypeSerializer<CandidateList> {
    private static final long serialVersionUID = 1L;

    public static final CandidateListSerializer INSTANCE = new CandidateListSerializer();
    private static final EventType[] EVENT_TYPES = EventType.values();

    private CandidateListSerializer() {}

    @Override
    public TypeSerializer<CandidateList> duplicate() {
        return this;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CandidateListSerializer;
    }

    @Override
    public int hashCode() {
        return CandidateListSerializer.class.hashCode();
    }

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public CandidateList createInstance() {
        return new CandidateList();
    }

    @Override
    public CandidateList copy(CandidateList from) {
        CandidateList copy = new CandidateList();
        copy.user = from.user;
        copy.userId = from.userId;
        copy.itemIds = from.itemIds == null ? null : from.itemIds.clone();
        copy.items = from.items == null ? null : from.items.clone();
        copy.scores = from.scores == null ? null : from.scores.clone();
        copy.features = from.features == null ? null : from.features.clone();
        copy.reasons = from.reasons == null ? null : from.reasons.clone();
        copy.reasonItems = from.reasonItems == null ? null : from.reasonItems.clone();
        copy.ts = from.ts;
        copy.channel = from.channel;
        copy.afterPurchase = from.afterPurchase;
        copy.target = from.target;
        copy.targetSeen = from.targetSeen;
        copy.popularityHit = from.popularityHit;
        copy.rankedBy = from.rankedBy;
        copy.bucket = from.bucket;
        copy.eventItemId = from.eventItemId;
        copy.eventType = from.eventType;
        copy.previousTs = from.previousTs;
        copy.rankerVersion = from.rankerVersion;
        return copy;
    }

    @Override
    public CandidateList copy(CandidateList from, CandidateList reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(CandidateList list, DataOutputView out) throws IOException {
        StringValue.writeString(list.user, out);
        out.writeLong(list.userId);
        ArrayFormat.writeLongs(list.itemIds, out);
        writeStrings(list.items, out);
        ArrayFormat.writeFloats(list.scores, out);
        ArrayFormat.writeFloats(list.features, out);
        writeBytes(list.reasons, out);
        writeStrings(list.reasonItems, out);
        out.writeLong(list.ts);
        StringValue.writeString(list.channel, out);
        out.writeBoolean(list.afterPurchase);
        StringValue.writeString(list.target, out);
        out.writeBoolean(list.targetSeen);
        out.writeBoolean(list.popularityHit);
        StringValue.writeString(list.rankedBy, out);
        out.writeInt(list.bucket);
        out.writeLong(list.eventItemId);
        out.writeByte(list.eventType == null ? -1 : list.eventType.ordinal());
        out.writeLong(list.previousTs);
        StringValue.writeString(list.rankerVersion, out);
    }

    @Override
    public CandidateList deserialize(DataInputView in) throws IOException {
        CandidateList list = new CandidateList();
        list.user = StringValue.readString(in);
        list.userId = in.readLong();
        list.itemIds = ArrayFormat.readLongs(in);
        list.items = readStrings(in);
        list.scores = ArrayFormat.readFloats(in);
        list.features = ArrayFormat.readFloats(in);
        list.reasons = readBytes(in);
        list.reasonItems = readStrings(in);
        list.ts = in.readLong();
        list.channel = StringValue.readString(in);
        list.afterPurchase = in.readBoolean();
        list.target = StringValue.readString(in);
        list.targetSeen = in.readBoolean();
        list.popularityHit = in.readBoolean();
        list.rankedBy = StringValue.readString(in);
        list.bucket = in.readInt();
        list.eventItemId = in.readLong();
        byte type = in.readByte();
        list.eventType = type < 0 ? null : EVENT_TYPES[type];
        list.previousTs = in.readLong();
        list.rankerVersion = StringValue.readString(in);
        return list;
    }

    @Override
    public CandidateList deserialize(CandidateList reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        serialize(deserialize(in), out);
    }

    private static void writeStrings(String[] values, DataOutputView out) throws IOException {
        if (values == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(values.length);
        for (String value : values) {
            StringValue.writeString(value, out);
        }
    }

    private static String[] readStrings(DataInputView in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        String[] values = new String[n];
        for (int i = 0; i < n; i++) {
            values[i] = StringValue.readString(in);
        }
        return values;
    }

    private static void writeBytes(byte[] values, DataOutputView out) throws IOException {
        if (values == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(values.length);
        out.write(values);
    }

    private static byte[] readBytes(DataInputView in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        byte[] values = new byte[n];
        in.readFully(values);
        return values;
    }

    @Override
    public TypeSerializerSnapshot<CandidateList> snapshotConfiguration() {
        return new Snapshot();
    }

    /** The snapshot of this serializer: its format version; the POJO format of earlier builds migrates. */
    public static final class Snapshot extends FormatSnapshot<CandidateList> {
        /** The format version this build writes; raise it with every format change. */
        public static final int VERSION = 1;

        public Snapshot() {
            super(VERSION, INSTANCE);
        }

        @Override
        public TypeSerializerSchemaCompatibility<CandidateList> resolveSchemaCompatibility(
                TypeSerializerSnapshot<CandidateList> oldSnapshot) {
            if (oldSnapshot instanceof PojoSerializerSnapshot) {
                return TypeSerializerSchemaCompatibility.compatibleAfterMigration();
            }
            return super.resolveSchemaCompatibility(oldSnapshot);
        }
    }

    /** Makes Flink's type extraction use this serializer for {@link CandidateList}. */
    public static final class TypeInfo extends TypeInfoFactory<CandidateList> {
        @Override
        public TypeInformation<CandidateList> createTypeInfo(Type type, Map<String, TypeInformation<?>> genericParameters) {
            return new SerializerTypeInfo<>(CandidateList.class, INSTANCE);
        }
    }
}
