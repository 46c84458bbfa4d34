package io.recstream.model;

import com.carrotsearch.hppc.LongObjectHashMap;

import org.apache.flink.core.memory.DataInputDeserializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Consumer;

/**
 * Part of a replica's checkpoint: up to about {@link #TARGET_BYTES} of items, which the state
 * backend writes and reads as one block of bytes instead of item by item from the checkpoint
 * stream. The encoding is {@link ReplicaChunkSerializer}'s format (version 1): {@link #items()}
 * items, each its id, name (a presence byte, then UTF), version, vector, bias, popularity and its
 * time, neighbour ids (the replica's slots translated back) and weights (the replica's 16-bit
 * weights as floats), time last touched; then {@link #names()} names of search-intent
 * pseudo-items the replica does not hold yet (id, UTF).
 *
 * <p>A chunk of a checkpoint being taken is a range of a {@link ReplicaSnapshot}, encoded when
 * the backend writes it ({@link #bytes()}, in the checkpoint's asynchronous phase); a chunk read
 * back holds its bytes. Either never changes, so the backend need not copy it.
 */
public final class ReplicaChunk {
    /** About 1 MiB: few chunks per replica share, none large enough to strain the heap. */
    static final int TARGET_BYTES = 1 << 20;

    private final int items;
    private final int names;
    /** The encoded chunk; null while it is a range of {@link #snapshot}. */
    private final byte[] bytes;
    private final ReplicaSnapshot snapshot;
    private final int from;
    private final int to;
    private final int encodedBytes;

    /** A chunk read back, or written by an earlier build. */
    ReplicaChunk(int items, int names, byte[] bytes) {
        this.items = items;
        this.names = names;
        this.bytes = bytes;
        this.snapshot = null;
        this.from = 0;
        this.to = 0;
        this.encodedBytes = bytes.length;
    }

    /** Items {@code from} to {@code to} (exclusive) of {@code snapshot}, then its {@code names} intent names (0 or all): {@code encodedBytes} bytes. */
    ReplicaChunk(ReplicaSnapshot snapshot, int from, int to, int names, int encodedBytes) {
        this.items = to - from;
        this.names = names;
        this.bytes = null;
        this.snapshot = snapshot;
        this.from = from;
        this.to = to;
        this.encodedBytes = encodedBytes;
    }

    public int items() {
        return items;
    }

    public int names() {
        return names;
    }

    /** The encoded chunk: encoded now when it is a range of a snapshot (each call encodes it again; the backend calls once). */
    byte[] bytes() {
        return bytes != null ? bytes : snapshot.encode(from, to, names > 0, encodedBytes);
    }

    /** Decodes the chunk: its items, in the order written, to {@code sink}; its names into {@code intentNames}. */
    void read(Consumer<ItemFactor> sink, LongObjectHashMap<String> intentNames) {
        DataInputDeserializer in = new DataInputDeserializer(bytes());
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
}
