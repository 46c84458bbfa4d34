package io.recstream.model;

import io.recstream.state.ArrayFormat;
import io.recstream.state.FormatSnapshot;
import io.recstream.state.SerializerTypeInfo;

import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;
import java.lang.reflect.Type;
import java.util.Map;

/**
 * The format of an {@link ItemUpdate} between operators, version 1: item id, name (a presence
 * byte, then UTF), time, steps, factor delta (length -1: none), bias delta, popularity increment,
 * co-occurring item ids and their weights. Updates are never kept in state; the own serializer
 * is for speed (a POJO serializer copies by reflection, and the update is copied once more
 * between the chained user-learner and its accumulator).
 */
public final class ItemUpdateSerializer extends TypeSerializerSingleton<ItemUpdate> {
    private static final long serialVersionUID = 1L;

    public static final ItemUpdateSerializer INSTANCE = new ItemUpdateSerializer();

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public ItemUpdate createInstance() {
        return new ItemUpdate();
    }

    @Override
    public ItemUpdate copy(ItemUpdate from) {
        return from.copy();
    }

    @Override
    public ItemUpdate copy(ItemUpdate from, ItemUpdate reuse) {
        return from.copy();
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(ItemUpdate u, DataOutputView out) throws IOException {
        out.writeLong(u.item);
        out.writeBoolean(u.name != null);
        if (u.name != null) {
            out.writeUTF(u.name);
        }
        out.writeLong(u.ts);
        out.writeInt(u.steps);
        ArrayFormat.writeFloats(u.factorDelta, out);
        out.writeFloat(u.biasDelta);
        out.writeFloat(u.popularityIncrement);
        ArrayFormat.writeLongs(u.coItems, out);
        ArrayFormat.writeFloats(u.coWeights, out);
    }

    @Override
    public ItemUpdate deserialize(DataInputView in) throws IOException {
        ItemUpdate u = new ItemUpdate();
        u.item = in.readLong();
        u.name = in.readBoolean() ? in.readUTF() : null;
        u.ts = in.readLong();
        u.steps = in.readInt();
        u.factorDelta = ArrayFormat.readFloats(in);
        u.biasDelta = in.readFloat();
        u.popularityIncrement = in.readFloat();
        u.coItems = ArrayFormat.readLongs(in);
        u.coWeights = ArrayFormat.readFloats(in);
        return u;
    }

    @Override
    public ItemUpdate deserialize(ItemUpdate reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        serialize(deserialize(in), out);
    }

    @Override
    public TypeSerializerSnapshot<ItemUpdate> snapshotConfiguration() {
        return new Snapshot();
    }

    /** The snapshot of this serializer: its format version. */
    public static final class Snapshot extends FormatSnapshot<ItemUpdate> {
        /** The format version this build writes; raise it with every format change. */
        public static final int VERSION = 1;

        public Snapshot() {
            super(VERSION, INSTANCE);
        }
    }

    /** Makes Flink's type extraction use this serializer for {@link ItemUpdate}. */
    public static final class TypeInfo extends TypeInfoFactory<ItemUpdate> {
        @Override
        public TypeInformation<ItemUpdate> createTypeInfo(Type type, Map<String, TypeInformation<?>> genericParameters) {
            return new SerializerTypeInfo<>(ItemUpdate.class, INSTANCE);
        }
    }
}
