package io.recstream.recommend;

/**
 * A published recommendation list: the value of the upsert topic {@code recommendations}
 * (key = user) and a row of the PostgreSQL table. {@code version} increases by one with every
 * list published for the user; {@code modelVersion} names the model that produced it.
 */
public class Recommendation {
    public String user;
    public long version;
    /**
     * When the user's version numbering began: processing time (ms since 1970) of the user's first
     * list. A user whose state expired, and every user of a job started without state, numbers
     * from 1 again with a later value here, so (versionsSince, version) orders all lists of a user.
     */
    public long versionsSince;
    public String modelVersion;
    public ScoredItem[] items;
    /** Event time of the event that caused this list. */
    public long ts;
    public String channel;
    /** The experiment bucket of the user ("default" when no experiment runs). */
    public String bucket;

    public Recommendation() {}

    public Recommendation(String user, long version, String modelVersion, ScoredItem[] items, long ts, String channel) {
        this.user = user;
        this.version = version;
        this.modelVersion = modelVersion;
        this.items = items;
        this.ts = ts;
        this.channel = channel;
    }

    /** A copy that shares nothing mutable with this list (its strings are immutable). */
    public Recommendation copy() {
        ScoredItem[] copied = new ScoredItem[items.length];
        for (int n = 0; n < copied.length; n++) {
            copied[n] = items[n].copy();
        }
        Recommendation c = new Recommendation(user, version, modelVersion, copied, ts, channel);
        c.versionsSince = versionsSince;
        c.bucket = bucket;
        return c;
    }

    /** One entry of a list. */
    public static class ScoredItem {
        public String item;
        public float score;
        /** Why the item is listed. */
        public Reason reason;

        public ScoredItem() {}

        public ScoredItem(String item, float score) {
            this.item = item;
            this.score = score;
        }

        public ScoredItem(String item, float score, Reason reason) {
            this(item, score);
            this.reason = reason;
        }

        ScoredItem copy() {
            Reason r = null;
            if (reason != null) {
                r = new Reason();
                r.because = reason.because;
                r.item = reason.item;
                r.intent = reason.intent;
            }
            return new ScoredItem(item, score, r);
        }
    }
}
