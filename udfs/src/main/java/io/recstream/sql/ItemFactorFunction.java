package io.recstream.sql;

import io.recstream.model.ItemFactor;
import io.recstream.model.ItemFactorCodec;

import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.functions.ScalarFunction;
import org.apache.flink.types.Row;

/**
 * {@code ITEM_FACTOR(value)}: an {@code item-factors} record value ({@link ItemFactorCodec}) as a
 * row, so SQL can read the item model the job publishes in binary. NULL for NULL (a tombstone)
 * and for a value that is not an item in a format this build knows (the job counts those as
 * {@code recstream.item-factors-malformed}; a query over the topic should not stop on one).
 *
 * <pre>CREATE FUNCTION ITEM_FACTOR AS 'io.recstream.sql.ItemFactorFunction';</pre>
 *
 * deploy/sql/tables.sql uses it for the {@code item_factors} view.
 */
public class ItemFactorFunction extends ScalarFunction {
    public static final String ROW_TYPE = "ROW<id BIGINT, version BIGINT, vector ARRAY<FLOAT>, bias FLOAT, popularity DOUBLE, "
            + "popularityTs BIGINT, neighbours ARRAY<BIGINT>, neighbourWeights ARRAY<FLOAT>, touchedTs BIGINT>";

    public @DataTypeHint(ROW_TYPE) Row eval(byte[] value) {
        if (value == null) {
            return null;
        }
        ItemFactor f;
        try {
            f = ItemFactorCodec.decode(null, value);
        } catch (IllegalArgumentException e) {
            return null;
        }
        Float[] vector = new Float[f.vector.length];
        for (int n = 0; n < vector.length; n++) {
            vector[n] = f.vector[n];
        }
        Long[] neighbours = new Long[f.neighbours.length];
        Float[] weights = new Float[f.neighbours.length];
        for (int n = 0; n < neighbours.length; n++) {
            neighbours[n] = f.neighbours[n];
            weights[n] = f.neighbourWeights[n];
        }
        return Row.of(f.id, f.version, vector, f.bias, f.popularity, f.popularityTs, neighbours, weights, f.touchedTs);
    }
}
