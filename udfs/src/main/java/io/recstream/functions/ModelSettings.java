package io.recstream.functions;

import java.io.Serializable;
import java.util.Objects;

/**
 * How an async model operator runs its model: where the model is, how many calls at once and ONNX
 * Runtime threads it gets, and how requests are micro-batched (a batch goes to the model when it
 * holds {@code maxBatchRows} rows or its first request has waited {@code maxBatchDelayMillis},
 * whichever comes first), and how long an element may wait for its answer. Immutable and
 * serialisable into the job graph.
 *
 * <p>The operator's capacity is not here: it belongs to
 * {@code AsyncDataStream.orderedWait(stream, function, 0, unit, capacity)}, without an operator
 * timeout: the function completes elements whose answer never comes ({@link BatchedModelFunction}).
 */
public final class ModelSettings implements Serializable {
    private static final long serialVersionUID = 1L;

    /** {@code classpath:<resource>} or a filesystem path to the model's {@code .onnx} file. */
    public final String location;
    /** Predictors, and threads calling them: model calls that run at the same time per task. */
    public final int poolSize;
    /** ONNX Runtime threads per call; 1 suits a machine shared by many tasks. */
    public final int intraOpThreads;
    /** A batch is sent as soon as it holds this many rows (a single larger request goes alone). */
    public final int maxBatchRows;
    /** A batch is sent at the latest this long after its first request; 0 sends every request at once. */
    public final long maxBatchDelayMillis;
    /** An answer later than this after the element arrived is dropped: the element falls back. */
    public final long timeoutMillis;

    private ModelSettings(Builder b) {
        this.location = b.location;
        this.poolSize = b.poolSize;
        this.intraOpThreads = b.intraOpThreads;
        this.maxBatchRows = b.maxBatchRows;
        this.maxBatchDelayMillis = b.maxBatchDelayMillis;
        this.timeoutMillis = b.timeoutMillis;
    }

    /** The defaults for a model at {@code location}: one predictor, one thread, 256 rows or 2 ms, 200 ms timeout. */
    public static ModelSettings of(String location) {
        return builder(location).build();
    }

    public static Builder builder(String location) {
        return new Builder(location);
    }

    public Builder toBuilder() {
        return new Builder(location).poolSize(poolSize).intraOpThreads(intraOpThreads)
                .maxBatchRows(maxBatchRows).maxBatchDelayMillis(maxBatchDelayMillis).timeoutMillis(timeoutMillis);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModelSettings s
                && location.equals(s.location)
                && poolSize == s.poolSize
                && intraOpThreads == s.intraOpThreads
                && maxBatchRows == s.maxBatchRows
                && maxBatchDelayMillis == s.maxBatchDelayMillis
                && timeoutMillis == s.timeoutMillis;
    }

    @Override
    public int hashCode() {
        return Objects.hash(location, poolSize, intraOpThreads, maxBatchRows, maxBatchDelayMillis, timeoutMillis);
    }

    @Override
    public String toString() {
        return "ModelSettings{" + location + ", pool " + poolSize + ", intra-op threads " + intraOpThreads
                + ", batch " + maxBatchRows + " rows or " + maxBatchDelayMillis + " ms, timeout " + timeoutMillis + " ms}";
    }

    public static final class Builder {
        private final String location;
        private int poolSize = 1;
        private int intraOpThreads = 1;
        private int maxBatchRows = 256;
        private long maxBatchDelayMillis = 2;
        private long timeoutMillis = 200;

        private Builder(String location) {
            this.location = Objects.requireNonNull(location, "location");
        }

        public Builder poolSize(int poolSize) {
            this.poolSize = poolSize;
            return this;
        }

        public Builder intraOpThreads(int intraOpThreads) {
            this.intraOpThreads = intraOpThreads;
            return this;
        }

        public Builder maxBatchRows(int maxBatchRows) {
            this.maxBatchRows = maxBatchRows;
            return this;
        }

        public Builder maxBatchDelayMillis(long maxBatchDelayMillis) {
            this.maxBatchDelayMillis = maxBatchDelayMillis;
            return this;
        }

        public Builder timeoutMillis(long timeoutMillis) {
            this.timeoutMillis = timeoutMillis;
            return this;
        }

        public ModelSettings build() {
            if (location.isBlank()) {
                throw new IllegalArgumentException("model location is blank");
            }
            if (poolSize < 1 || intraOpThreads < 1 || maxBatchRows < 1 || maxBatchDelayMillis < 0 || timeoutMillis < 1) {
                throw new IllegalArgumentException("poolSize, intraOpThreads, maxBatchRows and timeoutMillis must be >= 1 "
                        + "and maxBatchDelayMillis >= 0: " + poolSize + ", " + intraOpThreads + ", "
                        + maxBatchRows + ", " + timeoutMillis + ", " + maxBatchDelayMillis);
            }
            return new ModelSettings(this);
        }
    }
}
