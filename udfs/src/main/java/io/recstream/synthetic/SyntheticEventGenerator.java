package io.recstream.synthetic;

import io.recstream.event.Event;
import io.recstream.event.EventType;
import io.recstream.event.UserId;
import java.time.Clock;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * An endless, deterministic stream of plausible shop events for demos and tests: the same
 * settings and seed give the same events.
 *
 * <p>The model: each user has latent tastes (one or two favourite categories holding ~80% of the
 * mass, the rest spread evenly); item popularity within a category is Zipf(1.0) over the item
 * index. Users act in sessions (one channel, one category drawn from their taste, 3-10 events);
 * many sessions run at once and their events interleave. Event time is simulated (exponential
 * gaps from a start time, strictly increasing) or, given a wall clock, the clock's time when the
 * event is drawn (never decreasing): a live demo's events must be stamped now, as a broker and
 * the job judge record and event times against their own clocks. Either way the same seed gives
 * the same events apart from their times.
 * Within a session the next item is, half the time, a neighbour (index within +/-3) of the
 * previous one, so "related items" exist; an item moves down the funnel
 * view -> click -> cart -> purchase with falling probability; ~10% of events are searches made of
 * the category's words. Some store sessions spell the user id differently ("User-17 ") to
 * exercise canonicalisation.
 *
 * <p>Shoppers come back to things, as in real clickstreams: within a session a new view returns,
 * a quarter of the time, to an item viewed earlier in that session (comparing products); and
 * consumables (the categories in {@link #CONSUMABLES}) are bought again: a user's session in the
 * category of the last consumable they bought opens, a third of the time, by viewing, carting and
 * buying that item again. So a recommender that never lists a seen item can be measured against
 * one that may.
 */
public final class SyntheticEventGenerator implements Iterator<Event> {
    public static final String[] CHANNELS = {"app", "web", "store"};
    private static final double[] CHANNEL_CDF = {0.5, 0.8, 1.0};

    static final double FAVOURITE_MASS = 0.8;
    private static final double SEARCH_PROBABILITY = 0.1;
    private static final double RELATED_PROBABILITY = 0.5;
    private static final int RELATED_DISTANCE = 3;
    /** Chances that the last item moves on from view to click, click to cart, cart to purchase. */
    private static final double VIEW_TO_CLICK = 0.3;
    private static final double CLICK_TO_CART = 0.3;
    private static final double CART_TO_PURCHASE = 0.4;
    private static final double VARIANT_ID_PROBABILITY = 0.5;
    /** Chance that a new view returns to an item viewed earlier in the session. */
    static final double REVISIT_PROBABILITY = 0.25;
    /** Chance that a session in the category of the user's last consumable purchase re-buys it. */
    static final double REPURCHASE_PROBABILITY = 1.0 / 3;
    /** Categories whose items are used up and bought again. */
    public static final List<String> CONSUMABLES = List.of("grocery", "beauty");
    /** Items a session remembers for revisits. */
    private static final int SESSION_MEMORY = 10;
    private static final int MIN_SESSION = 3;
    private static final int MAX_SESSION = 10;
    private static final int MAX_CONCURRENT_SESSIONS = 64;

    private final SyntheticCatalog catalog;
    private final long seed;
    private final double meanGapMillis;
    private final SplittableRandom random;
    /** Per user: cumulative taste over categories, and the strongest category. */
    private final double[][] tasteCdf;
    private final int[] favourite;
    /** Cumulative Zipf(1.0) weights over item index, shared by all categories. */
    private final double[] popularityCdf;
    private final Session[] sessions;
    private final boolean[] inSession;
    /** Per user: category and item index of the last consumable bought; category -1 for none. */
    private final int[] lastConsumableCategory;
    private final int[] lastConsumableItem;
    private final boolean[] consumable;
    /** Stamps events with its time when set; otherwise event time is simulated. */
    private final Clock wallClock;
    private long eventTime;

    private SyntheticEventGenerator(Builder b) {
        this.catalog = SyntheticCatalog.load(b.itemsPerCategory);
        this.seed = b.seed;
        this.meanGapMillis = b.meanGapMillis;
        this.random = new SplittableRandom(b.seed);
        this.eventTime = b.wallClock == null ? b.startTime : Long.MIN_VALUE;
        this.wallClock = b.wallClock;

        int categories = catalog.categoryCount();
        this.tasteCdf = new double[b.users][];
        this.favourite = new int[b.users];
        for (int u = 0; u < b.users; u++) {
            double[] taste = taste(u, categories);
            favourite[u] = argMax(taste);
            tasteCdf[u] = cumulative(taste);
        }
        double[] popularity = new double[b.itemsPerCategory];
        for (int i = 0; i < popularity.length; i++) {
            popularity[i] = 1.0 / (i + 1);
        }
        this.popularityCdf = cumulative(popularity);

        this.inSession = new boolean[b.users];
        this.lastConsumableCategory = new int[b.users];
        this.lastConsumableItem = new int[b.users];
        Arrays.fill(lastConsumableCategory, -1);
        this.consumable = new boolean[categories];
        for (int c = 0; c < categories; c++) {
            consumable[c] = CONSUMABLES.contains(catalog.category(c));
        }
        // Fewer sessions than users, so a new session can always find an idle user.
        this.sessions = new Session[Math.max(1, Math.min(MAX_CONCURRENT_SESSIONS, b.users / 2))];
        for (int s = 0; s < sessions.length; s++) {
            sessions[s] = startSession();
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public SyntheticCatalog catalog() {
        return catalog;
    }

    public int users() {
        return favourite.length;
    }

    /** The canonical id of user {@code index} (0-based): "user-1" ... "user-N". */
    public static String userId(int index) {
        return "user-" + (index + 1);
    }

    /** The user's strongest category; the id may be in any spelling the generator emits. */
    public String favouriteCategory(String user) {
        return catalog.category(favourite[userIndex(user)]);
    }

    @Override
    public boolean hasNext() {
        return true;
    }

    @Override
    public Event next() {
        // Exponential gaps (a Poisson stream), at least 1 ms so event time strictly increases. The
        // gap is drawn under a wall clock too, so the events are the same as without one.
        long gap = Math.max(1L, Math.round(-meanGapMillis * Math.log(1.0 - random.nextDouble())));
        eventTime = wallClock == null ? eventTime + gap : Math.max(eventTime, wallClock.millis());
        int slot = random.nextInt(sessions.length);
        Session session = sessions[slot];
        Event event = session.next(eventTime);
        if (session.remaining == 0) {
            inSession[session.user] = false;
            sessions[slot] = startSession();
        }
        return event;
    }

    /** Tastes are drawn from the user's own random stream, so they do not depend on event order. */
    private double[] taste(int user, int categories) {
        SplittableRandom r = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (user + 1)));
        double[] taste = new double[categories];
        int first = r.nextInt(categories);
        boolean two = categories > 1 && r.nextBoolean();
        int others = categories - (two ? 2 : 1);
        for (int c = 0; c < categories; c++) {
            taste[c] = others == 0 ? 0.0 : (1.0 - FAVOURITE_MASS) / others;
        }
        if (two) {
            int second = (first + 1 + r.nextInt(categories - 1)) % categories;
            double firstShare = 0.45 + 0.15 * r.nextDouble();
            taste[first] = firstShare;
            taste[second] = FAVOURITE_MASS - firstShare;
        } else {
            taste[first] = FAVOURITE_MASS;
        }
        return taste;
    }

    private Session startSession() {
        int user = random.nextInt(inSession.length);
        while (inSession[user]) {
            user = random.nextInt(inSession.length);
        }
        inSession[user] = true;
        int channel = sample(CHANNEL_CDF, random.nextDouble());
        String id = userId(user);
        if (CHANNELS[channel].equals("store") && random.nextDouble() < VARIANT_ID_PROBABILITY) {
            id = variantSpelling(id);
        }
        int category = sample(tasteCdf[user], random.nextDouble());
        int length = MIN_SESSION + random.nextInt(MAX_SESSION - MIN_SESSION + 1);
        Session session = new Session(user, id, CHANNELS[channel], category, length);
        if (lastConsumableCategory[user] == category && random.nextDouble() < REPURCHASE_PROBABILITY) {
            session.replenish(lastConsumableItem[user]);
        }
        return session;
    }

    /** How a till clerk might type "user-17": "User-17 ", " USER-17", "User-17". */
    private String variantSpelling(String id) {
        String capitalised = Character.toUpperCase(id.charAt(0)) + id.substring(1);
        switch (random.nextInt(3)) {
            case 0:
                return capitalised + " ";
            case 1:
                return " " + id.toUpperCase(Locale.ROOT);
            default:
                return capitalised;
        }
    }

    private int userIndex(String user) {
        String id = UserId.canonical(user);
        if (id != null && id.startsWith("user-")) {
            try {
                int index = Integer.parseInt(id.substring(5)) - 1;
                if (index >= 0 && index < favourite.length) {
                    return index;
                }
            } catch (NumberFormatException ignored) {
                // falls through to the exception below
            }
        }
        throw new IllegalArgumentException("not a user of this generator: " + user);
    }

    /** The index whose cumulative weight first exceeds u * total (binary search). */
    private static int sample(double[] cdf, double u) {
        double target = u * cdf[cdf.length - 1];
        int lo = 0;
        int hi = cdf.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cdf[mid] > target) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    private static double[] cumulative(double[] weights) {
        double[] cdf = new double[weights.length];
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i];
            cdf[i] = sum;
        }
        return cdf;
    }

    private static int argMax(double[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }

    /** One user's visit: fixed channel, category and spelling of the id. */
    private final class Session {
        final int user;
        final String id;
        final String channel;
        final int category;
        int remaining;
        /** The item last interacted with and how far down the funnel it got; -1 before the first. */
        int lastItem = -1;
        EventType lastType;
        /** Items viewed in this session, oldest first, for revisits. */
        final int[] viewed = new int[SESSION_MEMORY];
        int viewedCount;
        /** A consumable this session buys again: view, cart, purchase, before anything else. */
        boolean replenishing;

        Session(int user, String id, String channel, int category, int remaining) {
            this.user = user;
            this.id = id;
            this.channel = channel;
            this.category = category;
            this.remaining = remaining;
        }

        void replenish(int item) {
            lastItem = item;
            lastType = null;
            replenishing = true;
            remaining = Math.max(remaining, 3);
        }

        Event next(long ts) {
            remaining--;
            if (replenishing) {
                if (lastType == null) {
                    lastType = EventType.VIEW;
                    remember(lastItem);
                } else {
                    lastType = lastType == EventType.VIEW ? EventType.CART : EventType.PURCHASE;
                }
                replenishing = lastType != EventType.PURCHASE;
                return event(ts);
            }
            if (random.nextDouble() < SEARCH_PROBABILITY) {
                return Event.search(id, query(), channel, ts);
            }
            EventType step = lastItem < 0 ? null : funnelStepAfter(lastType);
            if (step != null && random.nextDouble() < funnelChance(step)) {
                lastType = step;
            } else {
                lastItem = nextItem();
                lastType = EventType.VIEW;
                remember(lastItem);
            }
            return event(ts);
        }

        private Event event(long ts) {
            String item = catalog.item(category, lastItem);
            double value = 0.0;
            if (lastType == EventType.PURCHASE) {
                value = price(lastItem);
                if (consumable[category]) {
                    lastConsumableCategory[user] = category;
                    lastConsumableItem[user] = lastItem;
                }
            }
            return new Event(id, item, lastType, channel, null, value, ts);
        }

        private void remember(int item) {
            if (viewedCount == viewed.length) {
                System.arraycopy(viewed, 1, viewed, 0, viewed.length - 1);
                viewedCount--;
            }
            viewed[viewedCount++] = item;
        }

        private int nextItem() {
            if (viewedCount > 1 && random.nextDouble() < REVISIT_PROBABILITY) {
                return viewed[random.nextInt(viewedCount - 1)]; // not the item just viewed
            }
            int items = catalog.itemsPerCategory();
            if (lastItem >= 0 && items > 1 && random.nextDouble() < RELATED_PROBABILITY) {
                int step = 1 + random.nextInt(RELATED_DISTANCE);
                int next = random.nextBoolean() ? lastItem + step : lastItem - step;
                return Math.max(0, Math.min(items - 1, next));
            }
            return sample(popularityCdf, random.nextDouble());
        }

        private String query() {
            List<String> words = catalog.words(category);
            int count = 1 + random.nextInt(3);
            StringBuilder query = new StringBuilder(words.get(random.nextInt(words.size())));
            for (int w = 1; w < count; w++) {
                query.append(' ').append(words.get(random.nextInt(words.size())));
            }
            return query.toString();
        }
    }

    private static EventType funnelStepAfter(EventType type) {
        switch (type) {
            case VIEW:
                return EventType.CLICK;
            case CLICK:
                return EventType.CART;
            case CART:
                return EventType.PURCHASE;
            default:
                return null;
        }
    }

    private static double funnelChance(EventType step) {
        switch (step) {
            case CLICK:
                return VIEW_TO_CLICK;
            case CART:
                return CLICK_TO_CART;
            default:
                return CART_TO_PURCHASE;
        }
    }

    /** A stable price per item index, so purchases carry a plausible value. */
    private static double price(int itemIndex) {
        return 4.99 + (itemIndex * 37 % 200);
    }

    public static final class Builder {
        private int users = 2000;
        private int itemsPerCategory = SyntheticCatalog.DEFAULT_ITEMS_PER_CATEGORY;
        private long seed = 42L;
        private long startTime = 1_700_000_000_000L;
        private double meanGapMillis = 100.0;
        private Clock wallClock;

        private Builder() {}

        public Builder users(int users) {
            if (users < 1) {
                throw new IllegalArgumentException("users must be positive: " + users);
            }
            this.users = users;
            return this;
        }

        public Builder itemsPerCategory(int itemsPerCategory) {
            this.itemsPerCategory = itemsPerCategory;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Event time of the first event's predecessor, epoch milliseconds. */
        public Builder startTime(long epochMillis) {
            this.startTime = epochMillis;
            return this;
        }

        /**
         * Stamps each event with this clock's time when it is drawn (never earlier than the
         * previous event) instead of simulating time from {@link #startTime}.
         */
        public Builder wallClock(Clock clock) {
            this.wallClock = clock;
            return this;
        }

        /** Mean gap between consecutive events of the whole stream (simulated time). */
        public Builder meanGapMillis(double meanGapMillis) {
            if (!(meanGapMillis > 0)) {
                throw new IllegalArgumentException("meanGapMillis must be positive: " + meanGapMillis);
            }
            this.meanGapMillis = meanGapMillis;
            return this;
        }

        public SyntheticEventGenerator build() {
            return new SyntheticEventGenerator(this);
        }
    }
}
