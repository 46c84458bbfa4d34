package io.recstream.bench;

import com.carrotsearch.hppc.IntArrayList;
import com.carrotsearch.hppc.IntFloatHashMap;
import com.carrotsearch.hppc.IntIntHashMap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Forms of the whole-history item co-count that {@link ItemKnnProbe}'s {@code forms} mode writes
 * side by side as a ranking feature: the exact count and cheaper, bounded estimates of it. Each is
 * fed the same stream (a user's first interaction with an item, with the user's earlier items) and
 * answers {@code co(i, c)} for a context item i and a candidate c, and {@code users(i)}, the count
 * its normalisation divides by. A list's feature is {@link #score}: the formula of
 * {@code ItemKnnProbe … 20 0.8 0.8 full}.
 */
final class CoCountForms {
    private CoCountForms() {}

    /** How much one pair formed on a first interaction weighs, given the user's earlier items h. */
    enum Weight {
        /** Every pair 1: the exact co-count. */
        UNIT,
        /** 1 / h: what cosine-normalised item-kNN does to heavy users. */
        INVERSE,
        /** 1 / ln(1 + h). */
        INVERSE_LOG;

        float of(int history) {
            switch (this) {
                case INVERSE:
                    return 1f / history;
                case INVERSE_LOG:
                    return (float) (1 / Math.log(1 + history));
                default:
                    return 1f;
            }
        }
    }

    /** One form of the co-count. */
    abstract static class Form {
        final String name;
        /** Users who came to each item (first interactions), for every form alike. */
        final int[] users;

        Form(String name, int items) {
            this.name = name;
            this.users = new int[items];
        }

        /** A user's first interaction with {@code item}; {@code history}: their earlier items (not holding it). */
        final void learn(int user, int item, IntArrayList history) {
            pair(user, item, history);
            users[item]++;
        }

        abstract void pair(int user, int item, IntArrayList history);

        /** The (estimated) co-count of items i and c. */
        abstract float co(int i, int c);

        /** The count of i's users the normalisation divides by. */
        float users(int i) {
            return users[i];
        }

        /** {@link #score} before it is divided by its best: pair by pair through {@link #co}. */
        float[] raw(IntArrayList history, int[] candidates, int context, float decay, float alpha) {
            float[] s = new float[candidates.length];
            float w = 1f;
            for (int k = history.size() - 1, n = 0; k >= 0 && n < context; k--, n++, w *= decay) {
                int i = history.get(k);
                double from = Math.pow(Math.max(1f, users(i)), 1 - alpha);
                for (int c = 0; c < candidates.length; c++) {
                    float co = co(i, candidates[c]);
                    if (co > 0f) {
                        s[c] += (float) (w * co / (from * Math.pow(Math.max(1f, users(candidates[c])), alpha)));
                    }
                }
            }
            return s;
        }
    }

    /**
     * The list's feature for each candidate: {@code sum_k decay^k co(i_k, c) / (users(i_k)^(1 - alpha) users(c)^alpha)}
     * over the user's latest {@code context} items i_k ({@code history}'s last, newest first), over the
     * candidates' best (1 = the strongest, 0 for all when none co-occurs).
     */
    static float[] score(Form form, IntArrayList history, int[] candidates, int context, float decay, float alpha) {
        float[] s = form.raw(history, candidates, context, decay, alpha);
        float best = 0f;
        for (float v : s) {
            best = Math.max(best, v);
        }
        for (int c = 0; best > 0f && c < s.length; c++) {
            s[c] /= best;
        }
        return s;
    }

    /** Every pair counted, weighted: a dense float matrix (logs of up to ~15,000 items). */
    static final class Exact extends Form {
        private final Weight weight;
        private final float[][] co;

        Exact(String name, int items, Weight weight) {
            super(name, items);
            this.weight = weight;
            this.co = new float[items][items];
        }

        @Override
        void pair(int user, int item, IntArrayList history) {
            if (history.isEmpty()) {
                return;
            }
            float w = weight.of(history.size());
            for (int k = 0; k < history.size(); k++) {
                int h = history.get(k);
                co[item][h] += w;
                co[h][item] += w;
            }
        }

        @Override
        float co(int i, int c) {
            return co[i][c];
        }
    }

    /**
     * Every pair counted, weighted, into per-item lists of at most K neighbours (Space-Saving: a
     * full list gives its lightest entry's place and weight to a newcomer, which adds its own).
     * {@code co(i, c)} reads both lists and takes the larger (each over-estimates, never under).
     */
    static final class Bounded extends Form {
        private final Weight weight;
        private final int k;
        private final int[][] ids;
        private final float[][] weights;
        private final int[] size;

        Bounded(String name, int items, Weight weight, int k) {
            super(name, items);
            this.weight = weight;
            this.k = k;
            this.ids = new int[items][k];
            this.weights = new float[items][k];
            this.size = new int[items];
        }

        @Override
        void pair(int user, int item, IntArrayList history) {
            if (history.isEmpty()) {
                return;
            }
            float w = weight.of(history.size());
            for (int n = 0; n < history.size(); n++) {
                int h = history.get(n);
                add(item, h, w);
                add(h, item, w);
            }
        }

        void add(int item, int neighbour, float w) {
            int[] id = ids[item];
            float[] wt = weights[item];
            int s = size[item];
            int lightest = 0;
            for (int n = 0; n < s; n++) {
                if (id[n] == neighbour) {
                    wt[n] += w;
                    return;
                }
                lightest = wt[n] < wt[lightest] ? n : lightest;
            }
            if (s < k) {
                id[s] = neighbour;
                wt[s] = w;
                size[item] = s + 1;
            } else {
                id[lightest] = neighbour;
                wt[lightest] += w;
            }
        }

        private float find(int item, int neighbour) {
            int[] id = ids[item];
            for (int n = 0; n < size[item]; n++) {
                if (id[n] == neighbour) {
                    return weights[item][n];
                }
            }
            return 0f;
        }

        @Override
        float co(int i, int c) {
            return Math.max(find(i, c), find(c, i));
        }

        /** As {@link Form#raw}, each list read once: the context items' lists, then the candidates'. */
        @Override
        float[] raw(IntArrayList history, int[] candidates, int context, float decay, float alpha) {
            int items = Math.min(context, history.size());
            IntIntHashMap candidateAt = new IntIntHashMap(candidates.length * 2);
            for (int c = 0; c < candidates.length; c++) {
                candidateAt.put(candidates[c], c);
            }
            IntIntHashMap contextAt = new IntIntHashMap(items * 2);
            float[][] co = new float[items][candidates.length];
            for (int k = 0; k < items; k++) {
                int i = history.get(history.size() - 1 - k);
                contextAt.put(i, k);
                for (int n = 0; n < size[i]; n++) {
                    int c = candidateAt.getOrDefault(ids[i][n], -1);
                    if (c >= 0) {
                        co[k][c] = weights[i][n];
                    }
                }
            }
            for (int c = 0; c < candidates.length; c++) {
                int j = candidates[c];
                for (int n = 0; n < size[j]; n++) {
                    int k = contextAt.getOrDefault(ids[j][n], -1);
                    if (k >= 0) {
                        co[k][c] = Math.max(co[k][c], weights[j][n]);
                    }
                }
            }
            float[] s = new float[candidates.length];
            float w = 1f;
            for (int k = 0; k < items; k++, w *= decay) {
                double from = Math.pow(Math.max(1f, users(history.get(history.size() - 1 - k))), 1 - alpha);
                for (int c = 0; c < candidates.length; c++) {
                    if (co[k][c] > 0f) {
                        s[c] += (float) (w * co[k][c] / (from * Math.pow(Math.max(1f, users(candidates[c])), alpha)));
                    }
                }
            }
            return s;
        }
    }

    /**
     * The last M users of each item (postings): {@code co(i, c)} is the overlap of the two
     * postings, the co-count among their recent users; {@code users(i)} the posting's size.
     * The probe keeps every posting and cuts and sorts the last M when asked (cached until the
     * item gains a user), as a job would hold them sorted.
     */
    static final class Postings extends Form {
        private final int m;
        private final List<IntArrayList> all = new ArrayList<>();
        private final int[][] sorted;
        private final int[] sortedAt;

        Postings(String name, int items, int m) {
            super(name, items);
            this.m = m;
            for (int i = 0; i < items; i++) {
                all.add(new IntArrayList());
            }
            this.sorted = new int[items][];
            this.sortedAt = new int[items];
            Arrays.fill(sortedAt, -1);
        }

        @Override
        void pair(int user, int item, IntArrayList history) {
            all.get(item).add(user);
        }

        int[] last(int item) {
            IntArrayList p = all.get(item);
            if (sortedAt[item] != p.size()) {
                int from = Math.max(0, p.size() - m);
                int[] tail = Arrays.copyOfRange(p.buffer, from, p.size());
                Arrays.sort(tail);
                sorted[item] = tail;
                sortedAt[item] = p.size();
            }
            return sorted[item];
        }

        @Override
        float co(int i, int c) {
            int[] a = last(i);
            int[] b = last(c);
            return overlap(a, b);
        }

        @Override
        float users(int i) {
            return Math.min(users[i], m);
        }

        /**
         * As {@link Form#raw} without a merge per pair: one map of the context's users to their
         * summed {@code decay^k / users(i_k)^(1 - alpha)}, probed with each candidate's users.
         */
        @Override
        float[] raw(IntArrayList history, int[] candidates, int context, float decay, float alpha) {
            IntFloatHashMap weightOf = new IntFloatHashMap(context * m * 2);
            float w = 1f;
            for (int k = history.size() - 1, n = 0; k >= 0 && n < context; k--, n++, w *= decay) {
                int i = history.get(k);
                float share = (float) (w / Math.pow(Math.max(1f, users(i)), 1 - alpha));
                for (int user : last(i)) {
                    weightOf.addTo(user, share);
                }
            }
            float[] s = new float[candidates.length];
            for (int c = 0; c < candidates.length; c++) {
                float sum = 0f;
                for (int user : last(candidates[c])) {
                    sum += weightOf.getOrDefault(user, 0f);
                }
                s[c] = sum == 0f ? 0f : (float) (sum / Math.pow(Math.max(1f, users(candidates[c])), alpha));
            }
            return s;
        }
    }

    /** How many ids two ascending arrays share (a merge). */
    static int overlap(int[] a, int[] b) {
        int x = 0;
        int y = 0;
        int shared = 0;
        while (x < a.length && y < b.length) {
            if (a[x] < b[y]) {
                x++;
            } else if (a[x] > b[y]) {
                y++;
            } else {
                shared++;
                x++;
                y++;
            }
        }
        return shared;
    }

    /**
     * The forms named: {@code exact}, {@code cos}, {@code logw} (the exact count with weights
     * UNIT, INVERSE, INVERSE_LOG), {@code cosK} / {@code unitK} / {@code logwK} (bounded at K),
     * {@code postM} (postings of M).
     */
    static Form parse(String name, int items) {
        if (name.equals("exact")) {
            return new Exact(name, items, Weight.UNIT);
        } else if (name.equals("cos")) {
            return new Exact(name, items, Weight.INVERSE);
        } else if (name.equals("logw")) {
            return new Exact(name, items, Weight.INVERSE_LOG);
        } else if (name.startsWith("post")) {
            return new Postings(name, items, Integer.parseInt(name.substring(4)));
        } else if (name.startsWith("unit")) {
            return new Bounded(name, items, Weight.UNIT, Integer.parseInt(name.substring(4)));
        } else if (name.startsWith("logw")) {
            return new Bounded(name, items, Weight.INVERSE_LOG, Integer.parseInt(name.substring(4)));
        } else if (name.startsWith("cos")) {
            return new Bounded(name, items, Weight.INVERSE, Integer.parseInt(name.substring(3)));
        }
        throw new IllegalArgumentException("no co-count form " + name);
    }
}
