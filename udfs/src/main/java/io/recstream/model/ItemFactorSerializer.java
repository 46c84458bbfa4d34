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
 * The format of an {@link ItemFactor} in state and between operators, version 1: id, name
 * (a presence byte, then UTF), version, vector (length -1: none, a tombstone), bias, popularity
 * and its time, the neighbour ids and weights, then the time last touched and the pending expiry
 * timer. In the item-learner's {@code item-factor} state the neighbour arrays are empty: the
 * neighbours live in their own state ({@link ItemNeighbours}).
 */
public final class ItemFactorSerializer extends TypeSerializerSingleton<ItemFactor> {
    private static final long serialVersionUID = 1L;

    public static final ItemFactorSerializer INSTANCE = new ItemFactorSerializer();

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public ItemFactor createInstance() {
        return new ItemFactor();
    }

    @Override
    public ItemFactor copy(ItemFactor from) {
        return from.copy();
    }

    @Override
    public ItemFactor copy(ItemFactor from, ItemFactor reuse) {
        return from.copy();
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(ItemFactor f, DataOutputView out) throws IOException {
        out.writeLong(f.id);
        out.writeBoolean(f.item != null);
        if (f.item != null) {
            out.writeUTF(f.item);
        }
        out.writeLong(f.version);
        ArrayFormat.writeFloats(f.vector, out);
        out.writeFloat(f.bias);
        out.writeDouble(f.popularity);
        out.writeLong(f.popularityTs);
        ArrayFormat.writeLongs(f.neighbours, out);
        ArrayFormat.writeFloats(f.neighbourWeights, out);
        out.writeLong(f.touchedTs);
        out.writeLong(f.expiryTimer);
    }

    @Override
    public ItemFactor deserialize(DataInputView in) throws IOException {
        ItemFactor f = new ItemFactor();
        f.id = in.readLong();
        f.item = in.readBoolean() ? in.readUTF() : null;
        f.version = in.readLong();
        f.vector = ArrayFormat.readFloats(in);
        f.bias = in.readFloat();
        f.popularity = in.readDouble();
        f.popularityTs = in.readLong();
        f.neighbours = ArrayFormat.readLongs(in);
        f.neighbourWeights = ArrayFormat.readFloats(in);
        f.touchedTs = in.readLong();
        f.expiryTimer = in.readLong();
        return f;
    }

    @Override
    public ItemFactor deserialize(ItemFactor reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        serialize(deserialize(in), out);
    }

    @Override
    public TypeSerializerSnapshot<ItemFactor> snapshotConfiguration() {
        return new Snapshot();
    }

    /** The snapshot of this serializer: its format version. */
    public static final class Snapshot extends FormatSnapshot<ItemFactor> {
        /** The format version this build writes; raise it with every format change. */
        public static final int VERSION = 1;

        public Snapshot() {
            super(VERSION, INSTANCE);
        }
    }

    /** Makes Flink's type extraction use this serializer for {@link ItemFactor}. */
    public static final class TypeInfo extends TypeInfoFactory<ItemFactor> {
        @Override
        public TypeInformation<ItemFactor> createTypeInfo(Type type, Map<String, TypeInformation<?>> genericParameters) {
            return new SerializerTypeInfo<>(ItemFactor.class, INSTANCE);
        }
    }
}
