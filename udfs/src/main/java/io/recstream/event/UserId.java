package io.recstream.event;

import java.util.Locale;

/**
 * The canonical form of a user id, so that "User-17 " typed at a store till and "user-17" sent
 * by the app are one key in every keyed operator.
 */
public final class UserId {
    private UserId() {}

    /** Trimmed and lower-cased; null stays null. */
    public static String canonical(String raw) {
        return raw == null ? null : raw.trim().toLowerCase(Locale.ROOT);
    }
}
