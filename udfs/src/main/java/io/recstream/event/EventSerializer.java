package io.recstream.event;

import io.recstream.state.FormatSnapshot;
import io.recstream.state.SerializerTypeInfo;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

import java.io.IOException;

/**
 * The format of an {@link Event} on the edge into the user-learner, version 1: one byte with a bit
 * per string or type field that is present, the numeric fields ({@code userId}, {@code itemId},
 * {@code value}, {@code ts}, {@code intentProbability}, {@code intentItemId}), then the present
 * fields in declaration order, the strings as Flink's {@code StringSerializer} writes them and the
 * type as its ordinal byte. Every field of the event goes through, as the POJO serializer carried it.
 *
 * <p>For that edge only ({@link #TYPE}, set on the operator that feeds it): everywhere else, and
 * above all in the async intent operator's state of in-flight events (savepoints v1-v4 hold it),
 * an event stays a Flink POJO with the POJO serializer. The POJO serializer reads and writes each of
 * the event's 14 fields by reflection, with a null marker each, and was 5-6 % of the user-learner's
 * thread and part of the source thread's (docs/BENCHMARKS.md, "The learning path, fifth pass").
 */
public final class EventSerializer extends TypeSerializerSingleton<Event> {
    private static final long serialVersionUID = 1L;

    public static final EventSerializer INSTANCE = new EventSerializer();
    /** The type information that gives the events this serializer. */
    public static final TypeInformation<Event> TYPE = new SerializerTypeInfo<>(Event.class, INSTANCE);

    private static final EventType[] TYPES = EventType.values();
    private static final int USER = 1;
    private static final int ITEM = 1 << 1;
    private static final int KIND = 1 << 2;
    private static final int CHANNEL = 1 << 3;
    private static final int QUERY = 1 << 4;
    private static final int INTENT = 1 << 5;
    private static final int RANKER_VERSION = 1 << 6;
    private static final int INTENT_VERSION = 1 << 7;

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public Event createInstance() {
        return new Event();
    }

    /** The event's fields are immutable values (strings, an enum, numbers): a new holder of the same ones is a full copy. */
    @Override
    public Event copy(Event from) {
        Event e = new Event();
        e.user = from.user;
        e.item = from.item;
        e.userId = from.userId;
        e.itemId = from.itemId;
        e.type = from.type;
        e.channel = from.channel;
        e.query = from.query;
        e.value = from.value;
        e.ts = from.ts;
        e.intent = from.intent;
        e.intentProbability = from.intentProbability;
        e.intentItemId = from.intentItemId;
        e.rankerVersion = from.rankerVersion;
        e.intentVersion = from.intentVersion;
        return e;
    }

    @Override
    public Event copy(Event from, Event reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(Event e, DataOutputView out) throws IOException {
        int present = (e.user != null ? USER : 0)
                | (e.item != null ? ITEM : 0)
                | (e.type != null ? KIND : 0)
                | (e.channel != null ? CHANNEL : 0)
                | (e.query != null ? QUERY : 0)
                | (e.intent != null ? INTENT : 0)
                | (e.rankerVersion != null ? RANKER_VERSION : 0)
                | (e.intentVersion != null ? INTENT_VERSION : 0);
        out.writeByte(present);
        out.writeLong(e.userId);
        out.writeLong(e.itemId);
        out.writeDouble(e.value);
        out.writeLong(e.ts);
        out.writeFloat(e.intentProbability);
        out.writeLong(e.intentItemId);
        if (e.user != null) {
            StringValue.writeString(e.user, out);
        }
        if (e.item != null) {
            StringValue.writeString(e.item, out);
        }
        if (e.type != null) {
            out.writeByte(e.type.ordinal());
        }
        if (e.channel != null) {
            StringValue.writeString(e.channel, out);
        }
        if (e.query != null) {
            StringValue.writeString(e.query, out);
        }
        if (e.intent != null) {
            StringValue.writeString(e.intent, out);
        }
        if (e.rankerVersion != null) {
            StringValue.writeString(e.rankerVersion, out);
        }
        if (e.intentVersion != null) {
            StringValue.writeString(e.intentVersion, out);
        }
    }

    @Override
    public Event deserialize(DataInputView in) throws IOException {
        Event e = new Event();
        int present = in.readUnsignedByte();
        e.userId = in.readLong();
        e.itemId = in.readLong();
        e.value = in.readDouble();
        e.ts = in.readLong();
        e.intentProbability = in.readFloat();
        e.intentItemId = in.readLong();
        if ((present & USER) != 0) {
            e.user = StringValue.readString(in);
        }
        if ((present & ITEM) != 0) {
            e.item = StringValue.readString(in);
        }
        if ((present & KIND) != 0) {
            e.type = TYPES[in.readUnsignedByte()];
        }
        if ((present & CHANNEL) != 0) {
            e.channel = StringValue.readString(in);
        }
        if ((present & QUERY) != 0) {
            e.query = StringValue.readString(in);
        }
        if ((present & INTENT) != 0) {
            e.intent = StringValue.readString(in);
        }
        if ((present & RANKER_VERSION) != 0) {
            e.rankerVersion = StringValue.readString(in);
        }
        if ((present & INTENT_VERSION) != 0) {
            e.intentVersion = StringValue.readString(in);
        }
        return e;
    }

    @Override
    public Event deserialize(Event reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        serialize(deserialize(in), out);
    }

    @Override
    public TypeSerializerSnapshot<Event> snapshotConfiguration() {
        return new Snapshot();
    }

    /** The snapshot of this serializer: its format version. */
    public static final class Snapshot extends FormatSnapshot<Event> {
        /** The format version this build writes; raise it with every format change. */
        public static final int VERSION = 1;

        public Snapshot() {
            super(VERSION, INSTANCE);
        }
    }
}
