package io.recstream.bench;

import com.carrotsearch.hppc.IntArrayList;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CoCountFormsTest {

    /** Feeds a user's items in order as first interactions, as the probe does. */
    private static void user(CoCountForms.Form form, int user, int... items) {
        IntArrayList history = new IntArrayList();
        for (int item : items) {
            form.learn(user, item, history);
            history.add(item);
        }
    }

    @Test
    void theExactCountWeighsEachPairByTheHistoryItMeets() {
        CoCountForms.Form unit = CoCountForms.parse("exact", 4);
        CoCountForms.Form inverse = CoCountForms.parse("cos", 4);
        CoCountForms.Form log = CoCountForms.parse("logw", 4);
        for (CoCountForms.Form form : new CoCountForms.Form[] {unit, inverse, log}) {
            user(form, 0, 0, 1, 2); // pairs (1,0) with 1 earlier item, (2,0) and (2,1) with 2
            user(form, 1, 2, 0);    // (0,2) with 1
        }
        assertThat(unit.co(0, 2)).isEqualTo(2f);
        assertThat(unit.co(2, 1)).isEqualTo(1f);
        assertThat(inverse.co(0, 1)).isEqualTo(1f);
        assertThat(inverse.co(0, 2)).isEqualTo(1.5f);
        assertThat(inverse.co(1, 2)).isEqualTo(0.5f);
        assertThat(log.co(2, 1)).isCloseTo((float) (1 / Math.log(3)), within(1e-6f));
        assertThat(inverse.users(0)).isEqualTo(2f);
        assertThat(inverse.users(3)).isEqualTo(0f);
    }

    @Test
    void aFullListGivesItsLightestPlaceAndWeightToANewcomer() {
        CoCountForms.Bounded form = (CoCountForms.Bounded) CoCountForms.parse("unit2", 8);
        form.add(0, 1, 1f);
        form.add(0, 2, 1f);
        form.add(0, 2, 1f);
        form.add(0, 3, 0.5f); // replaces 1 (weight 1), inherits it: 1.5
        assertThat(form.co(0, 1)).isEqualTo(0f);
        assertThat(form.co(0, 2)).isEqualTo(2f);
        assertThat(form.co(0, 3)).isEqualTo(1.5f);
        form.add(3, 0, 4f); // the other side's list holds more: the larger is read
        assertThat(form.co(0, 3)).isEqualTo(4f);
        assertThat(form.co(3, 0)).isEqualTo(4f);
    }

    @Test
    void boundedListsCountEveryPairWhileTheyHaveRoom() {
        CoCountForms.Form exact = CoCountForms.parse("cos", 4);
        CoCountForms.Form bounded = CoCountForms.parse("cos3", 4);
        for (CoCountForms.Form form : new CoCountForms.Form[] {exact, bounded}) {
            user(form, 0, 0, 1, 2, 3);
            user(form, 1, 3, 1);
        }
        for (int i = 0; i < 4; i++) {
            for (int c = 0; c < 4; c++) {
                assertThat(bounded.co(i, c)).as("co(%d, %d)", i, c).isEqualTo(exact.co(i, c));
            }
        }
    }

    @Test
    void postingsCountTheUsersTheirLastMShare() {
        CoCountForms.Form two = CoCountForms.parse("post2", 3);
        CoCountForms.Form three = CoCountForms.parse("post3", 3);
        for (CoCountForms.Form form : new CoCountForms.Form[] {two, three}) {
            user(form, 5, 0, 2);
            user(form, 3, 0, 1);
            user(form, 9, 1, 0);
        }
        // item 0's users in order 5, 3, 9; item 1's 3, 9; item 2's 5
        assertThat(two.co(0, 1)).isEqualTo(2f);
        assertThat(two.co(0, 2)).isEqualTo(0f);   // 5 is no longer among item 0's last two
        assertThat(three.co(0, 2)).isEqualTo(1f);
        assertThat(two.users(0)).isEqualTo(2f);
        assertThat(three.users(0)).isEqualTo(3f);
        assertThat(CoCountForms.overlap(new int[] {1, 4, 6, 9}, new int[] {0, 4, 5, 9, 12})).isEqualTo(2);
    }

    @Test
    void aListsScoreIsTheDecayedNormalisedSumOverItsBest() {
        CoCountForms.Form form = CoCountForms.parse("exact", 4);
        user(form, 0, 0, 2);
        user(form, 1, 1, 2, 3);
        user(form, 2, 1, 3);
        // users: 0 -> 1, 1 -> 2, 2 -> 2, 3 -> 2; co(0,2) 1, co(1,2) 1, co(1,3) 2, co(2,3) 1
        IntArrayList history = IntArrayList.from(0, 1); // 1 the newest
        float[] s = CoCountForms.score(form, history, new int[] {2, 3}, 20, 0.5f, 0.5f);
        double two = 1 / Math.sqrt(2 * 2) + 0.5 * 1 / Math.sqrt(1 * 2);
        double three = 2 / Math.sqrt(2 * 2);
        assertThat(s[0]).isCloseTo((float) (two / three), within(1e-6f));
        assertThat(s[1]).isEqualTo(1f);
        assertThat(CoCountForms.score(form, history, new int[] {2, 3}, 1, 0.5f, 0.5f)).containsExactly(0.5f, 1f);
    }

    @Test
    void theListReadingsEqualThePairwiseFormula() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        for (String name : new String[] {"cos4", "unit3", "post3", "post50"}) {
            CoCountForms.Form form = CoCountForms.parse(name, 30);
            CoCountForms.Form pairwise = CoCountForms.parse(name, 30);
            for (int user = 0; user < 40; user++) {
                int[] items = random.ints(0, 30).distinct().limit(1 + random.nextInt(12)).toArray();
                user(form, user, items);
                user(pairwise, user, items);
            }
            IntArrayList history = IntArrayList.from(0, 1, 2, 3, 4, 5, 6);
            int[] candidates = {7, 9, 11, 13, 17, 19, 23, 29};
            float[] fast = form.raw(history, candidates, 5, 0.8f, 0.8f);
            float[] slow = new CoCountForms.Form(name, 30) {
                @Override
                void pair(int user, int item, IntArrayList h) {}

                @Override
                float co(int i, int c) {
                    return pairwise.co(i, c);
                }

                @Override
                float users(int i) {
                    return pairwise.users(i);
                }
            }.raw(history, candidates, 5, 0.8f, 0.8f);
            assertThat(fast).as(name).containsExactly(slow, within(1e-5f));
            assertThat(slow).as(name).isNotEqualTo(new float[candidates.length]);
        }
    }
}
