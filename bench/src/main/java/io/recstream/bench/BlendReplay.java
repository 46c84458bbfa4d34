package io.recstream.bench;

import io.recstream.recommend.SeenItems;
import io.recstream.event.Event;
import io.recstream.job.LearningOptions;
import io.recstream.learn.FactorInit;
import io.recstream.learn.LearningConfig;
import io.recstream.model.InteractionLearner;
import io.recstream.model.ItemModel;
import io.recstream.model.ItemReplica;
import io.recstream.recommend.RecentSessions;
import io.recstream.recommend.Recommender;
import io.recstream.recommend.UserProfile;
import io.recstream.replay.RatingsFile;

import com.carrotsearch.hppc.LongObjectHashMap;

import org.apache.flink.configuration.Configuration;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The user-learner's evaluation path at parallelism 1 without Flink or Kafka, to compare learning
 * settings in a fraction of the time of {@code ./recstream evaluate}: the same learner, recommender,
 * session ring and repeat rules, ranked by the blend alone (no ranking model), so its figures are a
 * little below the job's and are for comparing settings with each other. Options are the job's
 * ({@code recstream.*=value}); {@code sample=N} ranks only every N-th event of a known user (all
 * events are learnt), N times faster. Prints recall@10 over every event of a known user and over
 * new items only.
 *
 * <pre>java -cp bench/target/benchmarks.jar io.recstream.bench.BlendReplay RATINGS [sample=N] [recstream.key=value ...]</pre>
 */
public final class BlendReplay {
    private BlendReplay() {}

    public static void main(String[] args) throws Exception {
        List<Event> events = RatingsFile.read(Path.of(args[0]));
        int sample = 1;
        Map<String, String> options = new HashMap<>();
        for (int a = 1; a < args.length; a++) {
            String[] kv = args[a].split("=", 2);
            if (kv[0].equals("sample")) {
                sample = Integer.parseInt(kv[1]);
            } else {
                options.put(kv[0], kv[1]);
            }
        }
        LearningConfig config = LearningOptions.toLearningConfig(Configuration.fromMap(options));
        ItemReplica replica = new ItemReplica(new ItemModel(config));
        InteractionLearner learner = new InteractionLearner(config, replica);
        RecentSessions sessions = config.sessionWeight != 0f
                ? new RecentSessions(config.neighbourSessions, config.sessionGapMs, config.recentItems, config.sessionsPerItem)
                : null;
        Recommender recommender = new Recommender(config, sessions);
        LongObjectHashMap<UserProfile> profiles = new LongObjectHashMap<>();
        SeenItems seen = new SeenItems();
        long known = 0;
        long evaluated = 0;
        long hits = 0;
        long newEvaluated = 0;
        long newHits = 0;
        for (Event event : events) {
            UserProfile profile = profileOf(profiles, event.userId, config);
            profile.seenInto(seen);
            profile.startSessionIfIdle(event.ts, config.sessionGapMs);
            if (profile.interactions > 0 && ++known % sample == 0) {
                boolean repeat = seen.contains(event.itemId);
                evaluated++;
                newEvaluated += repeat ? 0 : 1;
                if (!repeat || recommender.mayComeBack(profile, event.itemId, event.ts)) {
                    for (long listed : recommender.rankAll(event, profile, seen, replica, config.topK).itemIds) {
                        if (listed == event.itemId) {
                            hits++;
                            newHits += repeat ? 0 : 1;
                            break;
                        }
                    }
                }
            }
            float weight = config.weightOf(event.type);
            if (weight > 0f) {
                learner.learn(event.userId, event.itemId, event.item, event.ts, weight, profile, seen);
            }
            profile.remember(event.itemId, event.type, event.ts, seen, config.maxSeen, config.recentItems);
            profile.interactions++;
            if (sessions != null) {
                sessions.record(event.userId, event.itemId, event.ts);
            }
            profile.lastTs = Math.max(profile.lastTs, event.ts);
        }
        System.out.printf("%s every event of a known user: recall@10=%.4f evaluated=%d | new items only: recall@10=%.4f evaluated=%d%n",
                options, (double) hits / evaluated, evaluated, (double) newHits / newEvaluated, newEvaluated);
    }

    /** The user's profile, a new one (the job's initial vector) for a user not seen yet. */
    static UserProfile profileOf(LongObjectHashMap<UserProfile> profiles, long user, LearningConfig config) {
        UserProfile profile = profiles.get(user);
        if (profile == null) {
            profile = new UserProfile(FactorInit.vector(user, config.dim, config.initStdDev, config.seed));
            profiles.put(user, profile);
        }
        return profile;
    }
}
