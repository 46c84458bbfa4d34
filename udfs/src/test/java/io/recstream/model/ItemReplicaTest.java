package io.recstream.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.recstream.learn.LearningConfig;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

class ItemReplicaTest {
    private final LearningConfig config = LearningConfig.builder().dim(4).neighboursPerItem(3).popularityHalfLifeMs(10_000L).build();
    private final ItemModel model = new ItemModel(config);
    private final ItemReplica replica = new ItemReplica(model);

    private static ItemUpdate interaction(String item, long ts) {
        return TestItems.interaction(item, ts, new float[] {0.1f, 0.2f, 0.3f, 0.4f}, 1f, new String[0], new float[0]);
    }

    private static ItemFactor published(String item, long version, float x) {
        ItemFactor f = TestItems.item(item, new float[] {x, x, x, x});
        f.version = version;
        return f;
    }

    @Test
    void createsUnknownItemsFromTheirSeededVector() {
        ItemFactor f = replica.getOrCreate(TestItems.id("x"), "x");
        assertThat(f.vector).containsExactly(TestItems.create(model, "x").vector);
        assertThat(replica.getOrCreate(TestItems.id("x"), "x")).isSameAs(f);
        assertThat(replica.size()).isEqualTo(1);
    }

    @Test
    void localApplyIncrementsTheVersion() {
        replica.applyLocal(interaction("x", 1L));
        replica.applyLocal(TestItems.cooccurrence("x", 2L, "y", 1f));
        assertThat(replica.get(TestItems.id("x")).version).isEqualTo(2);
    }

    @Test
    void aPublishedVersionNotNewerThanTheHeldOneIsIgnored() {
        replica.applyLocal(interaction("x", 1L));
        replica.applyLocal(interaction("x", 2L));
        float[] held = replica.get(TestItems.id("x")).vector.clone();

        assertThat(replica.applyPublished(published("x", 1, 9f))).isNull();
        assertThat(replica.applyPublished(published("x", 2, 9f))).isNull();
        assertThat(replica.get(TestItems.id("x")).version).isEqualTo(2);
        assertThat(replica.get(TestItems.id("x")).vector).containsExactly(held);
    }

    @Test
    void aNewerPublishedVersionReplacesTheHeldOne() {
        replica.applyLocal(interaction("x", 1L));
        ItemFactor newer = published("x", 5, 0.5f);
        assertThat(replica.applyPublished(newer)).isSameAs(newer);
        assertThat(replica.get(TestItems.id("x"))).isSameAs(newer);
        assertThat(replica.get(TestItems.id("x")).vector).containsExactly(0.5f, 0.5f, 0.5f, 0.5f);
        // an unknown item is taken at any version
        assertThat(replica.applyPublished(published("y", 0, 1f))).isNotNull();
        assertThat(replica.size()).isEqualTo(2);
    }

    @Test
    void atParallelismOneTheReplicaEndsEqualToTheOwnerAndIgnoresItsPublications() {
        List<ItemUpdate> updates = randomUpdates(300);
        for (ItemUpdate u : updates) {
            replica.applyLocal(u);
        }

        // The owner (ItemLearner) applies the same updates in the same order and publishes each result.
        Map<Long, ItemFactor> owner = new HashMap<>();
        for (ItemUpdate u : updates) {
            ItemFactor f = owner.computeIfAbsent(u.item, id -> model.create(id, u.name));
            model.apply(f, u);
            assertThat(replica.applyPublished(f.copy())).isNull();
        }

        assertThat(replica.size()).isEqualTo(owner.size());
        for (ItemFactor f : owner.values()) {
            Replicas.assertHoldsLike(replica, f);
        }
    }

    @Test
    void anOwnerOfSummedUpdatesReachesTheVersionsAndVectorsOfTheReplica() {
        List<ItemUpdate> updates = randomUpdates(300);
        for (ItemUpdate u : updates) {
            replica.applyLocal(u);
        }

        // The accumulator sums each item's updates over windows of 7 updates; the owner applies the sums.
        Map<Long, ItemFactor> owner = new HashMap<>();
        ItemUpdateSums sums = new ItemUpdateSums(config);
        for (int from = 0; from < updates.size(); from += 7) {
            for (ItemUpdate u : updates.subList(from, Math.min(from + 7, updates.size()))) {
                sums.add(u);
            }
            sums.drain(sum -> model.apply(owner.computeIfAbsent(sum.item, id -> model.create(id, sum.name)), sum));
        }

        assertThat(replica.size()).isEqualTo(owner.size());
        for (ItemFactor f : owner.values()) {
            ItemFactor held = replica.get(f.id);
            assertThat(held.version).isEqualTo(f.version);
            assertThat(held.touchedTs).isEqualTo(f.touchedTs);
            assertThat(held.vector).containsExactly(f.vector, org.assertj.core.api.Assertions.within(1e-5f));
            // the sum's popularity may be referred to a later time: the same popularity, so the same trend key
            assertThat(model.trendKey(held)).isCloseTo(model.trendKey(f), org.assertj.core.api.Assertions.within(1e-6));
            assertThat(replica.applyPublished(f.copy())).isNull(); // never newer than what the replica predicted
        }
    }

    @Test
    void popularityIndexOrdersByTrendThenItemId() {
        replica.applyLocal(interaction("b", 1000L));
        replica.applyLocal(interaction("a", 1000L)); // tie with b: the smaller numeric id first
        replica.applyLocal(interaction("c", 1000L));
        replica.applyLocal(interaction("c", 1000L)); // c twice as popular
        replica.getOrCreate(TestItems.id("z"), "z");                     // never interacted: last
        String first = TestItems.id("a") < TestItems.id("b") ? "a" : "b";
        String second = first.equals("a") ? "b" : "a";
        assertThat(ids(mostPopular(10))).containsExactly("c", first, second, "z");
        assertThat(ids(mostPopular(2))).containsExactly("c", first);
        assertThat(replica.topTrendKey()).isEqualTo(model.trendKey(replica.get(TestItems.id("c"))));
    }

    @Test
    void popularityIndexFollowsLocalAndPublishedChanges() {
        replica.applyLocal(interaction("a", 1000L));
        replica.applyLocal(interaction("b", 1000L));
        replica.applyLocal(interaction("b", 1000L));
        assertThat(ids(mostPopular(10))).containsExactly("b", "a");

        ItemFactor hotA = published("a", 10, 0f);
        hotA.popularity = 100;
        hotA.popularityTs = 1000L;
        replica.applyPublished(hotA);
        assertThat(ids(mostPopular(10))).containsExactly("a", "b");
        assertThat(replica.get(TestItems.id("a")).trendKey()).isEqualTo(model.trendKey(hotA));
    }

    @Test
    void aTombstoneDropsTheItemFromTheTableThePopularityIndexAndTheSlots() {
        replica.applyLocal(interaction("a", 1000L));
        replica.applyLocal(interaction("a", 1000L));
        replica.applyLocal(interaction("b", 1000L));
        replica.applyLocal(ItemUpdate.cooccurrence(TestItems.id("intent:shoes"), "intent:shoes", 1000L, TestItems.id("b"), 1f));
        replica.applyLocal(ItemUpdate.cooccurrence(TestItems.id("c"), "c", 1000L, TestItems.id("a"), 1f));
        assertThat(ids(replica.all())).containsExactly("a", "b", "intent:shoes", "c");

        assertThat(replica.applyPublished(TestItems.tombstone("a"), 2000L)).isNull();

        assertThat(replica.get(TestItems.id("a"))).isNull();
        assertThat(replica.size()).isEqualTo(3);
        assertThat(ids(mostPopular(10))).doesNotContain("a").hasSize(3);
        // the last item took the freed place; slots and intent marks still agree
        assertThat(ids(replica.all())).containsExactly("c", "b", "intent:shoes");
        for (ItemFactor f : replica.all()) {
            assertThat(replica.inSlot(f.slot())).isSameAs(f);
            assertThat(replica.isIntent(f.slot())).isEqualTo(f.item.startsWith("intent:"));
        }
        SplittableRandom random = new SplittableRandom(1);
        for (int n = 0; n < 100; n++) {
            assertThat(replica.randomItem(random).item).isNotEqualTo("a");
        }

        // the intent item moves into b's place, and keeps its slot and mark
        int intentSlot = replica.get(TestItems.id("intent:shoes")).slot();
        replica.applyPublished(TestItems.tombstone("b"), 2000L);
        assertThat(ids(replica.all())).containsExactly("c", "intent:shoes");
        assertThat(replica.isIntent(intentSlot)).isTrue();
        assertThat(replica.get(TestItems.id("intent:shoes")).slot()).isEqualTo(intentSlot);
        replica.applyPublished(TestItems.tombstone("intent:shoes"), 2000L);
        assertThat(ids(replica.all())).containsExactly("c");
        assertThat(replica.isIntent(intentSlot)).isFalse();
        // a tombstone of an item the replica never held changes nothing
        replica.applyPublished(TestItems.tombstone("never"), 2000L);
        assertThat(replica.size()).isEqualTo(1);
    }

    private static ItemFactor publishedWithNeighbours(String item, long version, String... neighbours) {
        ItemFactor f = published(item, version, 0.1f);
        f.neighbours = TestItems.ids(neighbours);
        f.neighbourWeights = new float[neighbours.length];
        java.util.Arrays.fill(f.neighbourWeights, 1f);
        return f;
    }

    private ItemFactor neighbour(String item, int n) {
        return replica.inSlot(ReplicaNeighbours.slot(replica.get(TestItems.id(item)).replicaNeighbours(), n));
    }

    @Test
    void aRemovedItemsSlotIsNotReusedWhileAListNamesItAndResolvesWhenTheItemComesBack() {
        replica.applyPublished(publishedWithNeighbours("a", 1, "b"));
        ItemFactor b = published("b", 1, 0.2f);
        replica.applyPublished(b);
        assertThat(neighbour("a", 0)).isSameAs(b);
        int slotOfB = b.slot();

        replica.applyPublished(TestItems.tombstone("b"));
        assertThat(neighbour("a", 0)).isNull();
        assertThat(b.slot()).isEqualTo(-1);
        assertThat(replica.placeholders()).isEqualTo(1);
        ItemFactor c = published("c", 1, 0.3f);
        replica.applyPublished(c);
        assertThat(c.slot()).isNotEqualTo(slotOfB);
        assertThat(neighbour("a", 0)).isNull(); // a's reference does not come to mean c
        assertThat(replica.neighbourIds(replica.get(TestItems.id("a")))).containsExactly(TestItems.id("b"));

        ItemFactor back = published("b", 1, 0.4f);
        replica.applyPublished(back);
        assertThat(back.slot()).isEqualTo(slotOfB);
        assertThat(neighbour("a", 0)).isSameAs(back);
        assertThat(replica.placeholders()).isZero();
    }

    /**
     * The same for a neighbour a local list takes in (this subtask's own co-occurrence): the list
     * holds one reference to its slot, taken when it took the neighbour in, none more when the
     * neighbour comes again, and given back when it is evicted.
     */
    @Test
    void aLocalListHoldsOneReferenceToEachNeighbourItTookIn() {
        ItemFactor b = published("b", 1, 0.2f);
        replica.applyPublished(b);
        int slotOfB = b.slot();
        replica.applyLocal(TestItems.cooccurrence("a", 1000L, "b", 1f)); // a's list takes b in
        replica.applyLocal(TestItems.cooccurrence("a", 1000L, "b", 1f)); // b again: named already

        replica.applyPublished(TestItems.tombstone("b"));
        assertThat(replica.placeholders()).isEqualTo(1);
        ItemFactor c = published("c", 1, 0.3f);
        replica.applyPublished(c);
        assertThat(c.slot()).isNotEqualTo(slotOfB);
        assertThat(replica.neighbourIds(replica.get(TestItems.id("a")))).containsExactly(TestItems.id("b"));

        // a full list (3 here) evicts b, its weakest: b's placeholder goes, the newcomers' come
        replica.applyLocal(TestItems.cooccurrence("a", 1000L, "w", 5f));
        replica.applyLocal(TestItems.cooccurrence("a", 1000L, "v", 5f));
        replica.applyLocal(TestItems.cooccurrence("a", 1000L, "u", 5f));
        assertThat(replica.neighbourIds(replica.get(TestItems.id("a")))).containsExactlyInAnyOrder(TestItems.ids("u", "w", "v"));
        assertThat(replica.placeholders()).as("u, v, w; b freed").isEqualTo(3);
    }

    @Test
    void aNeighbourNotHeldYetIsAPlaceholderThatItsItemTakes() {
        replica.applyPublished(publishedWithNeighbours("a", 1, "x"));
        assertThat(replica.size()).isEqualTo(1);
        assertThat(ids(replica.all())).containsExactly("a");
        assertThat(replica.get(TestItems.id("x"))).isNull();
        assertThat(neighbour("a", 0)).isNull();
        assertThat(replica.placeholders()).isEqualTo(1);

        ItemFactor x = replica.applyLocal(interaction("x", 1000L)); // met through this subtask's own update
        assertThat(neighbour("a", 0)).isSameAs(x);
        assertThat(replica.placeholders()).isZero();
        assertThat(ids(replica.all())).containsExactly("a", "x");
    }

    @Test
    void aPlaceholderNoListNamesAnyMoreGivesItsSlotBack() {
        replica.applyPublished(publishedWithNeighbours("a", 1, "x", "y"));
        replica.applyPublished(publishedWithNeighbours("b", 1, "x"));
        assertThat(replica.placeholders()).isEqualTo(2);

        replica.applyPublished(publishedWithNeighbours("a", 2, "y", "z")); // x still named by b
        assertThat(replica.placeholders()).isEqualTo(3);
        replica.applyPublished(TestItems.tombstone("b")); // the last list naming x
        assertThat(replica.placeholders()).isEqualTo(2); // y and z
        int bound = replica.slotBound();
        replica.applyPublished(published("c", 1, 0.1f));
        assertThat(replica.slotBound()).as("c takes a freed slot").isEqualTo(bound);

        // a full local list (3 here) that takes a new neighbour gives the evicted one's slot back
        replica.applyLocal(TestItems.cooccurrence("a", 1000L, "w", 5f));
        replica.applyLocal(TestItems.cooccurrence("a", 1000L, "v", 5f));
        assertThat(replica.neighbourIds(replica.get(TestItems.id("a")))).containsExactlyInAnyOrder(
                TestItems.ids("v", "w", "z"));
        assertThat(replica.placeholders()).isEqualTo(3); // v, w, z; y evicted, freed
    }

    @Test
    void anOlderVersionArrivingAfterTheTombstoneDoesNotBringTheItemBack() {
        long ttl = 90 * 86_400_000L;
        ItemReplica expiring = new ItemReplica(model, ttl);
        long t0 = 852_076_800_000L;
        ItemFactor v5 = published("x", 5, 0.5f);
        v5.touchedTs = t0;
        expiring.applyPublished(v5, t0);
        ItemFactor v3 = published("x", 3, 0.3f);
        v3.touchedTs = t0 - 1000;

        expiring.applyPublished(TestItems.tombstone("x"), t0 + ttl);
        assertThat(expiring.get(TestItems.id("x"))).isNull();
        assertThat(expiring.applyPublished(v3, t0 + ttl)).isNull();
        assertThat(expiring.applyPublished(v5, t0 + ttl + 1)).isNull();
        assertThat(expiring.get(TestItems.id("x"))).isNull();
        assertThat(expiring.size()).isZero();

        // the item touched again is a new item: it starts from version 1, and is taken
        ItemFactor reborn = published("x", 1, 0.9f);
        reborn.touchedTs = t0 + ttl + 5;
        assertThat(expiring.applyPublished(reborn, t0 + ttl + 10)).isSameAs(reborn);
        assertThat(expiring.get(TestItems.id("x")).vector).containsExactly(0.9f, 0.9f, 0.9f, 0.9f);
    }

    @Test
    void aReplicaRestoredFromItsCheckpointIsTheOneCheckpointed() throws Exception {
        replica.applyLocal(interaction("a", 1000L));
        replica.applyLocal(TestItems.cooccurrence("b", 1500L, "a", 2f)); // b known by id only
        replica.applyPublished(published("c", 3, 0.3f));
        replica.applyLocal(interaction("d", 2000L));
        replica.applyLocal(ItemUpdate.cooccurrence(TestItems.id("intent:shoes"), "intent:shoes", 2500L, TestItems.id("d"), 1f));
        replica.applyPublished(TestItems.tombstone("a"), 3000L); // the last slot's item moves into a's
        replica.nameIntent(TestItems.id("intent:hats"), "hats"); // searched for, not held yet

        ItemReplica restored = new ItemReplica(model);
        restored.restore(Replicas.throughState(replica.checkpoint(0, 1)));

        Replicas.assertSameReplica(restored, replica);
        assertThat(restored.get(TestItems.id("b")).item).isNull();
        assertThat(restored.getOrCreate(TestItems.id("intent:hats"), null).item).isEqualTo("intent:hats");
    }

    @Test
    void aCheckpointHoldsTheReplicaAsItWasWhenTakenWhateverChangesBeforeItIsWritten() throws Exception {
        for (String item : List.of("a", "b", "c", "d", "e")) {
            replica.applyLocal(interaction(item, 1000L));
        }
        replica.applyLocal(TestItems.cooccurrence("a", 1100L, "b", 3f));
        replica.applyLocal(TestItems.cooccurrence("a", 1100L, "c", 2f));
        replica.applyLocal(TestItems.cooccurrence("a", 1100L, "d", 1f)); // a's list is full: b, c, d
        replica.applyPublished(published("p", 3, 0.3f));
        replica.nameIntent(TestItems.id("intent:hats"), "hats");
        List<ReplicaChunk> encodedWhenTaken = Replicas.throughState(replica.checkpoint(0, 1));

        List<ReplicaChunk> taken = replica.checkpoint(0, 1); // written by the backend only after the changes below
        replica.applyLocal(interaction("a", 2000L)); // a's vector changes in place
        replica.applyLocal(TestItems.cooccurrence("b", 2100L, "c", 1f)); // b's list grows
        replica.applyLocal(TestItems.cooccurrence("a", 2100L, "b", 1f)); // a's weight of b changes in place
        replica.applyPublished(TestItems.tombstone("d"), 2200L); // a's list still names d's slot
        replica.applyLocal(TestItems.cooccurrence("a", 2300L, "e", 5f)); // e takes d's place in a's list; d's slot is free
        replica.applyLocal(interaction("new", 2400L)); // and taken by a new item
        replica.applyPublished(published("p", 4, 0.9f)); // a newer copy replaces p
        replica.getOrCreate(TestItems.id("intent:hats"), null); // the searched-for intent is held now

        ItemReplica restored = new ItemReplica(model);
        restored.restore(Replicas.throughState(taken));
        ItemReplica asItWas = new ItemReplica(model);
        asItWas.restore(encodedWhenTaken);
        Replicas.assertSameReplica(restored, asItWas);
        assertThat(restored.neighbourIds(restored.get(TestItems.id("a")))).containsExactly(TestItems.ids("b", "c", "d"));
        ItemReplica now = new ItemReplica(model);
        now.restore(Replicas.throughState(replica.checkpoint(0, 1)));
        Replicas.assertSameReplica(now, replica);
        assertThat(now.neighbourIds(now.get(TestItems.id("a")))).containsExactlyInAnyOrder(TestItems.ids("b", "c", "e"));
    }

    @Test
    void everyItemComesBackWhenTwoSubtasksCheckpointAndThreeRestore() throws Exception {
        ItemReplica first = new ItemReplica(model);
        ItemReplica second = new ItemReplica(model);
        List<String> all = new ArrayList<>();
        for (int n = 0; n < 40; n++) {
            String item = "published-" + n;
            all.add(item);
            first.applyPublished(published(item, 2, 0.1f * n)); // the item loop feeds both
            second.applyPublished(published(item, 2, 0.1f * n));
        }
        for (int n = 0; n < 39; n += 3) {
            first.applyLocal(interaction("published-" + n, 1000L)); // each subtask's own updates
            second.applyLocal(interaction("published-" + (n + 1), 1000L));
        }
        for (int n = 0; n < 10; n++) { // items only one subtask has heard of yet
            first.applyLocal(interaction("first-only-" + n, 1000L));
            second.applyLocal(interaction("second-only-" + n, 1000L));
            all.add("first-only-" + n);
            all.add("second-only-" + n);
        }
        first.nameIntent(TestItems.id("intent:hats"), "hats");

        List<ReplicaChunk> union = new ArrayList<>(Replicas.throughState(first.checkpoint(0, 2)));
        union.addAll(Replicas.throughState(second.checkpoint(1, 2)));

        // every item written once: the checkpoint holds one replica, not one per subtask
        assertThat(union.stream().mapToInt(ReplicaChunk::items).sum()).isEqualTo(all.size());
        for (int subtask = 0; subtask < 3; subtask++) {
            ItemReplica restored = new ItemReplica(model);
            restored.restore(union);
            assertThat(restored.size()).isEqualTo(all.size());
            for (String item : all) {
                long id = TestItems.id(item);
                ItemReplica writer = item.startsWith("first-only") ? first
                        : item.startsWith("second-only") ? second
                        : ItemReplica.shareOf(id, 2) == 0 ? first : second;
                ItemFactor written = writer.get(id);
                assertThat(restored.get(id)).as(item).usingRecursiveComparison().ignoringFields("slot", "replicaNeighbours")
                        .isEqualTo(written);
                assertThat(restored.neighbourIds(restored.get(id))).containsExactly(writer.neighbourIds(written));
                assertThat(restored.neighbourWeights(restored.get(id))).containsExactly(writer.neighbourWeights(written));
            }
            assertThat(restored.getOrCreate(TestItems.id("intent:hats"), null).item).isEqualTo("intent:hats");
        }
    }

    @Test
    void anItemCreatedHereIsWrittenWhateverItsShareUntilAPublishedCopyArrives() {
        ItemFactor local = replica.applyLocal(interaction("x", 1000L));
        int otherShare = 1 - ItemReplica.shareOf(local.id, 2);
        assertThat(itemsIn(replica.checkpoint(otherShare, 2))).isEqualTo(1);

        ItemFactor published = published("x", 5, 0.5f);
        replica.applyPublished(published);
        assertThat(itemsIn(replica.checkpoint(otherShare, 2))).isZero();
        assertThat(itemsIn(replica.checkpoint(1 - otherShare, 2))).isEqualTo(1);
    }

    private static int itemsIn(List<ReplicaChunk> chunks) {
        return chunks.stream().mapToInt(ReplicaChunk::items).sum();
    }

    @Test
    void anEmptyReplicaHasNoPopularItems() {
        assertThat(mostPopular(5)).isEmpty();
        assertThat(replica.topTrendKey()).isZero();
    }

    private List<ItemFactor> mostPopular(int n) {
        List<ItemFactor> top = new ArrayList<>();
        for (Iterator<ItemFactor> it = replica.popularityOrder(); it.hasNext() && top.size() < n; ) {
            top.add(it.next());
        }
        return top;
    }

    private static List<String> ids(List<ItemFactor> items) {
        List<String> ids = new ArrayList<>();
        items.forEach(f -> ids.add(f.item));
        return ids;
    }

    /** A seeded mix of interactions (with co-occurring items), negatives and co-occurrence updates. */
    private static List<ItemUpdate> randomUpdates(int n) {
        SplittableRandom random = new SplittableRandom(42);
        List<ItemUpdate> updates = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String item = "i" + random.nextInt(8);
            long ts = 1000L * i;
            float[] user = new float[4];
            for (int d = 0; d < 4; d++) {
                user[d] = (float) random.nextDouble(-0.5, 0.5);
            }
            switch (random.nextInt(3)) {
                case 0 -> updates.add(TestItems.interaction(item, ts, user, 1f + random.nextInt(3),
                        new String[] {"i" + random.nextInt(8), "i" + random.nextInt(8)}, new float[] {1f, 0.9f}));
                case 1 -> updates.add(TestItems.negative(item, ts, user));
                default -> updates.add(TestItems.cooccurrence(item, ts, "i" + random.nextInt(8), (float) random.nextDouble()));
            }
        }
        return updates;
    }
}
