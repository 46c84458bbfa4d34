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

    /** Parsed once per event: {@code values()} would copy the array on every call. */
    private static final EventType[] ALL = values();

    private final String wireName = name().toLowerCase(Locale.ROOT);

    /** The lower-case name used on the wire ("view", "purchase", ...). */
    public String wireName() {
        return wireName;
    }

    /** Parses a wire name, case-insensitively and ignoring surrounding blanks; null when it is not a known type. */
    public static EventType fromWireName(String name) {
        if (name == null) {
            return null;
        }
        String trimmed = name.trim();
        for (EventType type : ALL) {
            if (type.wireName.equalsIgnoreCase(trimmed)) {
                return type;
            }
        }
        return null;
    }

    public boolean isInteraction() {
        return this != SEARCH;
    }
}
