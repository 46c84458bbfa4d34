package io.recstream.bench;

import io.recstream.recommend.SeenItems;
import io.recstream.event.Event;
import io.recstream.learn.FactorInit;
import io.recstream.learn.LearningConfig;
import io.recstream.model.InteractionLearner;
import io.recstream.model.ItemModel;
import io.recstream.model.ItemReplica;
import io.recstream.model.ItemUpdate;
import io.recstream.recommend.UserProfile;
import io.recstream.synthetic.SyntheticEventGenerator;

import com.carrotsearch.hppc.LongObjectHashMap;

import java.util.ArrayList;
import java.util.List;

/**
 * The user-learner's learning from one interaction, without Flink, for the benchmarks: the user's
 * profile from a map, its seen set, {@link InteractionLearner#learn} (the user's step and the item
 * steps, applied to one replica at once) and the profile's update.
 */
final class InteractionLoop {
    private final LearningConfig config;
    private final ItemReplica replica;
    private final InteractionLearner learner;
    private final LongObjectHashMap<UserProfile> profiles = new LongObjectHashMap<>();
    private final SeenItems seen = new SeenItems();

    InteractionLoop(LearningConfig config) {
        this.config = config;
        this.replica = new ItemReplica(new ItemModel(config));
        this.learner = new InteractionLearner(config, replica);
    }

    /** The first {@code n} interactions (with an item) of the synthetic shop stream. */
    static Event[] interactions(SyntheticEventGenerator generator, int n) {
        List<Event> events = new ArrayList<>(n);
        while (events.size() < n) {
            Event e = generator.next();
            if (e.isInteraction() && e.item != null) {
                events.add(e);
            }
        }
        return events.toArray(new Event[0]);
    }

    /** Learns from {@code event}; returns its item updates (none for a type of weight 0). */
    List<ItemUpdate> learn(Event event) {
        UserProfile profile = profiles.get(event.userId);
        if (profile == null) {
            profile = new UserProfile(FactorInit.vector(event.userId, config.dim, config.initStdDev, config.seed));
            profiles.put(event.userId, profile);
        }
        profile.seenInto(seen);
        float weight = config.weightOf(event.type);
        List<ItemUpdate> updates = weight > 0f
                ? learner.learn(event.userId, event.itemId, event.item, event.ts, weight, profile, seen)
                : List.of();
        profile.remember(event.itemId, event.type, event.ts, seen, config.maxSeen, config.recentItems);
        profile.interactions++;
        return updates;
    }

    int replicaItems() {
        return replica.size();
    }
}
