package io.recstream.bench.e2e;

import io.recstream.learn.LearningConfig;
import io.recstream.model.ItemModel;
import io.recstream.model.ItemReplica;

import java.lang.management.ManagementFactory;

/**
 * The replica's heap alone, without Flink: {@code items} catalogue items ({@link SyntheticItems},
 * as a {@code catalogue} run feeds them) taken into one {@link ItemReplica} as published items,
 * and the heap after a full GC before and after, per item. A {@code catalogue} run measures the
 * whole job's heap (and any checkpoint in flight); this isolates the replica's layout.
 *
 * <p>{@code java -Xmx4g -cp bench/target/benchmarks.jar io.recstream.bench.e2e.ReplicaHeap [items] [neighbours]}
 * (defaults: 1,000,000 items, 100 neighbours, the default neighbour list).
 */
public final class ReplicaHeap {
    private ReplicaHeap() {}

    public static void main(String[] args) {
        int items = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int neighbours = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        LearningConfig config = LearningConfig.builder().neighboursPerItem(neighbours).build();
        long now = System.currentTimeMillis();
        SyntheticItems catalogue = new SyntheticItems(items, config.dim, neighbours, 7L);
        long before = heapAfterGc();
        ItemReplica replica = new ItemReplica(new ItemModel(config));
        for (int n = 0; n < items; n++) {
            replica.applyPublished(catalogue.item(n, now), now);
        }
        long after = heapAfterGc();
        System.out.printf("items %,d  neighbours %d  dim %d  replica heap %,.0f B per item (%,d B)%n",
                replica.size(), neighbours, config.dim, (double) (after - before) / replica.size(), after - before);
    }

    private static long heapAfterGc() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
