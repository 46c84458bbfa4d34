package io.recstream.model;

import com.carrotsearch.hppc.IntArrayList;
import com.carrotsearch.hppc.LongObjectHashMap;
import com.carrotsearch.hppc.cursors.LongObjectCursor;

import org.apache.flink.core.memory.DataOutputSerializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A replica's share as it was when a checkpoint was taken, to be encoded later, when the state
 * backend writes it (in the checkpoint's asynchronous phase, off the task thread).
 *
 * <p>Why: encoding the share at the barrier held every list for as long as it took, at every
 * checkpoint: 114 ms of CPU for 100,000 items with 100 neighbours, against 15 ms for this
 * snapshot ({@code ReplicaCheckpointBenchmark}, docs/BENCHMARKS.md). Taking the snapshot
 * only copies each item's fields that change in place (version, bias, popularity, times, name)
 * and keeps references to its vector and neighbour list, and the slots' ids; the replica copies
 * an item's arrays before it next changes them ({@link ItemReplica}, copy-on-write), so what this
 * snapshot refers to never changes once it is taken. Nothing here is written after it is taken,
 * and Flink hands it to the thread that writes it, so that thread sees it whole.
 *
 * <p>The chunks ({@link #chunks}) are cut where the encoded bytes first reach
 * {@link ReplicaChunk#TARGET_BYTES}, from each item's exact encoded size; the last one carries the
 * intent names.
 */
final class ReplicaSnapshot {
    private final long[] idBySlot;
    private final long[] nameIds;
    private final String[] names;
    private int size;
    private long[] ids;
    private String[] items;
    private long[] versions;
    private float[][] vectors;
    private float[] biases;
    private double[] popularity;
    private long[] popularityTs;
    private byte[][] neighbours;
    private long[] touchedTs;
    /** Where each chunk but the last ends: an item index. */
    private final IntArrayList cuts = new IntArrayList();
    /** The encoded size of each chunk but the last. */
    private final IntArrayList cutBytes = new IntArrayList();
    private int bytesSinceCut;

    /**
     * @param idBySlot the ids of the replica's slots now (a copy: slots are reused)
     * @param intentNames the names of intent pseudo-items not held yet (copied)
     * @param expectedItems how many items are likely to be added (the arrays grow past it)
     */
    ReplicaSnapshot(long[] idBySlot, LongObjectHashMap<String> intentNames, int expectedItems) {
        this.idBySlot = idBySlot;
        this.nameIds = new long[intentNames.size()];
        this.names = new String[intentNames.size()];
        int n = 0;
        for (LongObjectCursor<String> name : intentNames) {
            nameIds[n] = name.key;
            names[n++] = name.value;
        }
        int capacity = Math.max(16, expectedItems);
        ids = new long[capacity];
        items = new String[capacity];
        versions = new long[capacity];
        vectors = new float[capacity][];
        biases = new float[capacity];
        popularity = new double[capacity];
        popularityTs = new long[capacity];
        neighbours = new byte[capacity][];
        touchedTs = new long[capacity];
    }

    /** Takes {@code f} as it is now; its arrays must not change from now on (the replica copies them first). */
    void add(ItemFactor f) {
        if (size == ids.length) {
            grow();
        }
        ids[size] = f.id;
        items[size] = f.item;
        versions[size] = f.version;
        vectors[size] = f.vector;
        biases[size] = f.bias;
        popularity[size] = f.popularity;
        popularityTs[size] = f.popularityTs;
        neighbours[size] = f.replicaNeighbours;
        touchedTs[size] = f.touchedTs;
        size++;
        bytesSinceCut += encodedSize(f);
        if (bytesSinceCut >= ReplicaChunk.TARGET_BYTES) {
            cuts.add(size);
            cutBytes.add(bytesSinceCut);
            bytesSinceCut = 0;
        }
    }

    /** The chunks of this snapshot, none encoded yet; none when it holds neither items nor names. */
    List<ReplicaChunk> chunks() {
        List<ReplicaChunk> chunks = new ArrayList<>(cuts.size() + 1);
        int from = 0;
        for (int c = 0; c < cuts.size(); c++) {
            chunks.add(new ReplicaChunk(this, from, cuts.get(c), 0, cutBytes.get(c)));
            from = cuts.get(c);
        }
        if (from < size || names.length > 0) {
            int bytes = bytesSinceCut;
            for (String name : names) {
                bytes += 8 + 2 + utfLength(name);
            }
            chunks.add(new ReplicaChunk(this, from, size, names.length, bytes));
        }
        return chunks;
    }

    /**
     * Items {@code from} to {@code to} (exclusive), then the intent names when {@code withNames},
     * in {@link ReplicaChunk}'s encoding, {@code bytes} long.
     */
    byte[] encode(int from, int to, boolean withNames, int bytes) {
        DataOutputSerializer out = new DataOutputSerializer(bytes);
        try {
            for (int n = from; n < to; n++) {
                writeItem(n, out);
            }
            if (withNames) {
                for (int n = 0; n < names.length; n++) {
                    out.writeLong(nameIds[n]);
                    out.writeUTF(names[n]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // DataOutputSerializer grows in memory; it does not fail
        }
        byte[] encoded = out.getSharedBuffer();
        return out.length() == encoded.length ? encoded : out.getCopyOfBuffer(); // exactly as long unless a size is wrong
    }

    private void writeItem(int n, DataOutputSerializer out) throws IOException {
        out.writeLong(ids[n]);
        out.writeBoolean(items[n] != null);
        if (items[n] != null) {
            out.writeUTF(items[n]);
        }
        out.writeLong(versions[n]);
        float[] vector = vectors[n];
        out.writeInt(vector.length);
        for (float v : vector) {
            out.writeFloat(v);
        }
        out.writeFloat(biases[n]);
        out.writeDouble(popularity[n]);
        out.writeLong(popularityTs[n]);
        byte[] list = neighbours[n];
        int count = ReplicaNeighbours.count(list);
        out.writeInt(count);
        for (int k = 0; k < count; k++) {
            out.writeLong(idBySlot[ReplicaNeighbours.slot(list, k)]);
        }
        for (int k = 0; k < count; k++) {
            out.writeFloat(ReplicaNeighbours.weight(list, count, k));
        }
        out.writeLong(touchedTs[n]);
    }

    /** The bytes {@link #writeItem} writes for {@code f}. */
    private static int encodedSize(ItemFactor f) {
        int size = 8 + 1 + 8 + 4 + 4 * f.vector.length + 4 + 8 + 8 + 4 + 12 * ReplicaNeighbours.count(f.replicaNeighbours) + 8;
        return f.item == null ? size : size + 2 + utfLength(f.item);
    }

    /** The length of {@code s} in {@code writeUTF}'s modified UTF-8. */
    private static int utfLength(String s) {
        int length = 0;
        for (int n = 0; n < s.length(); n++) {
            char c = s.charAt(n);
            length += c >= 0x0001 && c <= 0x007F ? 1 : c <= 0x07FF ? 2 : 3;
        }
        return length;
    }

    private void grow() {
        int capacity = ids.length * 2;
        ids = Arrays.copyOf(ids, capacity);
        items = Arrays.copyOf(items, capacity);
        versions = Arrays.copyOf(versions, capacity);
        vectors = Arrays.copyOf(vectors, capacity);
        biases = Arrays.copyOf(biases, capacity);
        popularity = Arrays.copyOf(popularity, capacity);
        popularityTs = Arrays.copyOf(popularityTs, capacity);
        neighbours = Arrays.copyOf(neighbours, capacity);
        touchedTs = Arrays.copyOf(touchedTs, capacity);
    }
}
