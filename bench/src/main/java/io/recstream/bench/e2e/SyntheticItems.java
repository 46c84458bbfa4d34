package io.recstream.bench.e2e;

import io.recstream.event.NumericId;
import io.recstream.model.ItemFactor;

import java.util.SplittableRandom;

/**
 * A large catalogue for the replica: {@code items} published item factors ("item-0000001" ...),
 * each with a random vector and {@code neighbours} co-occurring items, as the item-learner would
 * publish them. Made one at a time, so the harness holds none of them itself.
 */
final class SyntheticItems {
    private final int dim;
    private final int neighbours;
    private final int items;
    private final SplittableRandom random;

    SyntheticItems(int items, int dim, int neighbours, long seed) {
        this.items = items;
        this.dim = dim;
        this.neighbours = neighbours;
        this.random = new SplittableRandom(seed);
    }

    ItemFactor item(int n, long now) {
        float[] vector = new float[dim];
        for (int i = 0; i < dim; i++) {
            vector[i] = (float) (random.nextGaussian() * 0.1);
        }
        String name = name(n);
        ItemFactor item = new ItemFactor(NumericId.of(name), name, vector);
        item.version = 1;
        item.popularity = 1.0 + random.nextInt(100);
        item.popularityTs = now;
        item.touchedTs = now; // untouched since 1970, a replica would take it for expired long ago
        item.neighbours = new long[neighbours];
        item.neighbourWeights = new float[neighbours];
        for (int k = 0; k < neighbours; k++) {
            item.neighbours[k] = NumericId.of(name(random.nextInt(items)));
            item.neighbourWeights[k] = 1f;
        }
        return item;
    }

    private static String name(int n) {
        return String.format("item-%07d", n);
    }
}
