package io.recstream.event;

import java.util.Locale;

/**
 * What a user did. Every type but {@link #SEARCH} names an item. The order is part of formats
 * that write the ordinal ({@code CandidateListSerializer}): a new type goes at the end.
 */
public enum EventType {
    VIEW,
    CLICK,
    CART,
    PURCHASE,
    SEARCH,
    RATING;

    /** The lower-case name used on the wire ("view", "purchase", ...). */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a wire name, case-insensitively; null when it is not a known type. */
    public static EventType fromWireName(String name) {
        if (name == null) {
            return null;
        }
        for (EventType type : values()) {
            if (type.name().equalsIgnoreCase(name.trim())) {
                return type;
            }
        }
        return null;
    }

    public boolean isInteraction() {
        return this != SEARCH;
    }
}
