package io.recstream.recommend;

/**
 * A search intent as a pseudo-item of the user's recent history. A search classified as, say,
 * "electronics" puts {@code intent:electronics} at the front of the user's recent items; the
 * co-occurrence learning then links that intent to the items users touch after such searches,
 * and while it stays among the user's recent items its neighbours become candidates, weighted
 * by recency, until new interactions push it out. No catalogue of item categories is needed.
 * Intent pseudo-items are never recommended, sampled as negatives or counted as seen.
 */
public final class IntentItem {
    private IntentItem() {}

    private static final String PREFIX = "intent:";

    public static String of(String intent) {
        return PREFIX + intent;
    }

    public static boolean isIntent(String item) {
        return item.startsWith(PREFIX);
    }

    /** The intent of a pseudo-item's name: {@code intentOf(of(x))} is {@code x}. */
    public static String intentOf(String item) {
        if (!isIntent(item)) {
            throw new IllegalArgumentException(item + " is not a search intent");
        }
        return item.substring(PREFIX.length());
    }
}
