package io.recstream.model;

import io.recstream.event.NumericId;
import io.recstream.recommend.SeenItems;

/** Tests speak of items by name; the job by numeric id. These build the job's records from names. */
public final class TestItems {
    private TestItems() {}

    public static long id(String name) {
        return NumericId.of(name);
    }

    public static long[] ids(String... names) {
        long[] ids = new long[names.length];
        for (int n = 0; n < names.length; n++) {
            ids[n] = id(names[n]);
        }
        return ids;
    }

    /** The seen items of a profile that saw {@code names}, oldest first, as it stores them. */
    public static int[] seen(String... names) {
        int[] seen = new int[names.length];
        for (int n = 0; n < names.length; n++) {
            seen[n] = SeenItems.fingerprint(id(names[n]));
        }
        return seen;
    }

    public static ItemFactor item(String name, float[] vector) {
        return new ItemFactor(id(name), name, vector);
    }

    public static ItemFactor tombstone(String name) {
        return ItemFactor.tombstone(id(name), name);
    }

    public static ItemFactor create(ItemModel model, String name) {
        return model.create(id(name), name);
    }

    /** An interaction with {@code item} of weight {@code weight} that moved its vector by {@code factorDelta}. */
    public static ItemUpdate interaction(String item, long ts, float[] factorDelta, float weight,
                                         String[] coItems, float[] coWeights) {
        ItemUpdate u = ItemUpdate.interaction(id(item), item, ts, weight, ids(coItems), coWeights);
        u.factorDelta = factorDelta;
        return u;
    }

    /** A sampled negative's step, which moved the item's vector by {@code factorDelta}. */
    public static ItemUpdate negative(String item, long ts, float[] factorDelta) {
        ItemUpdate u = ItemUpdate.factorStep(id(item), null, ts);
        u.factorDelta = factorDelta;
        return u;
    }

    public static ItemUpdate cooccurrence(String item, long ts, String coItem, float coWeight) {
        return ItemUpdate.cooccurrence(id(item), null, ts, id(coItem), coWeight);
    }
}
