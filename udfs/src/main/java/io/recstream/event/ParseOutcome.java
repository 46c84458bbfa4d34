package io.recstream.event;

import java.util.Objects;

/** The result of parsing one raw record: either a valid {@link Event} or why it was refused. */
public final class ParseOutcome {
    private final Event event;
    private final RejectReason reason;
    private final String detail;

    private ParseOutcome(Event event, RejectReason reason, String detail) {
        this.event = event;
        this.reason = reason;
        this.detail = detail;
    }

    public static ParseOutcome valid(Event event) {
        return new ParseOutcome(Objects.requireNonNull(event, "event"), null, null);
    }

    public static ParseOutcome rejected(RejectReason reason, String detail) {
        return new ParseOutcome(null, Objects.requireNonNull(reason, "reason"), detail);
    }

    public boolean isValid() {
        return event != null;
    }

    /** The parsed event; null when rejected. */
    public Event event() {
        return event;
    }

    /** Why the record was refused; null when valid. */
    public RejectReason reason() {
        return reason;
    }

    /** A short human-readable explanation of the rejection; null when valid. */
    public String detail() {
        return detail;
    }

    @Override
    public String toString() {
        return isValid() ? "valid(" + event + ')' : "rejected(" + reason.wireName() + ": " + detail + ')';
    }
}
