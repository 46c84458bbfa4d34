package io.recstream.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.recstream.model.ItemFactor;
import io.recstream.model.ItemNeighbours;

import org.junit.jupiter.api.Test;

class ItemStateCacheTest {
    private final ItemStateCache cache = new ItemStateCache(4);

    private static ItemFactor item(long id) {
        return new ItemFactor(id, "i" + id, new float[] {1f});
    }

    @Test
    void anItemsFactorAndNeighboursComeBackUntilAnotherItemTakesItsSlot() {
        ItemFactor a = item(1);
        ItemNeighbours n = new ItemNeighbours(new long[] {2}, new float[] {1f});
        cache.putFactor(a);
        assertThat(cache.knowsNeighbours(1)).isFalse(); // a factor step does not read them
        cache.putNeighbours(1, n);
        assertThat(cache.factor(1)).isSameAs(a);
        assertThat(cache.knowsNeighbours(1)).isTrue();
        assertThat(cache.neighbours(1)).isSameAs(n);

        cache.putFactor(item(2)); // another slot
        assertThat(cache.factor(1)).isSameAs(a);

        cache.putFactor(item(5)); // 5 takes 1's slot, without 1's neighbours
        assertThat(cache.factor(1)).isNull();
        assertThat(cache.knowsNeighbours(1)).isFalse();
        assertThat(cache.knowsNeighbours(5)).isFalse();
        cache.putNeighbours(1, n); // not 1's slot any more: ignored
        assertThat(cache.knowsNeighbours(5)).isFalse();
    }

    @Test
    void knownToHaveNoNeighboursIsNotUnknownAndAFactorUpdateKeepsThem() {
        cache.putFactor(item(3));
        cache.putNeighbours(3, null);
        assertThat(cache.knowsNeighbours(3)).isTrue();
        assertThat(cache.neighbours(3)).isNull();

        ItemNeighbours n = new ItemNeighbours(new long[] {1}, new float[] {2f});
        cache.putNeighbours(3, n);
        ItemFactor newer = item(3);
        cache.putFactor(newer);
        assertThat(cache.factor(3)).isSameAs(newer);
        assertThat(cache.neighbours(3)).isSameAs(n);
    }

    @Test
    void aRemovedItemIsGoneAndOthersStay() {
        cache.putFactor(item(1));
        cache.putFactor(item(2));
        cache.remove(1);
        cache.remove(6); // holds no slot: changes nothing
        assertThat(cache.factor(1)).isNull();
        assertThat(cache.knowsNeighbours(1)).isFalse();
        assertThat(cache.factor(2)).isNotNull();
    }

    @Test
    void negativeIdsFindTheirSlotsToo() {
        ItemFactor a = item(-7);
        cache.putFactor(a);
        assertThat(cache.factor(-7)).isSameAs(a);
        assertThat(cache.factor(1)).isNull();
    }
}
