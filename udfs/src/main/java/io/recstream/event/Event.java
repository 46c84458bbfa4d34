package io.recstream.event;

import io.recstream.recommend.IntentItem;

import java.util.Objects;

/**
 * One validated user event. A Flink POJO: public fields and a no-argument constructor, so Flink
 * serialises it without Kryo.
 *
 * <p>{@code user} is the canonical user id (trimmed, lower-cased) so that the same person on the
 * app, the web and in a store is one key. {@code item} is null for a search; {@code query} is
 * null for everything but a search. {@code value} is the rating or price, 0 when absent.
 *
 * <p>{@code userId} and {@code itemId} are their {@link NumericId}s, set with them (0 for no item): the
 * job keys and keeps state by these, never by the strings.
 *
 * <p>{@code intent} and {@code intentProbability} are filled in by the intent model for a search
 * (see {@code io.recstream.functions.AsyncIntent}); they are not part of the wire format, so
 * {@link EventJson} neither reads nor writes them.
 */
public class Event {
    public String user;
    public String item;
    public long userId;
    public long itemId;
    public EventType type;
    public String channel;
    public String query;
    public double value;
    /** Event time, epoch milliseconds. */
    public long ts;
    /** The search's most probable intent class, null when none (not a search, or no model answer). */
    public String intent;
    /** The intent model's probability of {@code intent}, 0 when there is none. */
    public float intentProbability;
    /** The id of {@code intent}'s pseudo-item (see {@code IntentItem}), 0 when there is no intent. */
    public long intentItemId;
    /**
     * The model-store version of the ranking model to order this event's list with, null for the
     * configured model; stamped by {@code io.recstream.functions.ModelStamper}, not on the wire.
     */
    public String rankerVersion;
    /** As {@link #rankerVersion}, for the intent model of a search. */
    public String intentVersion;

    public Event() {}

    public Event(String user, String item, EventType type, String channel, String query, double value, long ts) {
        this.user = user;
        this.item = item;
        this.userId = user == null ? 0L : NumericId.of(user);
        this.itemId = item == null ? 0L : NumericId.of(item);
        this.type = type;
        this.channel = channel;
        this.query = query;
        this.value = value;
        this.ts = ts;
    }

    public static Event interaction(String user, String item, EventType type, String channel, long ts) {
        return new Event(user, item, type, channel, null, 0.0, ts);
    }

    public static Event search(String user, String query, String channel, long ts) {
        return new Event(user, null, EventType.SEARCH, channel, query, 0.0, ts);
    }

    /** A copy of this event with the given intent. */
    public Event withIntent(String intent, float probability) {
        Event copy = new Event(user, item, type, channel, query, value, ts);
        copy.intent = intent;
        copy.intentProbability = probability;
        copy.intentItemId = intent == null ? 0L : NumericId.of(IntentItem.of(intent));
        copy.rankerVersion = rankerVersion;
        copy.intentVersion = intentVersion;
        return copy;
    }

    public boolean isInteraction() {
        return type != null && type.isInteraction();
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Event)) {
            return false;
        }
        Event e = (Event) o;
        return Double.compare(e.value, value) == 0
                && ts == e.ts
                && Objects.equals(user, e.user)
                && Objects.equals(item, e.item)
                && type == e.type
                && Objects.equals(channel, e.channel)
                && Objects.equals(query, e.query)
                && Objects.equals(intent, e.intent)
                && Float.compare(e.intentProbability, intentProbability) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(user, item, type, channel, query, value, ts, intent, intentProbability);
    }

    @Override
    public String toString() {
        return "Event{user=" + user + ", item=" + item + ", type=" + type + ", channel=" + channel
                + (query != null ? ", query='" + query + '\'' : "")
                + (intent != null ? ", intent=" + intent + " (" + intentProbability + ")" : "")
                + ", value=" + value + ", ts=" + ts + '}';
    }
}
