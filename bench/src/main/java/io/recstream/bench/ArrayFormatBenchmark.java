package io.recstream.bench;

import io.recstream.model.ItemNeighbours;

import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataInputViewStreamWrapper;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Random;

/**
 * The item-learner's neighbour state round trip alone, on one thread, in CPU time: a list of 100
 * neighbours (100 ids, 100 weights) written and read back through Flink's byte views, as the
 * RocksDB backend does on every co-occurrence update, by {@link ItemNeighbours.Serializer}
 * ({@code ArrayFormat}: each array as one block of bytes) and, for comparison, element by element
 * through the view, as {@code ArrayFormat} did before (same bytes). Before timing, both read a
 * second class of view too, as a task does (state and network records), so the per-element calls
 * are not inlined for one class alone.
 * <pre>
 * java -cp bench/target/benchmarks.jar io.recstream.bench.ArrayFormatBenchmark
 * </pre>
 */
public final class ArrayFormatBenchmark {
    private static final int LISTS = 2_000_000;

    private ArrayFormatBenchmark() {}

    public static void main(String[] args) throws IOException {
        Random random = new Random(1);
        long[] ids = new long[100];
        float[] weights = new float[100];
        for (int n = 0; n < ids.length; n++) {
            ids[n] = random.nextLong();
            weights[n] = random.nextFloat();
        }
        ItemNeighbours list = new ItemNeighbours(ids, weights);
        DataOutputSerializer out = new DataOutputSerializer(2048);
        DataInputDeserializer in = new DataInputDeserializer();
        ItemNeighbours.Serializer serializer = ItemNeighbours.Serializer.INSTANCE;
        out.clear();
        serializer.serialize(list, out);
        byte[] bytes = out.getCopyOfBuffer();
        // the other view class a task reads through
        for (int n = 0; n < 20_000; n++) {
            serializer.deserialize(new DataInputViewStreamWrapper(new ByteArrayInputStream(bytes)));
            PerElement.read(new DataInputViewStreamWrapper(new ByteArrayInputStream(bytes)));
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long sink = 0;
        for (int round = 0; round < 5; round++) {
            String warmUp = round < 2 ? " (warm-up)" : "";
            long before = threads.getCurrentThreadCpuTime();
            for (int n = 0; n < LISTS; n++) {
                out.clear();
                serializer.serialize(list, out);
                in.setBuffer(out.getSharedBuffer(), 0, out.length());
                sink += serializer.deserialize(in).ids[n % 100];
            }
            long nanos = threads.getCurrentThreadCpuTime() - before;
            System.out.printf("round %d%s: ArrayFormat  %.1f ns of CPU per list written and read%n", round, warmUp, (double) nanos / LISTS);

            before = threads.getCurrentThreadCpuTime();
            for (int n = 0; n < LISTS; n++) {
                out.clear();
                PerElement.write(list, out);
                in.setBuffer(out.getSharedBuffer(), 0, out.length());
                sink += PerElement.read(in).ids[n % 100];
            }
            nanos = threads.getCurrentThreadCpuTime() - before;
            System.out.printf("round %d%s: per element  %.1f ns of CPU per list written and read%n", round, warmUp, (double) nanos / LISTS);
        }
        System.out.println("(" + sink + ")");
    }

    /** The format written and read one element per call, as before. */
    private static final class PerElement {
        static void write(ItemNeighbours list, DataOutputView out) throws IOException {
            out.writeInt(list.ids.length);
            for (long id : list.ids) {
                out.writeLong(id);
            }
            out.writeInt(list.weights.length);
            for (float w : list.weights) {
                out.writeFloat(w);
            }
        }

        static ItemNeighbours read(DataInputView in) throws IOException {
            long[] ids = new long[in.readInt()];
            for (int n = 0; n < ids.length; n++) {
                ids[n] = in.readLong();
            }
            float[] weights = new float[in.readInt()];
            for (int n = 0; n < weights.length; n++) {
                weights[n] = in.readFloat();
            }
            return new ItemNeighbours(ids, weights);
        }
    }
}
