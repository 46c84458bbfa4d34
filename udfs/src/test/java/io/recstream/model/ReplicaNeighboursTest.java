package io.recstream.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReplicaNeighboursTest {
    @Test
    void theLengthOfTheArrayGivesTheCountAndANeighbourIsFiveBytes() {
        for (int count = 0; count < 300; count++) {
            assertThat(ReplicaNeighbours.count(ReplicaNeighbours.ofCount(count))).isEqualTo(count);
        }
        assertThat(ReplicaNeighbours.ofCount(100)).hasSize(504);
    }

    @Test
    void slotsAndWeightsArePositionForPositionAndWeightsDoNotOverwriteEachOther() {
        byte[] list = ReplicaNeighbours.EMPTY;
        for (int n = 0; n < 7; n++) {
            list = ReplicaNeighbours.append(list, 1000 + n);
            ReplicaNeighbours.setWeight(list, n + 1, n, n + 1);
        }
        ReplicaNeighbours.setWeight(list, 7, 3, 40f); // each weight its own two bytes
        ReplicaNeighbours.setWeight(list, 7, 2, 30f);
        assertThat(ReplicaNeighbours.count(list)).isEqualTo(7);
        for (int n = 0; n < 7; n++) {
            assertThat(ReplicaNeighbours.slot(list, n)).isEqualTo(1000 + n);
        }
        assertThat(ReplicaNeighbours.weights(list)).containsExactly(1f, 2f, 30f, 40f, 5f, 6f, 7f);
        assertThat(ReplicaNeighbours.mass(list)).isEqualTo(91f);
        assertThat(ReplicaNeighbours.ids(list, slot -> slot * 10L)).containsExactly(10000L, 10010L, 10020L, 10030L, 10040L, 10050L, 10060L);
    }

    @Test
    void anAppendedNeighbourStartsAtWeightZeroAfterAnOddOrEvenList() {
        byte[] odd = ReplicaNeighbours.append(ReplicaNeighbours.EMPTY, 1);
        ReplicaNeighbours.setWeight(odd, 1, 0, 5f);
        byte[] even = ReplicaNeighbours.append(odd, 2);
        assertThat(ReplicaNeighbours.weights(even)).containsExactly(5f, 0f);
        ReplicaNeighbours.setWeight(even, 2, 1, 6f);
        assertThat(ReplicaNeighbours.weights(ReplicaNeighbours.append(even, 3))).containsExactly(5f, 6f, 0f);
    }

    @Test
    void theWeakestIsTheFirstOfTheSmallestWeights() {
        byte[] list = ReplicaNeighbours.ofCount(4);
        float[] weights = {3f, 1f, 2f, 1f};
        for (int n = 0; n < 4; n++) {
            ReplicaNeighbours.setSlot(list, n, n);
            ReplicaNeighbours.setWeight(list, 4, n, weights[n]);
        }
        assertThat(ReplicaNeighbours.weakest(list)).isEqualTo(1);
        assertThat(ReplicaNeighbours.indexOf(list, 2)).isEqualTo(2);
        assertThat(ReplicaNeighbours.indexOf(list, 9)).isEqualTo(-1);
    }

    @Test
    void aSlotIsFoundAmongSlotsThatShareItsLowByte() {
        int[] slots = {0x05, 0x0105, 0x010005, 0xFF05, 0x0106};
        byte[] list = ReplicaNeighbours.ofCount(slots.length);
        for (int n = 0; n < slots.length; n++) {
            ReplicaNeighbours.setSlot(list, n, slots[n]);
        }
        for (int n = 0; n < slots.length; n++) {
            assertThat(ReplicaNeighbours.indexOf(list, slots[n])).isEqualTo(n);
        }
        assertThat(ReplicaNeighbours.indexOf(list, 0x0205)).isEqualTo(-1);
        assertThat(ReplicaNeighbours.indexOf(list, 0x06)).isEqualTo(-1);
        assertThat(ReplicaNeighbours.indexOf(ReplicaNeighbours.EMPTY, 0x05)).isEqualTo(-1);
    }

    @Test
    void threeBytesHoldEverySlotBelow2To24AndLeaveTheNextSlotAlone() {
        int[] slots = {0xFFFFFF, 0, 0xABCDEF, 0x800000, 0x7FFFFF, 1};
        byte[] list = ReplicaNeighbours.ofCount(slots.length);
        for (int n = 0; n < slots.length; n++) {
            ReplicaNeighbours.setWeight(list, slots.length, n, 65_000f);
        }
        for (int n = slots.length - 1; n >= 0; n--) {
            ReplicaNeighbours.setSlot(list, n, slots[n]);
        }
        for (int n = 0; n < slots.length; n++) {
            assertThat(ReplicaNeighbours.slot(list, n)).isEqualTo(slots[n]);
        }
        assertThat(ReplicaNeighbours.weights(list)).containsOnly(64_992f); // 65,000 to 11 bits (steps of 32); untouched by the slots
    }

    @Test
    void theMassIsTheSumOfTheWeightsAsTheyChange() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(9);
        byte[] list = ReplicaNeighbours.EMPTY;
        for (int step = 0; step < 10_000; step++) {
            int count = ReplicaNeighbours.count(list);
            if (count == 0 || count < 100 && random.nextInt(4) == 0) {
                list = ReplicaNeighbours.append(list, step);
                count++;
            }
            int n = random.nextInt(count);
            ReplicaNeighbours.setWeight(list, count, n, ReplicaNeighbours.weight(list, count, n) + (float) random.nextDouble(0.01, 5));
            double sum = 0;
            for (float w : ReplicaNeighbours.weights(list)) {
                sum += w;
            }
            assertThat((double) ReplicaNeighbours.mass(list)).as("step %d", step).isCloseTo(sum, org.assertj.core.api.Assertions.withinPercentage(0.01));
        }
    }
}
