package io.recstream.model;

import io.recstream.state.FormatSnapshot;

import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;

/**
 * The state format of a replica's checkpoint ({@link ReplicaChunk}), version 1: the number of
 * items, the number of intent names, the length of the encoded bytes, then the bytes, read back
 * with one {@code readFully}. The layout of the bytes is part of this format: a change to it
 * raises {@link Snapshot#VERSION}.
 */
public final class ReplicaChunkSerializer extends TypeSerializerSingleton<ReplicaChunk> {
    private static final long serialVersionUID = 1L;

    public static final ReplicaChunkSerializer INSTANCE = new ReplicaChunkSerializer();

    @Override
    public boolean isImmutableType() {
        return true;
    }

    @Override
    public ReplicaChunk createInstance() {
        return new ReplicaChunk(0, 0, new byte[0]);
    }

    @Override
    public ReplicaChunk copy(ReplicaChunk from) {
        return from;
    }

    @Override
    public ReplicaChunk copy(ReplicaChunk from, ReplicaChunk reuse) {
        return from;
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(ReplicaChunk chunk, DataOutputView out) throws IOException {
        out.writeInt(chunk.items());
        out.writeInt(chunk.names());
        byte[] bytes = chunk.bytes(); // a chunk being checkpointed is encoded here, once
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    @Override
    public ReplicaChunk deserialize(DataInputView in) throws IOException {
        int items = in.readInt();
        int names = in.readInt();
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        return new ReplicaChunk(items, names, bytes);
    }

    @Override
    public ReplicaChunk deserialize(ReplicaChunk reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        serialize(deserialize(in), out);
    }

    @Override
    public TypeSerializerSnapshot<ReplicaChunk> snapshotConfiguration() {
        return new Snapshot();
    }

    /** The snapshot of this serializer: its format version. */
    public static final class Snapshot extends FormatSnapshot<ReplicaChunk> {
        /** The format version this build writes; raise it with every format change. */
        public static final int VERSION = 1;

        public Snapshot() {
            super(VERSION, INSTANCE);
        }
    }
}
