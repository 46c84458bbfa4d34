package io.recstream.bench;

import io.recstream.recommend.SeenItems;
import io.recstream.event.Event;
import io.recstream.learn.FactorInit;
import io.recstream.learn.LearningConfig;
import io.recstream.model.InteractionLearner;
import io.recstream.model.ItemModel;
import io.recstream.model.ItemReplica;
import io.recstream.model.ItemUpdate;
import io.recstream.model.ItemUpdateSums;
import io.recstream.recommend.Recommender;
import io.recstream.recommend.UserProfile;
import io.recstream.replay.RatingsFile;

import com.carrotsearch.hppc.LongObjectHashMap;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

/**
 * How much the item loop's lag costs, without Flink or Kafka: the default learner replayed over a
 * ratings file with users split across {@code P} replicas by hash, as a keyBy splits them. Each
 * replica applies its own updates at once and the other replicas' updates {@code lag} events
 * later; the parts of an update named in {@code delayed} (f = factor step, p = popularity,
 * c = co-occurrence) wait, the other parts reach every replica at once. With a {@code window} of W
 * events, each replica's updates are first summed per item over W events, as the job's
 * {@code ItemUpdateAccumulator} sums them over a few milliseconds, and the sums travel (W = 1:
 * each update on its own). Prints recall@10 of the prequential protocol (blend only, no ranking
 * model), and how many item updates the sums saved.
 *
 * <pre>java -cp bench/target/benchmarks.jar io.recstream.bench.LoopLagSimulation RATINGS P LAG [fpc [WINDOW]]</pre>
 */
public final class LoopLagSimulation {
    private record InFlight(long dueAt, int origin, ItemUpdate update) {}

    private LoopLagSimulation() {}

    public static void main(String[] args) throws Exception {
        List<Event> events = RatingsFile.read(Path.of(args[0]));
        int replicas = Integer.parseInt(args[1]);
        long lag = Long.parseLong(args[2]);
        String delayed = args.length > 3 ? args[3] : "fpc";
        int window = args.length > 4 ? Integer.parseInt(args[4]) : 1;
        LearningConfig config = LearningConfig.builder().build();
        List<ItemReplica> replica = new ArrayList<>();
        List<InteractionLearner> learner = new ArrayList<>();
        for (int n = 0; n < replicas; n++) {
            replica.add(new ItemReplica(new ItemModel(config)));
            learner.add(new InteractionLearner(config, replica.get(n)));
        }
        Recommender recommender = new Recommender(config);
        LongObjectHashMap<UserProfile> profiles = new LongObjectHashMap<>();
        SeenItems seen = new SeenItems();
        ArrayDeque<InFlight> loop = new ArrayDeque<>();
        List<ItemUpdateSums> summing = new ArrayList<>();
        for (int n = 0; n < replicas; n++) {
            summing.add(new ItemUpdateSums(config));
        }
        long evaluated = 0;
        long hits = 0;
        long position = 0;
        long steps = 0;
        long sent = 0;
        for (Event event : events) {
            position++;
            while (!loop.isEmpty() && loop.peek().dueAt() <= position) {
                InFlight late = loop.poll();
                applyToOthers(replica, late.origin(), part(late.update(), delayed));
            }
            int subtask = Math.floorMod(event.user.hashCode(), replicas);
            UserProfile profile = profiles.get(event.userId);
            if (profile == null) {
                profile = new UserProfile(FactorInit.vector(event.userId, config.dim, config.initStdDev, config.seed));
                profiles.put(event.userId, profile);
            }
            profile.seenInto(seen);
            if (profile.interactions > 0 && !seen.contains(event.itemId)) {
                evaluated++;
                long[] listed = recommender.rankAll(event, profile, seen, replica.get(subtask), config.topK).itemIds;
                if (LongStream.of(listed).anyMatch(id -> id == event.itemId)) {
                    hits++;
                }
            }
            for (ItemUpdate update : learner.get(subtask).learn(event.userId, event.itemId, event.item, event.ts, 1f, profile, seen)) {
                applyToOthers(replica, subtask, part(update, complement(delayed)));
                steps++;
                summing.get(subtask).add(update);
            }
            if (position % window == 0) {
                long due = position + lag;
                for (int n = 0; n < replicas; n++) {
                    int origin = n;
                    sent += summing.get(n).size();
                    summing.get(n).drain(sum -> loop.add(new InFlight(due, origin, sum)));
                }
            }
            profile.remember(event.itemId, event.type, event.ts, seen, config.maxSeen, config.recentItems);
            profile.interactions++;
        }
        System.out.printf("replicas=%d lag=%d delayed=%s window=%d recall@10=%.4f evaluated=%d item steps=%d updates sent=%d (%.1f steps each)%n",
                replicas, lag, delayed, window, (double) hits / evaluated, evaluated, steps, sent, (double) steps / sent);
    }

    private static void applyToOthers(List<ItemReplica> replicas, int origin, ItemUpdate update) {
        if (update == null) {
            return;
        }
        for (int n = 0; n < replicas.size(); n++) {
            if (n != origin) {
                replicas.get(n).applyLocal(update);
            }
        }
    }

    private static String complement(String parts) {
        StringBuilder rest = new StringBuilder();
        for (char part : new char[] {'f', 'p', 'c'}) {
            if (parts.indexOf(part) < 0) {
                rest.append(part);
            }
        }
        return rest.toString();
    }

    /** The named parts of {@code u} (f, p, c), or null when it has none of them. */
    private static ItemUpdate part(ItemUpdate u, String parts) {
        boolean factor = parts.contains("f") && u.factorDelta != null;
        boolean popularity = parts.contains("p") && u.popularityIncrement > 0f;
        boolean cooccurrence = parts.contains("c") && u.coItems.length > 0;
        if (!factor && !popularity && !cooccurrence) {
            return null;
        }
        ItemUpdate p = ItemUpdate.factorStep(u.item, u.name, u.ts);
        p.steps = u.steps;
        if (factor) {
            p.factorDelta = u.factorDelta;
            p.biasDelta = u.biasDelta;
        }
        if (popularity) {
            p.popularityIncrement = u.popularityIncrement;
        }
        if (cooccurrence) {
            p.coItems = u.coItems;
            p.coWeights = u.coWeights;
        }
        return p;
    }
}
