package io.recstream.model;

import com.carrotsearch.hppc.LongObjectHashMap;

import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntToLongFunction;

/**
 * Part of a replica's checkpoint: up to about {@link #TARGET_BYTES} of items, already encoded, so
 * that the state backend writes and reads each chunk as one block of bytes instead of item by
 * item from the checkpoint stream. The encoding is {@link ReplicaChunkSerializer}'s format
 * (version 1): {@link #items()} items, each its id, name (a presence byte, then UTF), version,
 * vector, bias, popularity and its time, neighbour ids (the replica's slots translated back) and
 * weights (the replica's 16-bit weights as floats), time last touched; then
 * {@link #names()} names of search-intent pseudo-items the replica does not hold yet (id, UTF).
 * Encoded at the checkpoint, a chunk never changes, so the backend need not copy it.
 */
public final class ReplicaChunk {
    /** About 1 MiB: few chunks per replica share, none large enough to strain the heap. */
    static final int TARGET_BYTES = 1 << 20;

    private final int items;
    private final int names;
    private final byte[] bytes;

    ReplicaChunk(int items, int names, byte[] bytes) {
        this.items = items;
        this.names = names;
        this.bytes = bytes;
    }

    public int items() {
        return items;
    }

    public int names() {
        return names;
    }

    byte[] bytes() {
        return bytes;
    }

    /** Decodes the chunk: its items, in the order written, to {@code sink}; its names into {@code intentNames}. */
    void read(Consumer<ItemFactor> sink, LongObjectHashMap<String> intentNames) {
        DataInputDeserializer in = new DataInputDeserializer(bytes);
        try {
            for (int n = 0; n < items; n++) {
                ItemFactor f = new ItemFactor();
                f.id = in.readLong();
                f.item = in.readBoolean() ? in.readUTF() : null;
                f.version = in.readLong();
                f.vector = readFloats(in);
                f.bias = in.readFloat();
                f.popularity = in.readDouble();
                f.popularityTs = in.readLong();
                int neighbours = in.readInt();
                f.neighbours = new long[neighbours];
                f.neighbourWeights = new float[neighbours];
                for (int k = 0; k < neighbours; k++) {
                    f.neighbours[k] = in.readLong();
                }
                for (int k = 0; k < neighbours; k++) {
                    f.neighbourWeights[k] = in.readFloat();
                }
                f.touchedTs = in.readLong();
                sink.accept(f);
            }
            for (int n = 0; n < names; n++) {
                intentNames.put(in.readLong(), in.readUTF());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("a replica chunk ends before its " + items + " items and " + names + " names", e);
        }
    }

    private static float[] readFloats(DataInputDeserializer in) throws IOException {
        float[] values = new float[in.readInt()];
        for (int k = 0; k < values.length; k++) {
            values[k] = in.readFloat();
        }
        return values;
    }

    /** Encodes items, then intent names, into chunks of about {@link #TARGET_BYTES}. */
    static final class Writer {
        private final DataOutputSerializer out = new DataOutputSerializer(TARGET_BYTES + (TARGET_BYTES >> 3));
        private final List<ReplicaChunk> chunks = new ArrayList<>();
        private int items;
        private int names;

        /** Writes {@code f}, a replica's copy, whose neighbour slots {@code idOfSlot} turns back into ids. */
        void item(ItemFactor f, IntToLongFunction idOfSlot) {
            if (names > 0) {
                cut(); // a chunk holds its items before its names
            }
            try {
                out.writeLong(f.id);
                out.writeBoolean(f.item != null);
                if (f.item != null) {
                    out.writeUTF(f.item);
                }
                out.writeLong(f.version);
                out.writeInt(f.vector.length);
                for (float v : f.vector) {
                    out.writeFloat(v);
                }
                out.writeFloat(f.bias);
                out.writeDouble(f.popularity);
                out.writeLong(f.popularityTs);
                byte[] list = f.replicaNeighbours;
                int count = ReplicaNeighbours.count(list);
                out.writeInt(count);
                for (int n = 0; n < count; n++) {
                    out.writeLong(idOfSlot.applyAsLong(ReplicaNeighbours.slot(list, n)));
                }
                for (int n = 0; n < count; n++) {
                    out.writeFloat(ReplicaNeighbours.weight(list, count, n));
                }
                out.writeLong(f.touchedTs);
            } catch (IOException e) {
                throw new UncheckedIOException(e); // DataOutputSerializer grows in memory; it does not fail
            }
            items++;
            cutWhenFull();
        }

        void name(long id, String name) {
            try {
                out.writeLong(id);
                out.writeUTF(name);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            names++;
            cutWhenFull();
        }

        List<ReplicaChunk> finish() {
            cut();
            return chunks;
        }

        private void cutWhenFull() {
            if (out.length() >= TARGET_BYTES) {
                cut();
            }
        }

        private void cut() {
            if (items + names > 0) {
                chunks.add(new ReplicaChunk(items, names, out.getCopyOfBuffer()));
                out.clear();
                items = 0;
                names = 0;
            }
        }
    }
}
