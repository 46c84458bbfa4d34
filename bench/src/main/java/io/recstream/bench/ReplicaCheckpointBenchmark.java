package io.recstream.bench;

import io.recstream.learn.LearningConfig;
import io.recstream.learn.StableHash;
import io.recstream.model.ItemFactor;
import io.recstream.model.ItemModel;
import io.recstream.model.ItemReplica;
import io.recstream.model.ReplicaChunk;
import io.recstream.model.ReplicaChunkSerializer;

import org.apache.flink.core.memory.DataOutputSerializer;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The replica's checkpoint on one thread, in CPU time: what the task thread does at the barrier
 * ({@link ItemReplica#checkpoint}: the share's snapshot) and what the state backend does after it
 * (each chunk through {@link ReplicaChunkSerializer}: the encoding, in the checkpoint's
 * asynchronous phase). Builds before the snapshot encoded at the barrier, so their barrier part
 * was both. A replica of {@code items} published items with {@code neighbours} neighbours each,
 * 32 factors, at parallelism 1 (the whole replica is the share).
 * <pre>
 * java -cp bench/target/benchmarks.jar io.recstream.bench.ReplicaCheckpointBenchmark [items] [neighbours]
 * </pre>
 * Defaults: 100,000 items, 100 neighbours (fewer than the items).
 */
public final class ReplicaCheckpointBenchmark {
    private ReplicaCheckpointBenchmark() {}

    public static void main(String[] args) throws IOException {
        int items = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int neighbours = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        LearningConfig config = LearningConfig.builder().dim(32).neighboursPerItem(neighbours).build();
        ItemReplica replica = replica(config, items, neighbours);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        DataOutputSerializer out = new DataOutputSerializer(2 << 20);
        for (int round = 0; round < 8; round++) {
            String warmUp = round < 3 ? " (warm-up)" : "";
            long before = threads.getCurrentThreadCpuTime();
            List<ReplicaChunk> chunks = replica.checkpoint(0, 1);
            long taken = threads.getCurrentThreadCpuTime() - before;
            before = threads.getCurrentThreadCpuTime();
            long bytes = 0;
            for (ReplicaChunk chunk : chunks) {
                out.clear();
                ReplicaChunkSerializer.INSTANCE.serialize(chunk, out);
                bytes += out.length();
            }
            long written = threads.getCurrentThreadCpuTime() - before;
            System.out.printf("round %d%s: %,d items, %d chunks, %,d bytes: at the barrier %.2f ms, written after it %.2f ms of CPU%n",
                    round, warmUp, items, chunks.size(), bytes, taken / 1e6, written / 1e6);
        }
    }

    private static ItemReplica replica(LearningConfig config, int items, int neighbours) {
        ItemReplica replica = new ItemReplica(new ItemModel(config));
        SplittableRandom random = new SplittableRandom(7);
        for (int n = 0; n < items; n++) {
            ItemFactor f = new ItemFactor();
            f.item = "item-" + n;
            f.id = StableHash.of(f.item);
            f.version = 1;
            f.vector = new float[config.dim];
            for (int k = 0; k < f.vector.length; k++) {
                f.vector[k] = (float) random.nextGaussian() * 0.1f;
            }
            f.neighbours = new long[neighbours];
            f.neighbourWeights = new float[neighbours];
            for (int k = 0; k < neighbours; k++) {
                f.neighbours[k] = StableHash.of("item-" + (n + 1 + k) % items); // distinct, not itself
                f.neighbourWeights[k] = 1f + random.nextInt(100);
            }
            replica.applyPublished(f);
        }
        return replica;
    }
}
