package io.recstream.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.recstream.learn.LearningConfig;
import io.recstream.recommend.IntentItem;
import io.recstream.recommend.SeenItems;
import io.recstream.recommend.UserProfile;

import org.junit.jupiter.api.Test;

import java.util.List;

class InteractionLearnerTest {
    /**
     * Search-intent pseudo-items are never sampled as negatives, and an update of one that
     * co-occurs carries its name (the owner may not have it yet), while a plain item's carries none.
     */
    @Test
    void intentPseudoItemsAreNeverNegativesAndTheirCooccurrencesCarryTheirNames() {
        LearningConfig config = LearningConfig.builder().negatives(10).negativeItemSteps(10).build();
        ItemReplica replica = new ItemReplica(new ItemModel(config));
        for (long item = 1; item <= 20; item++) {
            replica.getOrCreate(item, item % 2 == 0 ? IntentItem.of("intent " + item) : "item " + item);
        }
        InteractionLearner learner = new InteractionLearner(config, replica);
        UserProfile profile = new UserProfile(new float[config.dim]);
        profile.recent = new long[] {2, 3};
        int negatives = 0;
        for (int n = 0; n < 50; n++) {
            profile.interactions = n;
            List<ItemUpdate> updates = learner.learn(7L, 1L, "item 1", 1_000L * n, 1f, profile, new SeenItems());
            for (ItemUpdate update : updates) {
                if (update.isFactorOnly()) {
                    negatives++;
                    assertThat(update.item % 2).as("a negative").isEqualTo(1);
                } else if (update.item != 1L) {
                    assertThat(update.name).as("the name of co-occurring %d", update.item)
                            .isEqualTo(update.item == 2L ? IntentItem.of("intent 2") : null);
                }
            }
        }
        assertThat(negatives).isGreaterThan(100);
    }
}
