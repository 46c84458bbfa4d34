package io.recstream.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.recstream.model.ItemFactor;
import io.recstream.model.ItemNeighbours;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

class ItemStateCacheTest {
    /** What went back to the backend. */
    private final List<String> written = new ArrayList<>();
    private final ItemStateCache cache = new ItemStateCache(3, (id, f, factorChanged, n, neighboursChanged) ->
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
    void anItemsFactorAndNeighboursComeBackWhateverOtherItemsAreCached() throws Exception {
        ItemFactor a = item(1, 1);
        ItemNeighbours n = neighbours(1);
        cache.putFactor(a, false);
        assertThat(cache.knowsNeighbours(1)).isFalse(); // a factor step does not read them
        cache.putNeighbours(1, n, false);
        cache.putFactor(item(1L << 13 | 1, 1), false); // the same low bits: no matter
        cache.putFactor(item(-7, 1), false);
        assertThat(cache.factor(1)).isSameAs(a);
        assertThat(cache.knowsNeighbours(1)).isTrue();
        assertThat(cache.neighbours(1)).isSameAs(n);
        assertThat(cache.factor(-7)).isNotNull();
        cache.putNeighbours(2, n, true); // not cached: ignored
        assertThat(cache.knowsNeighbours(2)).isFalse();
        cache.flush();
        assertThat(written).isEmpty(); // nothing changed: nothing to write
    }

    @Test
    void changesGoBackAtAFlushOnlyWhatChangedAndAllWhenANewItemFindsTheCacheFull() throws Exception {
        cache.putFactor(item(1, 1), true);
        cache.putNeighbours(1, neighbours(2), true);
        cache.putFactor(item(2, 1), false);
        cache.putNeighbours(2, neighbours(3), true);
        cache.putFactor(item(3, 1), true);
        cache.putNeighbours(3, null, false);
        cache.putFactor(item(3, 2), true); // changed again: written once, as it is last

        cache.flush();
        assertThat(written).containsExactlyInAnyOrder("1:v1/n2", "2:-/n3", "3:v2/-");
        assertThat(cache.factor(3).version).isEqualTo(2); // still cached, clean
        cache.flush();
        assertThat(written).hasSize(3);

        cache.putFactor(item(2, 2), true);
        cache.putFactor(item(4, 1), true); // full: 2's change goes back, and the cache starts again with 4
        assertThat(written).hasSize(4).endsWith("2:v2/-");
        assertThat(cache.size()).isEqualTo(1);
        assertThat(cache.factor(1)).isNull();
        assertThat(cache.factor(4).version).isEqualTo(1);
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
        cache.remove(6); // not cached: changes nothing
        assertThat(cache.factor(1)).isNull();
        assertThat(cache.knowsNeighbours(1)).isFalse();
        assertThat(cache.factor(2)).isNotNull();
        cache.flush();
        assertThat(written).isEmpty(); // its state is being cleared: nothing to write back
    }
}
