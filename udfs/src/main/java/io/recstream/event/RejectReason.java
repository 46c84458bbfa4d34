package io.recstream.event;

/**
 * Why a raw record was refused. The wire name is part of the DLQ format and of metric names
 * ({@code recstream.dlq.<wire name>}), so it is spelled out per constant rather than derived
 * from {@link #name()}: renaming a constant must not rename a dashboard's metric.
 */
public enum RejectReason {
    /** Not JSON at all, or JSON that is not an object. */
    MALFORMED_JSON("malformed_json"),
    /** user, type or ts absent; item absent on an interaction; query absent on a search. */
    MISSING_FIELD("missing_field"),
    UNKNOWN_TYPE("unknown_type"),
    /** Negative, before 1990, or too far in the future for the validator's clock. */
    INVALID_TIMESTAMP("invalid_timestamp"),
    /** A query or id longer than its limit. */
    OVERSIZED_FIELD("oversized_field"),
    /** NaN or an infinity in a numeric field. */
    NON_FINITE_VALUE("non_finite_value"),
    /** A field of the wrong JSON type, e.g. ts as a string. */
    INVALID_FIELD("invalid_field");

    private final String wireName;

    RejectReason(String wireName) {
        this.wireName = wireName;
    }

    /** The stable lower_snake name used in the DLQ record and in metric names. */
    public String wireName() {
        return wireName;
    }
}
