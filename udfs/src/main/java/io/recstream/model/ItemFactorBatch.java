package io.recstream.model;

/**
 * Published items gathered for one record of the replica feed (see {@code ItemFactorBatcher}).
 * A Flink POJO.
 */
public class ItemFactorBatch {
    public ItemFactor[] items = new ItemFactor[0];
    /** When the oldest of the items was published to item-factors (ms since the epoch; its Kafka timestamp). */
    public long oldestPublishedAt;

    public ItemFactorBatch() {}

    public ItemFactorBatch(ItemFactor[] items, long oldestPublishedAt) {
        this.items = items;
        this.oldestPublishedAt = oldestPublishedAt;
    }
}
