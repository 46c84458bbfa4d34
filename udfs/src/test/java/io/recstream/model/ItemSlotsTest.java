package io.recstream.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

class ItemSlotsTest {
    @Test
    void idsKeepTheirSlotWhileNamedOrHeldAndLeaveTheTableWhenNeither() {
        ItemSlots slots = new ItemSlots();
        SplittableRandom random = new SplittableRandom(3);
        Map<Long, Integer> references = new HashMap<>();
        Map<Long, Integer> slotOf = new HashMap<>();
        Map<Long, ItemFactor> held = new HashMap<>();
        for (int step = 0; step < 200_000; step++) {
            // ids from a range that fills the table past several growths and keeps runs of collisions
            long id = random.nextInt(5_000) * 0x1_0000_0000L + random.nextInt(3);
            int op = random.nextInt(4);
            if (op == 0 || op == 1 && !references.containsKey(id)) {
                int slot = slots.slotFor(id);
                slots.retain(slot);
                references.merge(id, 1, Integer::sum);
                assertThat(slotOf.putIfAbsent(id, slot)).as("step %d", step).isIn(null, slot);
            } else if (op == 1) {
                slots.release(slotOf.get(id));
                if (references.merge(id, -1, Integer::sum) == 0) {
                    references.remove(id);
                    if (!held.containsKey(id)) {
                        slotOf.remove(id);
                    }
                }
            } else if (op == 2 && !held.containsKey(id)) {
                ItemFactor f = new ItemFactor(id, "i", new float[0]);
                slots.hold(f);
                held.put(id, f);
                assertThat(slotOf.putIfAbsent(id, f.slot())).as("step %d", step).isIn(null, f.slot());
            } else if (op == 3 && held.containsKey(id)) {
                slots.vacate(held.remove(id).slot());
                if (!references.containsKey(id)) {
                    slotOf.remove(id);
                }
            }
        }
        Set<Integer> distinct = new HashSet<>(slotOf.values());
        assertThat(distinct).hasSameSizeAs(slotOf.keySet());
        for (Map.Entry<Long, Integer> e : slotOf.entrySet()) {
            assertThat(slots.id(e.getValue())).isEqualTo(e.getKey());
            assertThat(slots.get(e.getKey())).isSameAs(held.get(e.getKey()));
            assertThat(slots.slotFor(e.getKey())).isEqualTo(e.getValue()); // found, not made anew
        }
        assertThat(slots.placeholders()).isEqualTo(slotOf.size() - held.size());
        for (long id = 0; id < 5_000; id++) {
            long gone = id * 0x1_0000_0000L + 7; // never entered
            assertThat(slots.get(gone)).isNull();
        }
    }
}
