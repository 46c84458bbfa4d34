package io.recstream.model;

import io.recstream.learn.LearningConfig;

import com.carrotsearch.hppc.LongIntHashMap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * The sums of a window of {@link ItemUpdate}s, one per item, so that applying an item's sum does
 * what applying its updates did, in order: vector and bias changes and co-occurrence weights add
 * up, popularity increments are decayed to the later time and added, and the steps count. A sum's
 * time is that of its latest update that touches the item (see {@link ItemFactor#touchedTs}), or
 * of its latest update when none does. Near a full neighbour list, summed weights can evict a
 * different weakest neighbour than the updates one by one.
 *
 * <p>Built for the accumulator's per-event path: an update is copied in, never kept, so its
 * sender may reuse it; a co-occurring item is found by a scan of a few or a hash lookup among
 * many, and the co-item arrays double when full (a hot item meets thousands of co-items in a window); the per-item entries and
 * their arrays are kept for the next window. {@link #drain} makes each sum an {@link ItemUpdate}
 * with arrays of its exact length, the record sent on.
 */
public final class ItemUpdateSums {
    private final long popularityHalfLifeMs;
    /** Item id to the position of its sum in {@link #sums}. */
    private final LongIntHashMap positions = new LongIntHashMap();
    /** The window's sums in {@code [0, size)}, in the order their items first came; entries beyond are kept for reuse. */
    private final List<Sum> sums = new ArrayList<>();
    private int size;

    public ItemUpdateSums(LearningConfig config) {
        this.popularityHalfLifeMs = config.popularityHalfLifeMs;
    }

    /** Adds {@code update} to its item's sum; true when it is the window's first update of that item. */
    public boolean add(ItemUpdate update) {
        int slot = positions.indexOf(update.item);
        if (positions.indexExists(slot)) {
            sums.get(positions.indexGet(slot)).add(update, popularityHalfLifeMs);
            return false;
        }
        positions.indexInsert(slot, update.item, size);
        if (size == sums.size()) {
            sums.add(new Sum());
        }
        sums.get(size++).start(update);
        return true;
    }

    /** Items with a sum in this window. */
    public int size() {
        return size;
    }

    /** Hands every sum to {@code out} as an update, in the order the items first came, and empties the window. */
    public void drain(Consumer<ItemUpdate> out) {
        for (int n = 0; n < size; n++) {
            out.accept(sums.get(n).toUpdate());
        }
        size = 0;
        positions.clear();
    }

    /**
     * One item's sum: the fields of an {@link ItemUpdate}, with room to grow. Most sums have a few
     * dozen co-items at most, found faster by a scan of their contiguous ids than by a hash lookup
     * (in the job a map per item measured slower: its slots are rarely in the cache), and with no
     * map to clear for the next window; from {@value #SCAN_LIMIT} on they are found through
     * {@link #coPositions}.
     */
    private static final class Sum {
        private static final int SCAN_LIMIT = 64;
        /** Fibonacci hashing: the top 8 bits of the co-item id times this pick its bit in {@link #scanned}. */
        private static final long SPREAD = 0x9E3779B97F4A7C15L;

        private long item;
        private String name;
        private long ts;
        private int steps;
        private boolean moved;
        private float[] factorDelta = new float[0];
        private float biasDelta;
        private float popularityIncrement;
        /** Co-item id to its position in the arrays, once there are {@value #SCAN_LIMIT} or more. */
        private final LongIntHashMap coPositions = new LongIntHashMap();
        private long[] coItems = new long[SCAN_LIMIT];
        private float[] coWeights = new float[SCAN_LIMIT];
        private int coCount;
        /**
         * While the co-items are scanned, one bit of 256 per co-item held, by a hash of its id: a
         * co-item whose bit is clear is not held, with no scan. Most co-items added are new to
         * their sum (a session's next item), and a miss scanned every co-item.
         */
        private final long[] scanned = new long[4];

        void start(ItemUpdate u) {
            item = u.item;
            name = u.name;
            ts = u.ts;
            steps = u.steps;
            moved = u.factorDelta != null;
            if (moved) {
                if (factorDelta.length != u.factorDelta.length) {
                    factorDelta = new float[u.factorDelta.length];
                }
                System.arraycopy(u.factorDelta, 0, factorDelta, 0, factorDelta.length);
            }
            biasDelta = u.biasDelta;
            popularityIncrement = u.popularityIncrement;
            if (coCount >= SCAN_LIMIT) {
                coPositions.clear();
            }
            coCount = 0;
            Arrays.fill(scanned, 0L);
            addCooccurrences(u);
        }

        void add(ItemUpdate next, long halfLifeMs) {
            if (name == null) {
                name = next.name;
            }
            if (next.factorDelta != null) {
                if (!moved) {
                    moved = true;
                    if (factorDelta.length != next.factorDelta.length) {
                        factorDelta = new float[next.factorDelta.length];
                    }
                    System.arraycopy(next.factorDelta, 0, factorDelta, 0, factorDelta.length);
                } else {
                    for (int n = 0; n < factorDelta.length; n++) {
                        factorDelta[n] += next.factorDelta[n];
                    }
                }
            }
            biasDelta += next.biasDelta;
            // The sum's time is its latest touching update's: a replay packs hours of event time into
            // a few milliseconds, and a later sampled negative must not make the item look touched later.
            boolean sumTouches = popularityIncrement != 0f || coCount > 0;
            long nextTs = sumTouches == !next.isFactorOnly() ? Math.max(ts, next.ts) : sumTouches ? ts : next.ts;
            if (popularityIncrement > 0 || next.popularityIncrement > 0) {
                popularityIncrement = (float) (DecayedPopularity.decayed(popularityIncrement, nextTs - ts, halfLifeMs)
                        + DecayedPopularity.decayed(next.popularityIncrement, nextTs - next.ts, halfLifeMs));
            }
            addCooccurrences(next);
            ts = nextTs;
            steps += next.steps;
        }

        private void addCooccurrences(ItemUpdate u) {
            for (int n = 0; n < u.coItems.length; n++) {
                long coItem = u.coItems[n];
                int at = positionOf(coItem);
                if (at >= 0) {
                    coWeights[at] += u.coWeights[n];
                    continue;
                }
                if (coCount == coItems.length) {
                    coItems = Arrays.copyOf(coItems, 2 * coCount);
                    coWeights = Arrays.copyOf(coWeights, 2 * coCount);
                }
                coItems[coCount] = coItem;
                coWeights[coCount++] = u.coWeights[n];
                if (coCount < SCAN_LIMIT) {
                    int bit = bitOf(coItem);
                    scanned[bit >>> 6] |= 1L << bit;
                } else if (coCount > SCAN_LIMIT) {
                    coPositions.put(coItem, coCount - 1);
                } else if (coCount == SCAN_LIMIT) {
                    for (int c = 0; c < coCount; c++) {
                        coPositions.put(coItems[c], c);
                    }
                }
            }
        }

        /** Where {@code coItem} is in the co-item arrays, -1 if not there: a scan while they are short. */
        private int positionOf(long coItem) {
            if (coCount < SCAN_LIMIT) {
                int bit = bitOf(coItem);
                if ((scanned[bit >>> 6] & 1L << bit) == 0) {
                    return -1;
                }
                for (int c = 0; c < coCount; c++) {
                    if (coItems[c] == coItem) {
                        return c;
                    }
                }
                return -1;
            }
            return coPositions.getOrDefault(coItem, -1);
        }

        private static int bitOf(long coItem) {
            return (int) ((coItem * SPREAD) >>> 56);
        }

        ItemUpdate toUpdate() {
            ItemUpdate u = ItemUpdate.factorStep(item, name, ts);
            u.steps = steps;
            u.factorDelta = moved ? factorDelta.clone() : null;
            u.biasDelta = biasDelta;
            u.popularityIncrement = popularityIncrement;
            if (coCount > 0) {
                u.coItems = Arrays.copyOf(coItems, coCount);
                u.coWeights = Arrays.copyOf(coWeights, coCount);
            }
            return u;
        }
    }
}
