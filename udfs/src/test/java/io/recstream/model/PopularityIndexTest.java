package io.recstream.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;

class PopularityIndexTest {
    private final List<ItemFactor> items = new ArrayList<>();

    @Test
    void followsASortedSetOfTheWholeCatalogueThroughRandomChanges() {
        // depth 3: the head holds 3-6 items of up to 40, so every path runs: moves inside the
        // head, items entering and leaving it, rebuilds after removals, reads past the head
        PopularityIndex index = new PopularityIndex(items, 3);
        TreeSet<ItemFactor> reference = new TreeSet<>(PopularityIndex.MOST_POPULAR_FIRST);
        SplittableRandom random = new SplittableRandom(7);
        long nextId = 0;
        for (int step = 0; step < 5_000; step++) {
            int op = random.nextInt(10);
            if (items.isEmpty() || op < 2 && items.size() < 40) {
                ItemFactor f = new ItemFactor(nextId++, null, new float[0]);
                f.trendKey = random.nextInt(4) == 0 ? Double.NEGATIVE_INFINITY : random.nextInt(50);
                items.add(f);
                index.add(f);
                reference.add(f);
            } else if (op < 3) {
                ItemFactor f = items.remove(random.nextInt(items.size()));
                index.remove(f);
                reference.remove(f);
            } else {
                ItemFactor f = items.get(random.nextInt(items.size()));
                reference.remove(f);
                // mostly up, as an interaction moves an item; sometimes down, as an older published copy does
                index.rekey(f, f.trendKey + random.nextInt(-3, 10));
                reference.add(f);
            }
            int readDepth = random.nextInt(10);
            assertThat(first(index.iterator(), readDepth)).as("step %d", step)
                    .containsExactlyElementsOf(first(reference.iterator(), readDepth));
            assertThat(index.topKey()).isEqualTo(reference.isEmpty() ? 0.0 : reference.first().trendKey);
        }
        assertThat(first(index.iterator(), Integer.MAX_VALUE)).containsExactlyElementsOf(reference);
    }

    @Test
    void anItemPastTheHeadIsFoundWhenTheReaderGoesOn() {
        PopularityIndex index = new PopularityIndex(items, 1);
        for (int n = 0; n < 5; n++) {
            ItemFactor f = new ItemFactor(n, null, new float[0]);
            f.trendKey = n;
            items.add(f);
            index.add(f);
        }
        assertThat(first(index.iterator(), 10)).extracting(f -> f.id).containsExactly(4L, 3L, 2L, 1L, 0L);
        assertThat(index.topKey()).isEqualTo(4.0);
    }

    @Test
    void anEmptyIndexHasNoItemsAndKeyZero() {
        PopularityIndex index = new PopularityIndex(items, 2);
        assertThat(index.iterator().hasNext()).isFalse();
        assertThat(index.topKey()).isZero();
        assertThatThrownBy(() -> new PopularityIndex(items, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static List<ItemFactor> first(Iterator<ItemFactor> it, int n) {
        List<ItemFactor> out = new ArrayList<>();
        while (it.hasNext() && out.size() < n) {
            out.add(it.next());
        }
        return out;
    }
}
