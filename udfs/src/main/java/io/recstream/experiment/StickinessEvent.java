package io.recstream.experiment;

/**
 * What one event says about its user's lists, as the publisher saw it just before it (maybe)
 * replaced the user's current list: the input of the stickiness metrics ({@link StickinessCounts}).
 * A Flink POJO; never kept in state.
 */
public class StickinessEvent {
    /** The user's experiment bucket (index). */
    public int bucket;
    /** Event time of the event. */
    public long ts;
    /** Event time of the user's event before this one; 0 for a user the job had not seen. */
    public long previousTs;
    /** An interaction with an item (not a search). */
    public boolean interaction;
    public boolean purchase;
    /** The user had a published list when the event came. */
    public boolean hadList;
    /** The event's item was in that list. */
    public boolean fromList;
    /** The item ids of the list published because of this event; null when none was. */
    public long[] shown;

    public StickinessEvent() {}
}
