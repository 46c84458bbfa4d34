package io.recstream.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import io.recstream.event.Event;
import io.recstream.event.EventJson;
import io.recstream.event.EventLimits;
import io.recstream.event.EventType;
import io.recstream.event.ParseOutcome;
import io.recstream.event.UserId;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SyntheticEventGeneratorTest {
    private static List<Event> take(SyntheticEventGenerator generator, int n) {
        List<Event> events = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            events.add(generator.next());
        }
        return events;
    }

    @Test
    void sameSeedSameEvents() {
        List<Event> a = take(SyntheticEventGenerator.builder().seed(7).build(), 5_000);
        List<Event> b = take(SyntheticEventGenerator.builder().seed(7).build(), 5_000);
        List<Event> c = take(SyntheticEventGenerator.builder().seed(8).build(), 5_000);
        assertThat(a).isEqualTo(b);
        assertThat(a).isNotEqualTo(c);
    }

    @Test
    void timestampsStrictlyIncreaseFromTheStartTime() {
        SyntheticEventGenerator generator =
                SyntheticEventGenerator.builder().startTime(1_000_000_000_000L).meanGapMillis(20).build();
        long previous = 1_000_000_000_000L;
        long first = 0;
        for (int i = 0; i < 10_000; i++) {
            Event e = generator.next();
            assertThat(e.ts).isGreaterThan(previous);
            if (i == 0) {
                first = e.ts;
            }
            previous = e.ts;
        }
        double meanGap = (previous - first) / 9_999.0;
        assertThat(meanGap).isBetween(15.0, 25.0);
    }

    @Test
    void aWallClockStampsEventsWithItsTimeNeverGoingBack() {
        long[] now = {1_800_000_000_000L};
        Clock steppable = new Clock() {
            @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
            @Override public Clock withZone(java.time.ZoneId zone) { return this; }
            @Override public Instant instant() { return Instant.ofEpochMilli(now[0]); }
        };
        SyntheticEventGenerator generator = SyntheticEventGenerator.builder().seed(7).wallClock(steppable).build();
        assertThat(generator.next().ts).isEqualTo(1_800_000_000_000L);
        assertThat(generator.next().ts).isEqualTo(1_800_000_000_000L);
        now[0] += 5;
        assertThat(generator.next().ts).isEqualTo(1_800_000_000_005L);
        now[0] -= 1_000; // a clock stepped back by NTP
        assertThat(generator.next().ts).isEqualTo(1_800_000_000_005L);
    }

    @Test
    void aWallClockChangesTheTimesOnly() {
        Clock fixed = Clock.fixed(Instant.ofEpochMilli(1_800_000_000_000L), ZoneOffset.UTC);
        List<Event> simulated = take(SyntheticEventGenerator.builder().seed(7).build(), 2_000);
        List<Event> stamped = take(SyntheticEventGenerator.builder().seed(7).wallClock(fixed).build(), 2_000);
        for (int i = 0; i < simulated.size(); i++) {
            Event e = simulated.get(i);
            assertThat(stamped.get(i)).isEqualTo(new Event(e.user, e.item, e.type, e.channel, e.query, e.value,
                    1_800_000_000_000L));
        }
    }

    @Test
    void everyItemNamesItsCategoryAndStaysInTheCatalogue() {
        SyntheticEventGenerator generator = SyntheticEventGenerator.builder().itemsPerCategory(50).build();
        Set<String> categories = new HashSet<>(generator.catalog().categories());
        for (Event e : take(generator, 10_000)) {
            if (e.type == EventType.SEARCH) {
                assertThat(e.item).isNull();
                continue;
            }
            assertThat(categories).contains(SyntheticCatalog.categoryOf(e.item));
            int index = Integer.parseInt(e.item.substring(e.item.lastIndexOf('-') + 1));
            assertThat(index).isBetween(0, 49);
        }
    }

    @Test
    void usersInteractMostlyWithTheirFavouriteCategory() {
        SyntheticEventGenerator generator = SyntheticEventGenerator.builder().users(100).build();
        Map<String, Map<String, Integer>> perUser = new HashMap<>();
        int interactions = 0;
        int inFavourite = 0;
        for (Event e : take(generator, 60_000)) {
            if (!e.isInteraction()) {
                continue;
            }
            String category = SyntheticCatalog.categoryOf(e.item);
            interactions++;
            if (category.equals(generator.favouriteCategory(e.user))) {
                inFavourite++;
            }
            perUser.computeIfAbsent(UserId.canonical(e.user), u -> new HashMap<>()).merge(category, 1, Integer::sum);
        }
        // Strongest category holds 0.45-0.8 of a user's taste; uniform would be 0.1.
        assertThat((double) inFavourite / interactions).isGreaterThan(0.5);
        int agree = 0;
        for (Map.Entry<String, Map<String, Integer>> user : perUser.entrySet()) {
            String mostFrequent = null;
            int best = -1;
            for (Map.Entry<String, Integer> c : user.getValue().entrySet()) {
                if (c.getValue() > best) {
                    best = c.getValue();
                    mostFrequent = c.getKey();
                }
            }
            if (mostFrequent.equals(generator.favouriteCategory(user.getKey()))) {
                agree++;
            }
        }
        assertThat(perUser).hasSize(100);
        assertThat(agree).isGreaterThanOrEqualTo(80);
    }

    @Test
    void eventMixLooksLikeAFunnelWithSearches() {
        Map<EventType, Integer> counts = new EnumMap<>(EventType.class);
        int n = 50_000;
        for (Event e : take(SyntheticEventGenerator.builder().build(), n)) {
            counts.merge(e.type, 1, Integer::sum);
        }
        int views = counts.getOrDefault(EventType.VIEW, 0);
        int clicks = counts.getOrDefault(EventType.CLICK, 0);
        int carts = counts.getOrDefault(EventType.CART, 0);
        int purchases = counts.getOrDefault(EventType.PURCHASE, 0);
        int searches = counts.getOrDefault(EventType.SEARCH, 0);
        assertThat(views).isGreaterThan(n / 2);
        assertThat(views).isGreaterThan(clicks);
        assertThat(clicks).isGreaterThan(carts);
        assertThat(carts).isGreaterThan(purchases);
        assertThat(purchases).isPositive();
        assertThat((double) searches / n).isBetween(0.08, 0.12);
        assertThat(counts).doesNotContainKey(EventType.RATING);
    }

    @Test
    void searchQueriesUseTheSessionCategoryWords() {
        SyntheticEventGenerator generator = SyntheticEventGenerator.builder().build();
        SyntheticCatalog catalog = generator.catalog();
        Set<String> allWords = new HashSet<>();
        for (int c = 0; c < catalog.categoryCount(); c++) {
            allWords.addAll(catalog.words(c));
        }
        int searches = 0;
        for (Event e : take(generator, 5_000)) {
            if (e.type == EventType.SEARCH) {
                searches++;
                String[] words = e.query.split(" ");
                assertThat(words.length).isBetween(1, 3);
                assertThat(allWords).containsAll(Arrays.asList(words));
            }
        }
        assertThat(searches).isPositive();
    }

    @Test
    void consecutiveItemsInASessionAreOftenNeighbours() {
        // Per user, consecutive new-item views (a user is in one session at a time, mostly).
        Map<String, String> lastItem = new HashMap<>();
        int pairs = 0;
        int neighbours = 0;
        for (Event e : take(SyntheticEventGenerator.builder().users(50).build(), 30_000)) {
            if (e.type != EventType.VIEW) {
                continue;
            }
            String user = UserId.canonical(e.user);
            String previous = lastItem.put(user, e.item);
            if (previous != null && SyntheticCatalog.categoryOf(previous).equals(SyntheticCatalog.categoryOf(e.item))) {
                pairs++;
                int a = Integer.parseInt(previous.substring(previous.lastIndexOf('-') + 1));
                int b = Integer.parseInt(e.item.substring(e.item.lastIndexOf('-') + 1));
                if (a != b && Math.abs(a - b) <= 3) {
                    neighbours++;
                }
            }
        }
        // Zipf draws alone land within 3 of the previous item far less often than half the time.
        assertThat((double) neighbours / pairs).isGreaterThan(0.4);
    }

    @Test
    void shoppersReturnWithinASessionToItemsTheyViewed() {
        // sessions are not in the events: count, per user, views of an item among the user's
        // previous 10 views (a user is in one session at a time)
        Map<String, List<String>> recentViews = new HashMap<>();
        int views = 0;
        int returns = 0;
        for (Event e : take(SyntheticEventGenerator.builder().users(200).build(), 50_000)) {
            if (e.type != EventType.VIEW) {
                continue;
            }
            List<String> recent = recentViews.computeIfAbsent(UserId.canonical(e.user), u -> new ArrayList<>());
            views++;
            if (recent.contains(e.item) && !recent.get(recent.size() - 1).equals(e.item)) {
                returns++;
            }
            recent.add(e.item);
            if (recent.size() > 10) {
                recent.remove(0);
            }
        }
        // without revisits 0.18 (neighbour steps and popular items land on viewed items too); 0.26 with
        assertThat((double) returns / views).isBetween(0.22, 0.35);
    }

    @Test
    void consumablesAreBoughtAgainAndOtherItemsRarelyAre() {
        Map<String, Integer> purchases = new HashMap<>();
        for (Event e : take(SyntheticEventGenerator.builder().users(100).build(), 200_000)) {
            if (e.type == EventType.PURCHASE) {
                purchases.merge(UserId.canonical(e.user) + " " + e.item, 1, Integer::sum);
            }
        }
        int[] bought = new int[2];
        int[] again = new int[2];
        purchases.forEach((userItem, count) -> {
            String item = userItem.substring(userItem.indexOf(' ') + 1);
            int kind = SyntheticEventGenerator.CONSUMABLES.contains(SyntheticCatalog.categoryOf(item)) ? 1 : 0;
            bought[kind]++;
            if (count > 1) {
                again[kind]++;
            }
        });
        double consumablesAgain = (double) again[1] / bought[1];
        double othersAgain = (double) again[0] / bought[0];
        // without re-buying, 0.14 of consumables and 0.16 of other items are bought twice (popular items)
        assertThat(consumablesAgain).isGreaterThan(0.2);
        assertThat(consumablesAgain).isGreaterThan(3 * othersAgain);
    }

    @Test
    void interleavesUsersAndUsesAllChannelsAndVariantIds() {
        List<Event> events = take(SyntheticEventGenerator.builder().build(), 20_000);
        Set<String> channels = new HashSet<>();
        int switches = 0;
        int variants = 0;
        for (int i = 0; i < events.size(); i++) {
            Event e = events.get(i);
            channels.add(e.channel);
            if (i > 0 && !events.get(i - 1).user.equals(e.user)) {
                switches++;
            }
            if (!e.user.equals(UserId.canonical(e.user))) {
                variants++;
                assertThat(e.channel).isEqualTo("store");
            }
        }
        assertThat(channels).containsExactlyInAnyOrder("app", "web", "store");
        assertThat(switches).as("users interleave").isGreaterThan(events.size() * 8 / 10);
        assertThat(variants).isPositive();
    }

    @Test
    void everyEventRoundTripsThroughTheWireFormatAndPassesValidation() {
        SyntheticEventGenerator generator = SyntheticEventGenerator.builder().build();
        List<Event> events = take(generator, 20_000);
        long last = events.get(events.size() - 1).ts;
        EventJson json = new EventJson(EventLimits.builder()
                .clock(Clock.fixed(Instant.ofEpochMilli(last), ZoneOffset.UTC))
                .build());
        for (Event e : events) {
            ParseOutcome outcome = json.parse(EventJson.toJson(e).getBytes(StandardCharsets.UTF_8));
            assertThat(outcome.isValid()).as("%s", outcome).isTrue();
            Event expected = new Event(UserId.canonical(e.user), e.item, e.type, e.channel, e.query, e.value, e.ts);
            assertThat(outcome.event()).isEqualTo(expected);
        }
    }

    @Test
    void favouriteCategoryAcceptsAnySpellingOfTheUser() {
        SyntheticEventGenerator generator = SyntheticEventGenerator.builder().build();
        assertThat(generator.favouriteCategory("User-17 ")).isEqualTo(generator.favouriteCategory("user-17"));
        assertThat(generator.catalog().categories()).contains(generator.favouriteCategory("user-1"));
    }
}
