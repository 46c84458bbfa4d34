package io.recstream.model;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * A replica's items from the most popular down (by {@link ItemFactor#trendKey}, ties by numeric
 * id): the head of that order in a sorted array, the rest unordered.
 *
 * <p>Readers want the head (trending candidates, the popularity baseline), and a replica's own
 * updates move one item per interaction. A tree of the whole catalogue cost a re-keying per
 * update and 40 bytes per item; the head costs a binary search and a shift of at most
 * {@code 2 * depth} references per move, nothing per item outside it.
 *
 * <p>The invariant: every item outside the head ranks after every item in it. An item that moves
 * into the head's range is inserted (the head's last item leaves when it grows past
 * {@code 2 * depth}); one that falls behind the head's last item leaves it. When removals leave
 * fewer than {@code depth} items in the head while others are outside, the head is rebuilt from
 * every item (a sort) at the next read. A reader that goes past the head doubles the depth (a
 * sort too): the head grows to the deepest read (the popularity baseline skips the items a user
 * has seen, up to {@code recstream.user.max-seen} of them), and stays there.
 *
 * <p>The callers keep each item's key fixed while it is indexed: {@link #rekey} is the one way to
 * change it.
 */
final class PopularityIndex {
    static final Comparator<ItemFactor> MOST_POPULAR_FIRST = PopularityIndex::compare;

    /** Every indexed item (the replica's slots), for rebuilding the head. */
    private final List<ItemFactor> items;
    private int depth;
    private ItemFactor[] head;
    private int size;
    /** Indexed items not in the head. */
    private int outside;
    /** The head is too short to be trusted; rebuilt at the next read, not maintained until then. */
    private boolean stale;

    /** @param items every item that is indexed, as the caller adds and removes them */
    PopularityIndex(List<ItemFactor> items, int depth) {
        if (depth < 1) {
            throw new IllegalArgumentException("depth must be positive: " + depth);
        }
        this.items = items;
        this.depth = depth;
        this.head = new ItemFactor[2 * depth + 1];
    }

    /** Indexes {@code f} under its current key. */
    void add(ItemFactor f) {
        if (stale) {
            return;
        }
        int at = insertionPoint(f);
        if (at == size && outside > 0) {
            outside++;
            return;
        }
        System.arraycopy(head, at, head, at + 1, size - at);
        head[at] = f;
        size++;
        if (size > 2 * depth) {
            head[--size] = null;
            outside++;
        }
    }

    /** Drops {@code f}, indexed under its current key. */
    void remove(ItemFactor f) {
        if (stale) {
            return;
        }
        int at = insertionPoint(f) - 1;
        if (at < 0 || head[at] != f) {
            outside--;
            return;
        }
        System.arraycopy(head, at + 1, head, at, size - at - 1);
        head[--size] = null;
        if (size < depth && outside > 0) {
            stale = true;
        }
    }

    /** Gives {@code f} a new key and moves it to its place. */
    void rekey(ItemFactor f, double key) {
        if (key == f.trendKey) {
            return;
        }
        remove(f);
        f.trendKey = key;
        add(f);
    }

    /** The items from the most popular down: the head, then (only if the reader goes on) the rest, sorted then. */
    Iterator<ItemFactor> iterator() {
        fresh();
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < size + outside;
            }

            @Override
            public ItemFactor next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                if (next == size) {
                    deepen();
                }
                return head[next++];
            }
        };
    }

    /** The key of the most popular item, 0 when there is none. */
    double topKey() {
        fresh();
        return size == 0 ? 0.0 : head[0].trendKey;
    }

    private void fresh() {
        if (stale) {
            rebuild();
        }
    }

    /** A reader needs more than the head: twice the depth from now on. */
    private void deepen() {
        depth *= 2;
        head = new ItemFactor[2 * depth + 1];
        rebuild();
    }

    private void rebuild() {
        ItemFactor[] all = items.toArray(new ItemFactor[0]);
        Arrays.sort(all, MOST_POPULAR_FIRST);
        size = Math.min(all.length, 2 * depth);
        Arrays.fill(head, null);
        System.arraycopy(all, 0, head, 0, size);
        outside = all.length - size;
        stale = false;
    }

    private static int compare(ItemFactor a, ItemFactor b) {
        int byKey = Double.compare(-a.trendKey, -b.trendKey);
        return byKey != 0 ? byKey : Long.compare(a.id, b.id);
    }

    /** The first position in the head whose item ranks after {@code f}. */
    private int insertionPoint(ItemFactor f) {
        int low = 0;
        int high = size;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (compare(head[mid], f) <= 0) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }
}
