package io.recstream.event;

import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * The bounds an incoming event must respect, and the clock that "too far in the future" is
 * measured against (injectable so tests are deterministic). Immutable and serialisable, so a
 * Flink function can carry it.
 */
public final class EventLimits implements Serializable {
    private static final long serialVersionUID = 1L;

    /** 1990-01-01T00:00:00Z: nothing this system sees is older; earlier values are unit mistakes. */
    public static final long EARLIEST_TS = 631_152_000_000L;
    public static final int DEFAULT_MAX_QUERY_LENGTH = 512;
    public static final int DEFAULT_MAX_ID_LENGTH = 256;
    public static final Duration DEFAULT_MAX_CLOCK_SKEW = Duration.ofDays(1);

    private static final EventLimits DEFAULTS = builder().build();

    private final int maxQueryLength;
    private final int maxIdLength;
    private final long maxClockSkewMillis;
    private final Clock clock;

    private EventLimits(Builder b) {
        this.maxQueryLength = b.maxQueryLength;
        this.maxIdLength = b.maxIdLength;
        this.maxClockSkewMillis = b.maxClockSkew.toMillis();
        this.clock = b.clock;
    }

    /** Query 512 chars, ids 256 chars, 1 day of clock skew, the system UTC clock. */
    public static EventLimits defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    public int maxQueryLength() {
        return maxQueryLength;
    }

    public int maxIdLength() {
        return maxIdLength;
    }

    public long maxClockSkewMillis() {
        return maxClockSkewMillis;
    }

    public Clock clock() {
        return clock;
    }

    /** The latest event time accepted right now. */
    public long latestAcceptedTs() {
        return clock.millis() + maxClockSkewMillis;
    }

    @Override
    public String toString() {
        return "EventLimits{maxQueryLength=" + maxQueryLength + ", maxIdLength=" + maxIdLength
                + ", maxClockSkewMillis=" + maxClockSkewMillis + ", clock=" + clock + '}';
    }

    public static final class Builder {
        private int maxQueryLength = DEFAULT_MAX_QUERY_LENGTH;
        private int maxIdLength = DEFAULT_MAX_ID_LENGTH;
        private Duration maxClockSkew = DEFAULT_MAX_CLOCK_SKEW;
        // Clock.systemUTC() and Clock.fixed(...) are both Serializable.
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        public Builder maxQueryLength(int chars) {
            this.maxQueryLength = positive(chars, "maxQueryLength");
            return this;
        }

        public Builder maxIdLength(int chars) {
            this.maxIdLength = positive(chars, "maxIdLength");
            return this;
        }

        public Builder maxClockSkew(Duration skew) {
            if (skew.isNegative()) {
                throw new IllegalArgumentException("maxClockSkew must not be negative: " + skew);
            }
            this.maxClockSkew = skew;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public EventLimits build() {
            return new EventLimits(this);
        }

        private static int positive(int value, String name) {
            if (value <= 0) {
                throw new IllegalArgumentException(name + " must be positive: " + value);
            }
            return value;
        }
    }
}
