package io.recstream.ranking;

import io.recstream.event.EventType;

/**
 * One list the live job ranked for a sampled user, as written to the ranking-examples topic
 * ({@link RankingExampleCodec}): the candidates' ids and features in blend order, which event of
 * the user asked for it, and the model version that was to rank it. It carries no label: the
 * label of a list is the item of the user's next interaction, which is the event of the user's
 * next example ({@link ExampleLabeller}).
 *
 * @param userId the user's numeric id
 * @param seq the user's event number (interactions plus searches, from the user's profile): one more
 *     for each event of the user, so consecutive examples of a user differ by one
 * @param ts event time of the event that asked for the list
 * @param eventType that event's type
 * @param eventItemId that event's item id; 0 for a search
 * @param rankerVersion the model-store version of the ranking model to rank it, "" for the configured one
 * @param featureCount features per candidate (RankingFeatures.COUNT of the writer)
 * @param itemIds the candidates, in blend order
 * @param features row-major {@code [itemIds.length, featureCount]}
 */
public record RankingExample(long userId, long seq, long ts, EventType eventType, long eventItemId,
                             String rankerVersion, int featureCount, long[] itemIds, float[] features) {

    /** Whether the event that asked for the list was an interaction: its item labels the user's earlier lists. */
    public boolean afterInteraction() {
        return eventType.isInteraction();
    }

    /** Row of {@code item} among the candidates, or -1. */
    public int indexOf(long item) {
        for (int n = 0; n < itemIds.length; n++) {
            if (itemIds[n] == item) {
                return n;
            }
        }
        return -1;
    }
}
