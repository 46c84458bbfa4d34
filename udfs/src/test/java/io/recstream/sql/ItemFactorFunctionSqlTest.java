package io.recstream.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.recstream.model.ItemFactor;
import io.recstream.model.ItemFactorCodec;

import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** ITEM_FACTOR registered with CREATE FUNCTION, as deploy/sql/tables.sql does, over values the job writes. */
class ItemFactorFunctionSqlTest {

    @Test
    void decodesAnItemValueAndGivesNullForATombstoneOrAnotherFormat() throws Exception {
        ItemFactor f = new ItemFactor(42L, "x", new float[] {0.5f, -1f});
        f.version = 7;
        f.bias = 0.25f;
        f.popularity = 3.5;
        f.popularityTs = 1000L;
        f.neighbours = new long[] {43L, 44L};
        f.neighbourWeights = new float[] {2f, 1f};
        f.touchedTs = 900L;
        String hex = HexFormat.of().formatHex(ItemFactorCodec.encode(f));

        TableEnvironment sql = TableEnvironment.create(EnvironmentSettings.inBatchMode());
        sql.getConfig().set("parallelism.default", "1");
        sql.executeSql("CREATE TEMPORARY FUNCTION ITEM_FACTOR AS 'io.recstream.sql.ItemFactorFunction'");
        List<Row> rows = new ArrayList<>();
        try (CloseableIterator<Row> it = sql.executeSql("SELECT k, ITEM_FACTOR(v).id, ITEM_FACTOR(v).version, ITEM_FACTOR(v).vector, "
                + "ITEM_FACTOR(v).bias, ITEM_FACTOR(v).popularity, ITEM_FACTOR(v).neighbours, ITEM_FACTOR(v).neighbourWeights "
                + "FROM (VALUES ('item', x'" + hex + "'), ('tombstone', CAST(NULL AS BYTES)), ('json', x'7b7d')) AS t(k, v) "
                + "ORDER BY k").collect()) {
            it.forEachRemaining(rows::add);
        }

        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).getField(0)).isEqualTo("item");
        assertThat(rows.get(0).getField(1)).isEqualTo(42L);
        assertThat(rows.get(0).getField(2)).isEqualTo(7L);
        assertThat((Float[]) rows.get(0).getField(3)).containsExactly(0.5f, -1f);
        assertThat(rows.get(0).getField(4)).isEqualTo(0.25f);
        assertThat(rows.get(0).getField(5)).isEqualTo(3.5);
        assertThat((Long[]) rows.get(0).getField(6)).containsExactly(43L, 44L);
        assertThat((Float[]) rows.get(0).getField(7)).containsExactly(2f, 1f);
        for (Row nothing : rows.subList(1, 3)) {
            assertThat(nothing.getField(1)).as(nothing.toString()).isNull();
            assertThat(nothing.getField(3)).as(nothing.toString()).isNull();
        }
    }
}
