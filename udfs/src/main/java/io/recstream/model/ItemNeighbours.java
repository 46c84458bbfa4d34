package io.recstream.model;

import io.recstream.state.ArrayFormat;
import io.recstream.state.FormatSnapshot;

import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;

/**
 * The item-learner's state of an item's neighbours, apart from its vector: a factor step (a
 * sampled negative, most updates) reads and writes the vector alone, not up to 100 neighbours.
 * Stored as {@link Serializer} format 1: the ids, then the weights.
 */
public final class ItemNeighbours {
    public final long[] ids;
    public final float[] weights;

    public ItemNeighbours(long[] ids, float[] weights) {
        this.ids = ids;
        this.weights = weights;
    }

    /** The state serializer of {@link ItemNeighbours}. */
    public static final class Serializer extends TypeSerializerSingleton<ItemNeighbours> {
        private static final long serialVersionUID = 1L;

        public static final Serializer INSTANCE = new Serializer();

        @Override
        public boolean isImmutableType() {
            return false;
        }

        @Override
        public ItemNeighbours createInstance() {
            return new ItemNeighbours(new long[0], new float[0]);
        }

        @Override
        public ItemNeighbours copy(ItemNeighbours from) {
            return new ItemNeighbours(from.ids.clone(), from.weights.clone());
        }

        @Override
        public ItemNeighbours copy(ItemNeighbours from, ItemNeighbours reuse) {
            return copy(from);
        }

        @Override
        public int getLength() {
            return -1;
        }

        @Override
        public void serialize(ItemNeighbours n, DataOutputView out) throws IOException {
            ArrayFormat.writeLongs(n.ids, out);
            ArrayFormat.writeFloats(n.weights, out);
        }

        @Override
        public ItemNeighbours deserialize(DataInputView in) throws IOException {
            return new ItemNeighbours(ArrayFormat.readLongs(in), ArrayFormat.readFloats(in));
        }

        @Override
        public ItemNeighbours deserialize(ItemNeighbours reuse, DataInputView in) throws IOException {
            return deserialize(in);
        }

        @Override
        public void copy(DataInputView in, DataOutputView out) throws IOException {
            serialize(deserialize(in), out);
        }

        @Override
        public TypeSerializerSnapshot<ItemNeighbours> snapshotConfiguration() {
            return new Snapshot();
        }
    }

    /** The snapshot of {@link Serializer}: its format version. */
    public static final class Snapshot extends FormatSnapshot<ItemNeighbours> {
        public static final int VERSION = 1;

        public Snapshot() {
            super(VERSION, Serializer.INSTANCE);
        }
    }
}
