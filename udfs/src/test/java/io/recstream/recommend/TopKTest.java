package io.recstream.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

class TopKTest {
    @Test
    void keepsTheBestKHighestFirst() {
        TopK top = new TopK(3);
        top.offer('a', 1f);
        top.offer('b', 5f);
        top.offer('c', 3f);
        top.offer('d', 4f);
        top.offer('e', 0f);
        assertThat(top.size()).isEqualTo(3);
        assertThat(items(top)).containsExactly('b', 'd', 'c');
        assertThat(scores(top)).containsExactly(5f, 4f, 3f);
        assertThat(top.rankOf('d')).isEqualTo(1);
        assertThat(top.rankOf('a')).isEqualTo(-1);
    }

    /** Random offers past a full heap, reads between them (which reverse the order): each item keeps its slot. */
    @Test
    void eachKeptItemKeepsTheSlotItWasOfferedWith() {
        TopK top = new TopK(16);
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        for (int n = 0; n < 500; n++) {
            long item = random.nextInt(1000);
            top.offer(item, (int) item + 100_000, random.nextInt(50));
            if (n % 37 == 0) {
                top.item(0);
            }
        }
        assertThat(top.size()).isEqualTo(16);
        for (int rank = 0; rank < top.size(); rank++) {
            assertThat(top.slot(rank)).isEqualTo((int) top.item(rank) + 100_000);
        }
    }

    @Test
    void equalScoresAreOrderedByNumericItemId() {
        TopK top = new TopK(10);
        top.offer('c', 1f);
        top.offer('a', 1f);
        top.offer('b', 1f);
        top.offer('z', 2f);
        assertThat(items(top)).containsExactly('z', 'a', 'b', 'c');
    }

    @Test
    void aTieAtTheBoundaryKeepsTheSmallerId() {
        TopK top = new TopK(2);
        top.offer('x', 2f);
        top.offer('m', 1f);
        top.offer('n', 1f); // ties m, larger id: out
        top.offer('k', 1f); // ties m, smaller id: in, m out
        assertThat(items(top)).containsExactly('x', 'k');
    }

    @Test
    void nanNeverRanks() {
        TopK top = new TopK(3);
        top.offer(1001L, Float.NaN);
        assertThat(top.size()).isZero();
        top.offer('a', Float.NEGATIVE_INFINITY);
        top.offer(1002L, Float.NaN);
        top.offer('b', Float.POSITIVE_INFINITY);
        assertThat(items(top)).containsExactly('b', 'a');
    }

    @Test
    void theSameSetInAnyOrderGivesTheSameList() {
        long[] items = {'a', 'b', 'c', 'd', 'e', 'f', 'g'};
        float[] scores = {1f, 2f, 2f, 2f, Float.NaN, 0.5f, 3f};
        List<int[]> orders = new ArrayList<>();
        permutations(new int[] {0, 1, 2, 3, 4, 5, 6}, 0, orders);
        assertThat(orders).hasSize(5040);
        for (int[] order : orders) {
            TopK top = new TopK(3);
            for (int i : order) {
                top.offer(items[i], scores[i]);
            }
            assertThat(items(top)).containsExactly('g', 'b', 'c');
            assertThat(scores(top)).containsExactly(3f, 2f, 2f);
        }
    }

    @Test
    void offersAfterAReadStillKeepTheBestK() {
        TopK top = new TopK(3);
        for (long item = 'a'; item <= 'h'; item++) {
            top.offer(item, item % 4);
            assertThat(top.rankOf(item)).isGreaterThanOrEqualTo(-1); // a read between every two offers
        }
        // scores: a=1 b=2 c=3 d=0 e=1 f=2 g=3 h=0
        assertThat(items(top)).containsExactly('c', 'g', 'b');
        top.offer('z', 2.5f);
        assertThat(items(top)).containsExactly('c', 'g', 'z');
        assertThat(scores(top)).containsExactly(3f, 3f, 2.5f);
    }

    @Test
    void acceptsTellsWhetherAnOfferWouldBeKept() {
        TopK top = new TopK(2);
        assertThat(top.accepts('a', 1f)).isTrue();
        assertThat(top.accepts('a', Float.NaN)).isFalse();
        top.offer('m', 1f);
        top.offer('x', 2f);
        assertThat(top.accepts('a', 0.5f)).isFalse();
        assertThat(top.accepts('n', 1f)).isFalse(); // ties the worst, larger id
        assertThat(top.accepts('k', 1f)).isTrue();
        top.item(0);
        assertThat(top.accepts('k', 1f)).isTrue(); // the same once read
        assertThat(top.accepts('n', 1f)).isFalse();
        assertThat(new TopK(0).accepts('a', 1f)).isFalse();
    }

    @Test
    void aLargeRandomStreamGivesTheSortedBest() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        TopK top = new TopK(100);
        List<long[]> all = new ArrayList<>();
        for (long item = 0; item < 5000; item++) {
            float score = random.nextInt(1000) / 10f;
            top.offer(item, score);
            all.add(new long[] {item, Float.floatToIntBits(score)});
        }
        all.sort((p, q) -> {
            int byScore = Float.compare(Float.intBitsToFloat((int) q[1]), Float.intBitsToFloat((int) p[1]));
            return byScore != 0 ? byScore : Long.compare(p[0], q[0]);
        });
        assertThat(items(top)).containsExactly(all.stream().limit(100).mapToLong(p -> p[0]).toArray());
    }

    /**
     * Many ties, both zeros (equal, so ordered by id), infinities, negative ids (ids are hashes)
     * and reads between offers: the list is the reference order's head, pair for pair.
     */
    @Test
    void aRandomStreamWithTiesAndZerosGivesTheBestInOrder() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(13);
        float[] values = {0f, -0f, 1f, -1f, 0.5f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 2.25f};
        for (int round = 0; round < 300; round++) {
            int k = 1 + random.nextInt(200);
            TopK top = new TopK(k);
            List<long[]> all = new ArrayList<>();
            long base = random.nextLong();
            for (int n = 0; n < 200; n++) {
                long item = base + n * 0x9E3779B97F4A7C15L; // distinct, either sign
                float score = random.nextInt(3) == 0 ? values[random.nextInt(values.length)] : random.nextInt(40) / 8f - 2f;
                top.offer(item, (int) item, score);
                all.add(new long[] {item, Float.floatToRawIntBits(score)});
                if (random.nextInt(50) == 0) {
                    top.item(0);
                }
            }
            all.sort((p, q) -> {
                float a = Float.intBitsToFloat((int) p[1]);
                float b = Float.intBitsToFloat((int) q[1]);
                return a > b ? -1 : a < b ? 1 : Long.compare(p[0], q[0]); // -0 == 0: a tie
            });
            assertThat(items(top)).as("round %d", round).containsExactly(all.stream().limit(k).mapToLong(p -> p[0]).toArray());
            for (int rank = 0; rank < top.size(); rank++) {
                assertThat(Float.floatToRawIntBits(top.score(rank))).isEqualTo((int) all.get(rank)[1]);
                assertThat(top.slot(rank)).isEqualTo((int) top.item(rank));
            }
        }
    }

    @Test
    void clearEmptiesTheList() {
        TopK top = new TopK(2);
        top.offer('a', 1f);
        top.clear();
        assertThat(top.size()).isZero();
        top.offer('b', 0f);
        assertThat(items(top)).containsExactly('b');
    }

    private static long[] items(TopK top) {
        return top.items(top.size());
    }

    private static float[] scores(TopK top) {
        float[] scores = new float[top.size()];
        for (int n = 0; n < scores.length; n++) {
            scores[n] = top.score(n);
        }
        return scores;
    }

    private static void permutations(int[] a, int from, List<int[]> out) {
        if (from == a.length) {
            out.add(a.clone());
            return;
        }
        for (int i = from; i < a.length; i++) {
            swap(a, from, i);
            permutations(a, from + 1, out);
            swap(a, from, i);
        }
    }

    private static void swap(int[] a, int i, int j) {
        int t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}
