package io.recstream.bench;

import io.recstream.recommend.SeenItems;
import io.recstream.event.Event;
import io.recstream.job.LearningOptions;
import io.recstream.learn.LearningConfig;
import io.recstream.model.InteractionLearner;
import io.recstream.model.ItemFactor;
import io.recstream.model.ItemModel;
import io.recstream.model.ItemReplica;
import io.recstream.model.ReplicaNeighbours;
import io.recstream.models.RankingModel;
import io.recstream.recommend.CandidateList;
import io.recstream.recommend.RankingFeatures;
import io.recstream.recommend.Recommender;
import io.recstream.recommend.UserProfile;
import io.recstream.replay.RatingsFile;

import com.carrotsearch.hppc.IntArrayList;
import com.carrotsearch.hppc.LongIntHashMap;
import com.carrotsearch.hppc.LongObjectHashMap;
import com.carrotsearch.hppc.cursors.LongIntCursor;

import org.apache.flink.configuration.Configuration;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.Map;

/**
 * An offline measurement, not a model of the job: what an item-kNN signal would add to the blend
 * before anyone builds it into the job. It replays a log as {@link BlendReplay} does (same learner
 * and blend, parallelism 1, blend only) and beside it scores every unseen item j with
 * {@code knn(j) = sum_k decay^k co(i_k, j) / (n_i^(1 - alpha) n_j^alpha)} over the user's latest
 * {@code context} items i_k, where {@code co(i, j)} counts the users who touched both (over their
 * whole history, not a window) and {@code n_i} the users who touched i ({@code alpha = 0.5}: cosine).
 * With {@code source=lists}, co(i, j) is instead the weight of j in the replica's neighbour list
 * of i and n the item's popularity: the same formula on what the job already holds.
 * With {@code source=users}, the signal is a user-kNN instead: each other user v who touched one
 * of the user's latest {@code context} items i_k has similarity
 * {@code sum_k decay^k [v touched i_k] / ln(2 + n_i) / |H_v|^alpha} ({@code H_v} their whole
 * history), and {@code knn(j)} sums the similarities of the {@value #NEIGHBOUR_USERS} most similar
 * users who touched j.
 *
 * <p>It prints the blend's recall@10, recall@30 and recall@50 (how often the ranking model's 30
 * candidates, or 50, hold the answer), and recall@10 of {@code blend / best blend + lambda * knn / best knn} for a
 * range of lambdas (lambda 1000 is kNN alone). Items outside the blend's top 300 get its 300th
 * score. Exact co-counts are a dense matrix of shorts: for logs of up to ~15,000 items.
 *
 * With {@code source=second}, second-order neighbours from the job's lists ({@link #secondOrderScores}).
 *
 * <p>With {@code -Dprobe.model=MODEL} it also scores pools of the ranking model's 30 candidates
 * that give a quota of places to the kNN signal, and an oracle pool ({@link #quotaPools}). With
 * {@code -Dprobe.examples=FILE.csv.gz} it writes, instead of measuring, the ranking examples of
 * every sampled list with the kNN signal as a column ({@link #writeExample}).
 *
 * <p>With {@code source=forms}, {@code -Dprobe.forms=NAME,…} ({@link CoCountForms#parse}),
 * {@code -Dprobe.examples=FILE.csv} and {@code -Dprobe.splice=EARLIER.csv.gz} (examples an earlier
 * replay of the same lists wrote), it writes {@code FILE-NAME.csv} per form: the earlier examples
 * with that form's co-count feature in the spare column ({@link #writeForms}).
 *
 * <pre>java -Xmx3g -cp bench/target/benchmarks.jar io.recstream.bench.ItemKnnProbe RATINGS SAMPLE CONTEXT DECAY ALPHA [full|lists|users|second|forms] [recstream.key=value ...]</pre>
 */
public final class ItemKnnProbe {
    private static final float[] LAMBDAS = {0f, 0.1f, 0.2f, 0.5f, 1f, 1000f};
    /** Blend candidates kept per list: the rest of the catalogue gets the last one's score. */
    private static final int POOL = 300;
    /** Neighbours of a user for {@code source=users}. */
    private static final int NEIGHBOUR_USERS = 50;
    /** Neighbours of a context item whose own neighbours {@code source=second} reaches. */
    private static final int SECOND_ORDER_VIA = 10;
    /** Places of the ranking model's 30 candidates given to the kNN signal's best ({@code -Dprobe.model=...}). */
    private static final int[] QUOTAS = {0, 3, 5, 10};
    private static final int CANDIDATES = 30;
    /** Candidates per list of {@code -Dprobe.examples=FILE}: the blend's first 100, as ranking-v6 was trained on. */
    private static final int EXAMPLE_CANDIDATES = 100;

    private ItemKnnProbe() {}

    public static void main(String[] args) throws Exception {
        List<Event> events = RatingsFile.read(Path.of(args[0]));
        int sample = Integer.parseInt(args[1]);
        int context = Integer.parseInt(args[2]);
        float decay = Float.parseFloat(args[3]);
        float alpha = Float.parseFloat(args[4]);
        boolean fromLists = args.length > 5 && args[5].equals("lists");
        boolean fromUsers = args.length > 5 && args[5].equals("users");
        boolean secondOrder = args.length > 5 && args[5].equals("second");
        boolean formsMode = args.length > 5 && args[5].equals("forms");
        Map<String, String> options = new HashMap<>();
        for (int a = 6; a < args.length; a++) {
            String[] kv = args[a].split("=", 2);
            options.put(kv[0], kv[1]);
        }
        LearningConfig config = LearningOptions.toLearningConfig(Configuration.fromMap(options));
        ItemReplica replica = new ItemReplica(new ItemModel(config));
        InteractionLearner learner = new InteractionLearner(config, replica);
        Recommender recommender = new Recommender(config, null);
        LongObjectHashMap<UserProfile> profiles = new LongObjectHashMap<>();
        LongObjectHashMap<IntArrayList> histories = new LongObjectHashMap<>();
        SeenItems seen = new SeenItems();
        LongIntHashMap index = new LongIntHashMap();
        for (Event e : events) {
            if (!index.containsKey(e.itemId)) {
                index.put(e.itemId, index.size());
            }
        }
        int items = index.size();
        long[] idOf = new long[items];
        for (LongIntCursor c : index) {
            idOf[c.value] = c.key;
        }
        short[][] co = new short[items][items];
        int[] users = new int[items];
        boolean[] known = new boolean[items];
        float[] knn = new float[items];
        float[] combined = new float[items];
        List<IntArrayList> touchedBy = new ArrayList<>();
        for (int j = 0; j < items; j++) {
            touchedBy.add(new IntArrayList());
        }
        LongIntHashMap userIndex = new LongIntHashMap();
        List<IntArrayList> historyOf = new ArrayList<>();
        float[] similarity = new float[0];
        long evaluated = 0;
        long knownEvents = 0;
        long[] hits = new long[LAMBDAS.length];
        long[] hitsAt30 = new long[LAMBDAS.length];
        long hits50 = 0;
        String modelLocation = System.getProperty("probe.model");
        RankingModel model = modelLocation == null ? null : RankingModel.load(modelLocation);
        String examplesFile = System.getProperty("probe.examples");
        BufferedWriter examples = examplesFile == null || formsMode ? null : new BufferedWriter(new OutputStreamWriter(
                new GZIPOutputStream(Files.newOutputStream(Path.of(examplesFile)), 1 << 16), StandardCharsets.UTF_8), 1 << 16);
        if (examples != null) {
            examples.write("list,ts,label," + String.join(",", RankingFeatures.NAMES));
            examples.newLine();
        }
        long examplesWritten = 0;
        long[] quotaHeld = new long[QUOTAS.length + 1];
        long[] quotaHits = new long[QUOTAS.length + 1];
        long hits30 = 0;
        List<CoCountForms.Form> forms = new ArrayList<>();
        List<BufferedWriter> formExamples = new ArrayList<>();
        BufferedReader spliced = null;
        long[] formNanos = null;
        long formLists = 0;
        if (formsMode) {
            spliced = new BufferedReader(new InputStreamReader(new GZIPInputStream(
                    Files.newInputStream(Path.of(System.getProperty("probe.splice"))), 1 << 16), StandardCharsets.UTF_8), 1 << 16);
            String header = spliced.readLine();
            for (String name : System.getProperty("probe.forms").split(",")) {
                forms.add(CoCountForms.parse(name, items));
                BufferedWriter out = Files.newBufferedWriter(Path.of(examplesFile.replace(".csv", "-" + name + ".csv")));
                out.write(header);
                out.newLine();
                formExamples.add(out);
            }
            formNanos = new long[forms.size()];
        }
        for (Event event : events) {
            UserProfile profile = BlendReplay.profileOf(profiles, event.userId, config);
            IntArrayList history = histories.get(event.userId);
            if (history == null) {
                history = new IntArrayList();
                histories.put(event.userId, history);
                userIndex.put(event.userId, historyOf.size());
                historyOf.add(history);
            }
            profile.seenInto(seen);
            int target = index.get(event.itemId);
            if (profile.interactions > 0 && ++knownEvents % sample == 0) {
                evaluated++;
                CandidateList list = recommender.rankAll(event, profile, seen, replica, POOL);
                for (int n = 0; n < Math.min(50, list.itemIds.length); n++) {
                    hits50 += list.itemIds[n] == event.itemId ? 1 : 0;
                    hits30 += n < 30 && list.itemIds[n] == event.itemId ? 1 : 0;
                }
                if (formsMode) {
                    if (writeForms(spliced, formExamples, examplesWritten++, event, list, forms, history, index, context, decay,
                            alpha, formNanos)) {
                        formLists++;
                    }
                    learnForms(forms, history, target, userIndex.get(event.userId));
                    learnFrom(event, learner, profile, seen, config, history, co, users, touchedBy, userIndex, target, known);
                    continue;
                }
                Arrays.fill(knn, 0f);
                if (secondOrder) {
                    secondOrderScores(profile, replica, index, context, decay, alpha, knn);
                } else if (fromLists) {
                    listScores(profile, replica, index, context, decay, alpha, knn);
                } else if (fromUsers) {
                    if (similarity.length < historyOf.size()) {
                        similarity = new float[historyOf.size() * 2];
                    }
                    userScores(history, userIndex.get(event.userId), touchedBy, historyOf, similarity, context, decay, alpha, knn);
                } else {
                    exactScores(history, co, users, context, decay, alpha, knn);
                }
                for (int k = 0; k < history.size(); k++) {
                    knn[history.get(k)] = 0f;
                }
                float bestKnn = 0f;
                for (float s : knn) {
                    bestKnn = Math.max(bestKnn, s);
                }
                bestKnn = bestKnn == 0f ? 1f : bestKnn;
                float bestBlend = list.scores.length > 0 ? Math.max(1e-6f, list.scores[0]) : 1f;
                float floor = list.scores.length > 0 ? list.scores[list.scores.length - 1] - 1e-3f : 0f;
                if (examples != null) {
                    writeExample(examples, examplesWritten++, event, list, knn, index);
                    learnFrom(event, learner, profile, seen, config, history, co, users, touchedBy, userIndex, target, known);
                    continue;
                }
                if (model != null) {
                    quotaPools(list, knn, index, event.itemId, model, quotaHeld, quotaHits);
                }
                for (int l = 0; l < LAMBDAS.length; l++) {
                    Arrays.fill(combined, Float.NEGATIVE_INFINITY);
                    for (int j = 0; j < items; j++) {
                        if (known[j] && !seen.contains(idOf[j])) {
                            combined[j] = floor / bestBlend + LAMBDAS[l] * knn[j] / bestKnn;
                        }
                    }
                    for (int n = 0; n < list.itemIds.length; n++) {
                        int j = index.get(list.itemIds[n]);
                        combined[j] = list.scores[n] / bestBlend + LAMBDAS[l] * knn[j] / bestKnn;
                    }
                    hits[l] += inTop(combined, target, 10) ? 1 : 0;
                    hitsAt30[l] += inTop(combined, target, 30) ? 1 : 0;
                }
            }
            learnForms(forms, history, target, userIndex.get(event.userId));
            learnFrom(event, learner, profile, seen, config, history, co, users, touchedBy, userIndex, target, known);
        }
        if (examples != null) {
            examples.close();
        }
        for (int f = 0; f < forms.size(); f++) {
            formExamples.get(f).close();
            System.out.printf(Locale.ROOT, "form %s: %,d lists written, %.1f us per list of %d candidates x %d context items%n",
                    forms.get(f).name, formLists, formNanos[f] / 1e3 / Math.max(1, formLists), EXAMPLE_CANDIDATES, context);
        }
        System.out.printf("%s evaluated=%d blend recall@30=%.4f recall@50=%.4f%n", options, evaluated,
                (double) hits30 / evaluated, (double) hits50 / evaluated);
        for (int q = 0; model != null && q < QUOTAS.length; q++) {
            System.out.printf("quota: blend's first %d + kNN's best %d of the blend's top %d: pool recall@%d=%.4f, %s recall@10=%.4f%n",
                    CANDIDATES - QUOTAS[q], QUOTAS[q], POOL, CANDIDATES, (double) quotaHeld[q] / evaluated, modelLocation,
                    (double) quotaHits[q] / evaluated);
        }
        if (model != null) {
            System.out.printf("oracle: blend's first %d + the target wherever in the blend's top %d: pool recall@%d=%.4f, %s recall@10=%.4f%n",
                    CANDIDATES - 1, POOL, CANDIDATES, (double) quotaHeld[QUOTAS.length] / evaluated, modelLocation,
                    (double) quotaHits[QUOTAS.length] / evaluated);
        }
        for (int l = 0; l < LAMBDAS.length; l++) {
            System.out.printf("%s context=%d decay=%.2f alpha=%.2f lambda=%s recall@10=%.4f recall@30=%.4f%n",
                    secondOrder ? "second" : fromLists ? "lists" : fromUsers ? "users" : "full",
                    context, decay, alpha, LAMBDAS[l], (double) hits[l] / evaluated, (double) hitsAt30[l] / evaluated);
        }
    }

    private static void exactScores(IntArrayList history, short[][] co, int[] users, int context, float decay, float alpha,
            float[] knn) {
        float w = 1f;
        for (int k = history.size() - 1, c = 0; k >= 0 && c < context; k--, c++, w *= decay) {
            int i = history.get(k);
            double from = Math.pow(users[i], 1 - alpha);
            short[] row = co[i];
            for (int j = 0; j < row.length; j++) {
                if (row[j] != 0) {
                    knn[j] += (float) (w * row[j] / (from * Math.pow(users[j], alpha)));
                }
            }
        }
    }

    /**
     * The user-kNN scores ({@code source=users}) into {@code knn}; {@code similarity} is scratch
     * space, one slot per user, all 0 before and after.
     */
    private static void userScores(IntArrayList history, int self, List<IntArrayList> touchedBy, List<IntArrayList> historyOf,
            float[] similarity, int context, float decay, float alpha, float[] knn) {
        IntArrayList met = new IntArrayList();
        float w = 1f;
        for (int k = history.size() - 1, c = 0; k >= 0 && c < context; k--, c++, w *= decay) {
            IntArrayList postings = touchedBy.get(history.get(k));
            float idf = (float) (1 / Math.log(2 + postings.size()));
            for (int p = 0; p < postings.size(); p++) {
                int v = postings.get(p);
                if (v != self) {
                    if (similarity[v] == 0f) {
                        met.add(v);
                    }
                    similarity[v] += w * idf;
                }
            }
        }
        int[] neighbours = met.toArray();
        for (int v : neighbours) {
            similarity[v] /= (float) Math.pow(historyOf.get(v).size(), alpha);
        }
        Integer[] boxed = Arrays.stream(neighbours).boxed().toArray(Integer[]::new); // a probe: sorted by comparator
        Arrays.sort(boxed, (a, b) -> Float.compare(similarity[b], similarity[a]));
        for (int n = 0; n < Math.min(NEIGHBOUR_USERS, boxed.length); n++) {
            IntArrayList items = historyOf.get(boxed[n]);
            float sim = similarity[boxed[n]];
            for (int q = 0; q < items.size(); q++) {
                knn[items.get(q)] += sim;
            }
        }
        for (int v : neighbours) {
            similarity[v] = 0f;
        }
    }

    private static void listScores(UserProfile profile, ItemReplica replica, LongIntHashMap index, int context, float decay,
            float alpha, float[] knn) {
        float w = 1f;
        for (int k = 0; k < Math.min(context, profile.recent.length); k++, w *= decay) {
            ItemFactor f = replica.get(profile.recent[k]);
            byte[] list = f.replicaNeighbours();
            int count = ReplicaNeighbours.count(list);
            double from = Math.pow(Math.max(1.0, f.popularity), 1 - alpha);
            for (int n = 0; n < count; n++) {
                ItemFactor g = replica.inSlot(ReplicaNeighbours.slot(list, n));
                if (g != null) {
                    float weight = ReplicaNeighbours.weight(list, count, n);
                    knn[index.get(g.id)] += (float) (w * weight / (from * Math.pow(Math.max(1.0, g.popularity), alpha)));
                }
            }
        }
    }

    /** The forms learn a first interaction ({@code target} not yet in {@code history}) before the history takes it. */
    private static void learnForms(List<CoCountForms.Form> forms, IntArrayList history, int target, int user) {
        if (forms.isEmpty() || history.contains(target)) {
            return;
        }
        for (CoCountForms.Form form : forms) {
            form.learn(user, target, history);
        }
    }

    /**
     * The next list of {@code spliced} (ranking examples this replay wrote before, {@link #writeExample}'s
     * with the same lists) once per form, each with its form's feature in place of {@code context_votes};
     * false when the first 100 miss the target (no list there either). Fails when the file's list is
     * not this replay's (number, size or target's place differ).
     */
    private static boolean writeForms(BufferedReader spliced, List<BufferedWriter> out, long number, Event event,
            CandidateList list, List<CoCountForms.Form> forms, IntArrayList history, LongIntHashMap index, int context,
            float decay, float alpha, long[] nanos) throws IOException {
        int size = Math.min(EXAMPLE_CANDIDATES, list.itemIds.length);
        int positive = -1;
        int[] candidates = new int[size];
        for (int n = 0; n < size; n++) {
            positive = list.itemIds[n] == event.itemId ? n : positive;
            candidates[n] = index.get(list.itemIds[n]);
        }
        if (positive < 0) {
            return false;
        }
        String[] before = new String[size];
        String[] after = new String[size];
        for (int n = 0; n < size; n++) {
            String row = spliced.readLine();
            int comma = -1;
            for (int field = 0; field < 3 + RankingFeatures.CONTEXT_VOTES; field++) {
                comma = row.indexOf(',', comma + 1);
            }
            int next = row.indexOf(',', comma + 1);
            String expected = number + "," + event.ts + "," + (n == positive ? '1' : '0') + ",";
            if (!row.startsWith(expected)) {
                throw new IllegalStateException("list " + number + " row " + n + " is not this replay's: " + row);
            }
            before[n] = row.substring(0, comma + 1);
            after[n] = row.substring(next);
        }
        for (int f = 0; f < forms.size(); f++) {
            long start = System.nanoTime();
            float[] s = CoCountForms.score(forms.get(f), history, candidates, context, decay, alpha);
            nanos[f] += System.nanoTime() - start;
            BufferedWriter w = out.get(f);
            for (int n = 0; n < size; n++) {
                w.write(before[n]);
                w.write(Float.toString(s[n]));
                w.write(after[n]);
                w.newLine();
            }
        }
        return true;
    }

    private static void learnFrom(Event event, InteractionLearner learner, UserProfile profile, SeenItems seen,
            LearningConfig config, IntArrayList history, short[][] co, int[] users, List<IntArrayList> touchedBy,
            LongIntHashMap userIndex, int target, boolean[] known) {
        learner.learn(event.userId, event.itemId, event.item, event.ts, config.weightOf(event.type), profile, seen);
        profile.remember(event.itemId, event.type, event.ts, seen, config.maxSeen, config.recentItems);
        profile.interactions++;
        profile.lastTs = Math.max(profile.lastTs, event.ts);
        if (!history.contains(target)) {
            for (int k = 0; k < history.size(); k++) {
                co[target][history.get(k)]++;
                co[history.get(k)][target]++;
            }
            users[target]++;
            history.add(target);
            touchedBy.get(target).add(userIndex.get(event.userId));
        }
        known[target] = true;
    }

    /**
     * The blend's first {@value #EXAMPLE_CANDIDATES} of {@code list} as a ranking example in the
     * format of {@link ExampleLog} when they hold the target, their list-relative features
     * recomputed for those 100, and the kNN signal (over its best) in place of
     * {@code context_votes}, which ranking-v6 does not read: {@code train-ranker --features 0-18}
     * then trains a model that reads the kNN signal, {@code --features 0-14,16-18} one that does not.
     */
    private static void writeExample(BufferedWriter out, long number, Event event, CandidateList list, float[] knn,
            LongIntHashMap index) throws IOException {
        int size = Math.min(EXAMPLE_CANDIDATES, list.itemIds.length);
        int positive = -1;
        for (int n = 0; n < size; n++) {
            positive = list.itemIds[n] == event.itemId ? n : positive;
        }
        if (positive < 0) {
            return;
        }
        int[] pool = new int[size];
        for (int n = 0; n < size; n++) {
            pool[n] = n;
        }
        float[] rows = PoolProbe.poolRows(list.features, 0, pool);
        float best = 0f;
        for (float s : knn) {
            best = Math.max(best, s);
        }
        StringBuilder row = new StringBuilder();
        for (int n = 0; n < size; n++) {
            rows[n * RankingFeatures.COUNT + RankingFeatures.CONTEXT_VOTES] = best > 0f ? knn[index.get(list.itemIds[n])] / best : 0f;
            row.setLength(0);
            row.append(number).append(',').append(event.ts).append(',').append(n == positive ? '1' : '0');
            for (int f = 0; f < RankingFeatures.COUNT; f++) {
                row.append(',').append(String.format(Locale.ROOT, "%.6g", rows[n * RankingFeatures.COUNT + f]));
            }
            out.write(row.toString());
            out.newLine();
        }
    }

    /**
     * For each quota q, a pool of the ranking model's {@value #CANDIDATES} candidates: the blend's
     * first {@code 30 - q}, then the q of the rest of {@code list} (the blend's top {@value #POOL},
     * with their features) that {@code knn} scores highest; whether it holds {@code target}, and
     * whether the model, given the pool in blend order with its list-relative features recomputed
     * ({@link PoolProbe#poolRows}), orders it in the first 10. One more pool after the quotas', a
     * bound: the blend's first 29 and the target wherever the blend's top 300 hold it (the pool of
     * a perfect source given one place).
     */
    private static void quotaPools(CandidateList list, float[] knn, LongIntHashMap index, long target, RankingModel model,
            long[] held, long[] hits) {
        int size = list.itemIds.length;
        int positive = -1;
        for (int n = 0; n < size; n++) {
            positive = list.itemIds[n] == target ? n : positive;
        }
        for (int q = 0; q < QUOTAS.length + 1; q++) {
            boolean oracle = q == QUOTAS.length;
            int first = Math.min(size, CANDIDATES - (oracle ? 1 : QUOTAS[q]));
            boolean[] taken = new boolean[size];
            Arrays.fill(taken, 0, first, true);
            if (oracle && positive >= first) {
                taken[positive] = true;
            } else if (oracle && first < size) {
                taken[first] = true;
            }
            for (int added = 0; !oracle && added < QUOTAS[q] && first + added < size; added++) {
                int best = -1;
                for (int n = first; n < size; n++) {
                    if (!taken[n] && (best < 0 || knn[index.get(list.itemIds[n])] > knn[index.get(list.itemIds[best])])) {
                        best = n;
                    }
                }
                taken[best] = true;
            }
            if (positive < 0 || !taken[positive]) {
                continue;
            }
            held[q]++;
            int[] pool = new int[Math.min(size, CANDIDATES)];
            int inPool = -1;
            for (int n = 0, p = 0; n < size; n++) {
                if (taken[n]) {
                    inPool = n == positive ? p : inPool;
                    pool[p++] = n;
                }
            }
            float[] rows = PoolProbe.poolRows(list.features, 0, pool);
            float[] scores = model.score(rows, pool.length);
            if (OrderMix.RANK.rankOfPositive(scores, rows, pool.length, inPool, 0, !model.ranksRefind()) < 10) {
                hits[q]++;
            }
        }
    }

    /**
     * Second-order neighbours from the job's lists ({@code source=second}): for each of the user's
     * latest {@code context} items i_k, its {@value #SECOND_ORDER_VIA} strongest neighbours n, and
     * their neighbours j: {@code knn(j) += decay^k share(i_k, n) share(n, j)}, a share being a
     * neighbour's weight over its list's mass (smoothed as the blend's); {@code alpha} divides by
     * j's popularity^alpha, as {@link #listScores} does.
     */
    private static void secondOrderScores(UserProfile profile, ItemReplica replica, LongIntHashMap index, int context,
            float decay, float alpha, float[] knn) {
        float w = 1f;
        for (int k = 0; k < Math.min(context, profile.recent.length); k++, w *= decay) {
            ItemFactor f = replica.get(profile.recent[k]);
            byte[] list = f.replicaNeighbours();
            int count = ReplicaNeighbours.count(list);
            float mass = ReplicaNeighbours.mass(list) + 20f;
            boolean[] taken = new boolean[count];
            for (int via = 0; via < Math.min(SECOND_ORDER_VIA, count); via++) {
                int n = -1;
                for (int c = 0; c < count; c++) { // the strongest neighbour not taken yet (lists are not in weight order)
                    if (!taken[c] && (n < 0 || ReplicaNeighbours.weight(list, count, c) > ReplicaNeighbours.weight(list, count, n))) {
                        n = c;
                    }
                }
                taken[n] = true;
                ItemFactor g = replica.inSlot(ReplicaNeighbours.slot(list, n));
                if (g == null) {
                    continue;
                }
                float first = w * ReplicaNeighbours.weight(list, count, n) / mass;
                byte[] second = g.replicaNeighbours();
                int count2 = ReplicaNeighbours.count(second);
                float mass2 = ReplicaNeighbours.mass(second) + 20f;
                for (int m = 0; m < count2; m++) {
                    ItemFactor h = replica.inSlot(ReplicaNeighbours.slot(second, m));
                    if (h != null) {
                        knn[index.get(h.id)] += (float) (first * ReplicaNeighbours.weight(second, count2, m) / mass2
                                / Math.pow(Math.max(1.0, h.popularity), alpha));
                    }
                }
            }
        }
    }

    /** Whether fewer than {@code k} items score strictly above {@code target} (a tie goes to the target). */
    private static boolean inTop(float[] scores, int target, int k) {
        float t = scores[target];
        if (t == Float.NEGATIVE_INFINITY) {
            return false;
        }
        int above = 0;
        for (int j = 0; j < scores.length && above < k; j++) {
            if (j != target && scores[j] > t) {
                above++;
            }
        }
        return above < k;
    }
}
