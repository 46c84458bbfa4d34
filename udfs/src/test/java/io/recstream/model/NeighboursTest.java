package io.recstream.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.recstream.learn.LearningConfig;

import org.junit.jupiter.api.Test;

class NeighboursTest {
    private static ItemFactor item(String id) {
        return TestItems.item(id, new float[] {0f, 0f});
    }

    @Test
    void accumulatesTheWeightOfAKnownNeighbour() {
        ItemFactor f = item("a");
        Neighbours.add(f, TestItems.id("b"), 1f, 3);
        Neighbours.add(f, TestItems.id("b"), 0.5f, 3);
        assertThat(f.neighbours).containsExactly(TestItems.ids("b"));
        assertThat(f.neighbourWeights).containsExactly(1.5f);
    }

    @Test
    void isBoundedToCapacity() {
        ItemFactor f = item("a");
        for (int n = 0; n < 100; n++) {
            Neighbours.add(f, TestItems.id("n" + n), 1f + n, 5);
        }
        assertThat(f.neighbours).hasSize(5);
        assertThat(f.neighbourWeights).hasSize(5);
    }

    @Test
    void aNewcomerReplacesTheWeakestAndInheritsItsWeight() {
        ItemFactor f = item("a");
        Neighbours.add(f, TestItems.id("b"), 3f, 2);
        Neighbours.add(f, TestItems.id("c"), 1f, 2);
        Neighbours.add(f, TestItems.id("d"), 0.5f, 2); // full: c (1) is weakest, d takes its slot with 1 + 0.5
        assertThat(f.neighbours).containsExactly(TestItems.ids("b", "d"));
        assertThat(f.neighbourWeights).containsExactly(3f, 1.5f);
    }

    @Test
    void theFirstOfEquallyWeakNeighboursIsReplaced() {
        ItemFactor f = item("a");
        Neighbours.add(f, TestItems.id("b"), 1f, 2);
        Neighbours.add(f, TestItems.id("c"), 1f, 2);
        Neighbours.add(f, TestItems.id("d"), 1f, 2);
        assertThat(f.neighbours).containsExactly(TestItems.ids("d", "c"));
        assertThat(f.neighbourWeights).containsExactly(2f, 1f);
    }

    @Test
    void neverAddsItselfNorNonPositiveOrNonFiniteWeights() {
        ItemFactor f = item("a");
        Neighbours.add(f, TestItems.id("a"), 1f, 3);
        Neighbours.add(f, TestItems.id("b"), 0f, 3);
        Neighbours.add(f, TestItems.id("c"), -1f, 3);
        Neighbours.add(f, TestItems.id("d"), Float.NaN, 3);
        Neighbours.add(f, TestItems.id("e"), Float.POSITIVE_INFINITY, 3);
        Neighbours.add(f, TestItems.id("g"), 1f, 0);
        assertThat(f.neighbours).isEmpty();
        assertThat(f.neighbourWeights).isEmpty();
    }

    @Test
    void neighbourListsFromASequenceOfUpdatesMatchAHandComputation() {
        ItemModel model = new ItemModel(LearningConfig.builder().dim(2).neighboursPerItem(2).build());
        ItemFactor a = TestItems.create(model, "a");

        model.apply(a, TestItems.cooccurrence("a", 1L, "b", 1f));    // [b:1]
        model.apply(a, TestItems.cooccurrence("a", 2L, "c", 0.5f));  // [b:1, c:0.5]
        model.apply(a, TestItems.cooccurrence("a", 3L, "b", 0.9f));  // [b:1.9, c:0.5]
        model.apply(a, TestItems.cooccurrence("a", 4L, "d", 0.25f)); // full: c weakest -> [b:1.9, d:0.75]
        model.apply(a, TestItems.cooccurrence("a", 5L, "a", 1f));    // self: ignored
        model.apply(a, TestItems.interaction("a", 6L, new float[] {0.1f, 0.2f}, 1f,
                new String[] {"e", "b"}, new float[] {0.9f, 0.81f}));
        // e: full, d (0.75) weakest -> [b:1.9, e:1.65]; then b: 1.9 + 0.81 -> [b:2.71, e:1.65]

        assertThat(a.neighbours).containsExactly(TestItems.ids("b", "e"));
        assertThat(a.neighbourWeights).containsExactly(new float[] {2.71f, 1.65f}, within(1e-6f));
        assertThat(a.version).isEqualTo(6);
    }

    /**
     * The replica's rule ({@link Neighbours#addSlot}, with its kept weakest position and the
     * lookup of eight low bytes at once) against the plain one it replaced: a scan for the slot and,
     * on every new neighbour of a full list, a scan for the first of the smallest weight codes.
     * Random slots that share low bytes and weights from a few values (ties at the smallest code),
     * lists of 1 to 40; each step must give back the same slot and leave the same slots, codes and
     * mass, bit for bit.
     */
    /**
     * Weights drawn from a few values (ties everywhere), with infinities and a NaN now and then:
     * the position the plain scan gave, the first of the smallest. A search that kept the last
     * of equal weights, or compared against the wrong one, gives another position.
     */
    @Test
    void theWeakestIsTheFirstOfTheSmallestAsThePlainScanFindsIt() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(13);
        float[] values = {0.5f, 1f, 1f, 2f, 3.25f, Float.POSITIVE_INFINITY, Float.MIN_VALUE};
        for (int round = 0; round < 20_000; round++) {
            float[] weights = new float[1 + random.nextInt(120)];
            for (int n = 0; n < weights.length; n++) {
                weights[n] = random.nextInt(500) == 0 ? Float.NaN : values[random.nextInt(values.length)];
            }
            int plain = 0;
            for (int n = 1; n < weights.length; n++) {
                if (weights[n] < weights[plain]) {
                    plain = n;
                }
            }
            assertThat(Neighbours.weakest(weights)).as("round %d", round).isEqualTo(plain);
        }
    }

    @Test
    void aReplicaListFollowsThePlainScansStepForStep() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        float[] weights = {0.25f, 0.5f, 0.5f, 1f, 1f, 1f, 0.7f, 3f, 1e-4f};
        for (int trial = 0; trial < 300; trial++) {
            int capacity = 1 + random.nextInt(40);
            int distinct = capacity + 1 + random.nextInt(3 * capacity);
            int[] slotOf = new int[distinct];
            for (int k = 0; k < distinct; k++) { // low bytes 0-7 (a long holds several equal ones), distinct slots by k
                slotOf[k] = random.nextInt(8) | k << 8 | (random.nextBoolean() ? 0x800000 : 0);
            }
            ItemFactor f = item("a");
            PlainList plain = new PlainList();
            for (int step = 0; step < 400; step++) {
                int slot = slotOf[random.nextInt(slotOf.length)];
                float weight = weights[random.nextInt(weights.length)];
                int expected = plain.add(slot, weight, capacity);
                assertThat(Neighbours.addSlot(f, slot, weight, capacity)).as("trial %d step %d", trial, step).isEqualTo(expected);
                plain.assertSame(f.replicaNeighbours);
            }
        }
    }

    /** The lookup finds every slot a list names, wherever it sits among the eight of a long and the rest, and no other. */
    @Test
    void aLookupFindsEachSlotOfListsOfEveryLengthAmongSlotsSharingLowBytes() {
        for (int count = 0; count <= 40; count++) {
            byte[] list = ReplicaNeighbours.ofCount(count);
            for (int n = 0; n < count; n++) {
                // low bytes 0x04 and 0x05 alternate: 0x04 ^ 0x05 = 0x01 is the byte a borrow can mark falsely
                ReplicaNeighbours.setSlot(list, n, (n % 2 == 0 ? 0x05 : 0x04) | n << 8);
            }
            for (int n = 0; n < count; n++) {
                assertThat(ReplicaNeighbours.indexOf(list, (n % 2 == 0 ? 0x05 : 0x04) | n << 8)).isEqualTo(n);
                assertThat(ReplicaNeighbours.indexOf(list, (n % 2 == 0 ? 0x04 : 0x05) | n << 8)).isEqualTo(-1);
            }
            assertThat(ReplicaNeighbours.indexOf(list, 0x05 | count << 8)).isEqualTo(-1);
        }
    }

    /** The rule as it was before positions were kept: plain arrays and scans. */
    private static final class PlainList {
        private int[] slots = new int[0];
        private int[] codes = new int[0];
        private float mass;

        int add(int slot, float weight, int capacity) {
            int at = -1;
            for (int n = 0; n < slots.length; n++) {
                if (slots[n] == slot) {
                    at = n;
                    break;
                }
            }
            int givenBack = slot;
            if (at < 0) {
                if (slots.length < capacity) {
                    slots = java.util.Arrays.copyOf(slots, slots.length + 1);
                    codes = java.util.Arrays.copyOf(codes, codes.length + 1);
                    at = slots.length - 1;
                    givenBack = -1;
                } else {
                    at = 0;
                    for (int n = 1; n < codes.length; n++) {
                        if (codes[n] < codes[at]) {
                            at = n;
                        }
                    }
                    givenBack = slots[at];
                }
                slots[at] = slot;
            }
            int code = Weight16.encode(Weight16.decode(codes[at]) + weight);
            mass = mass - Weight16.decode(codes[at]) + Weight16.decode(code);
            codes[at] = code;
            return givenBack;
        }

        void assertSame(byte[] list) {
            int count = ReplicaNeighbours.count(list);
            assertThat(count).isEqualTo(slots.length);
            for (int n = 0; n < count; n++) {
                assertThat(ReplicaNeighbours.slot(list, n)).isEqualTo(slots[n]);
                assertThat(ReplicaNeighbours.code(list, count, n)).isEqualTo(codes[n]);
            }
            assertThat(Float.floatToIntBits(ReplicaNeighbours.mass(list))).isEqualTo(Float.floatToIntBits(count == 0 ? 0f : mass));
        }
    }
}
