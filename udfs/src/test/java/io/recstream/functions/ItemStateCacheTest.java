package io.recstream.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.recstream.model.ItemFactor;
import io.recstream.model.ItemNeighbours;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

class ItemStateCacheTest {
    /** What went back to the backend, in order. */
    private final List<String> written = new ArrayList<>();
    private final ItemStateCache cache = new ItemStateCache(4, (id, f, factorChanged, n, neighboursChanged) ->
            written.add(id + ":" + (factorChanged ? "v" + f.version : "-") + "/" + (neighboursChanged ? (n == null ? "none" : "n" + n.ids.length) : "-")));

    private static ItemFactor item(long id, long version) {
        ItemFactor f = new ItemFactor(id, "i" + id, new float[] {1f});
        f.version = version;
        return f;
    }

    private static ItemNeighbours neighbours(int count) {
        return new ItemNeighbours(new long[count], new float[count]);
    }

    @Test
    void anItemsFactorAndNeighboursComeBackUntilAnotherItemTakesItsSlot() throws Exception {
        ItemFactor a = item(1, 1);
        ItemNeighbours n = neighbours(1);
        cache.putFactor(a, false);
        assertThat(cache.knowsNeighbours(1)).isFalse(); // a factor step does not read them
        cache.putNeighbours(1, n, false);
        assertThat(cache.factor(1)).isSameAs(a);
        assertThat(cache.knowsNeighbours(1)).isTrue();
        assertThat(cache.neighbours(1)).isSameAs(n);

        cache.putFactor(item(2, 1), false); // another slot
        assertThat(cache.factor(1)).isSameAs(a);

        cache.putFactor(item(5, 1), false); // 5 takes 1's slot, without 1's neighbours
        assertThat(cache.factor(1)).isNull();
        assertThat(cache.knowsNeighbours(1)).isFalse();
        assertThat(cache.knowsNeighbours(5)).isFalse();
        cache.putNeighbours(1, n, true); // not 1's slot any more: ignored
        assertThat(cache.knowsNeighbours(5)).isFalse();
        cache.flush();
        assertThat(written).isEmpty(); // nothing changed: nothing to write
    }

    @Test
    void changesGoBackWhenTheirItemLeavesItsSlotAndAtAFlushOnlyWhatChanged() throws Exception {
        cache.putFactor(item(1, 1), true);
        cache.putNeighbours(1, neighbours(2), true);
        cache.putFactor(item(2, 1), false);
        cache.putNeighbours(2, neighbours(3), true);
        cache.putFactor(item(3, 1), true);
        cache.putNeighbours(3, null, false);
        cache.putFactor(item(3, 2), true); // changed again: written once, as it is last

        cache.putFactor(item(5, 1), false); // takes 1's slot: 1's changes go back first
        assertThat(written).containsExactly("1:v1/n2");

        cache.flush();
        assertThat(written).containsExactly("1:v1/n2", "2:-/n3", "3:v2/-");
        assertThat(cache.factor(3).version).isEqualTo(2); // still cached, clean
        cache.flush();
        assertThat(written).hasSize(3);
    }

    @Test
    void knownToHaveNoNeighboursIsNotUnknownAndAFactorUpdateKeepsThem() throws Exception {
        cache.putFactor(item(3, 1), false);
        cache.putNeighbours(3, null, false);
        assertThat(cache.knowsNeighbours(3)).isTrue();
        assertThat(cache.neighbours(3)).isNull();

        ItemNeighbours n = neighbours(1);
        cache.putNeighbours(3, n, true);
        ItemFactor newer = item(3, 2);
        cache.putFactor(newer, true);
        assertThat(cache.factor(3)).isSameAs(newer);
        assertThat(cache.neighbours(3)).isSameAs(n);
    }

    @Test
    void aRemovedItemIsGoneWithItsChangesAndOthersStay() throws Exception {
        cache.putFactor(item(1, 1), true);
        cache.putFactor(item(2, 1), false);
        cache.remove(1);
        cache.remove(6); // holds no slot: changes nothing
        assertThat(cache.factor(1)).isNull();
        assertThat(cache.knowsNeighbours(1)).isFalse();
        assertThat(cache.factor(2)).isNotNull();
        cache.flush();
        assertThat(written).isEmpty(); // its state is being cleared: nothing to write back
    }

    @Test
    void negativeIdsFindTheirSlotsToo() throws Exception {
        ItemFactor a = item(-7, 1);
        cache.putFactor(a, false);
        assertThat(cache.factor(-7)).isSameAs(a);
        assertThat(cache.factor(1)).isNull();
    }
}
