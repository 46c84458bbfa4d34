package io.recstream.model;

import io.recstream.event.NumericId;

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

    public static ItemFactor item(String name, float[] vector) {
        return new ItemFactor(id(name), name, vector);
    }

    public static ItemFactor tombstone(String name) {
        return ItemFactor.tombstone(id(name), name);
    }

    public static ItemFactor create(ItemModel model, String name) {
        return model.create(id(name), name);
    }

    public static ItemUpdate interaction(String item, long ts, float[] userVector, float weight,
                                         String[] coItems, float[] coWeights) {
        return ItemUpdate.interaction(id(item), item, ts, userVector, weight, ids(coItems), coWeights);
    }

    public static ItemUpdate negative(String item, long ts, float[] userVector, float weight) {
        return ItemUpdate.negative(id(item), ts, userVector, weight);
    }

    public static ItemUpdate cooccurrence(String item, long ts, String coItem, float coWeight) {
        return ItemUpdate.cooccurrence(id(item), null, ts, id(coItem), coWeight);
    }
}
