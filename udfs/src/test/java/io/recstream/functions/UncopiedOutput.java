package io.recstream.functions;

import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;

/**
 * A test harness's output as a chained operator gets it under object reuse: given to
 * {@code harness.setup(...)}, the harness keeps the very objects the operator emitted (its
 * "copy" is the object itself), so a test sees what an operator does to a record after sending
 * it on. Everything else is the wrapped serializer's.
 */
final class UncopiedOutput<T> extends TypeSerializer<T> {
    private static final long serialVersionUID = 1L;

    private final TypeSerializer<T> serializer;

    UncopiedOutput(TypeSerializer<T> serializer) {
        this.serializer = serializer;
    }

    @Override
    public T copy(T from) {
        return from;
    }

    @Override
    public T copy(T from, T reuse) {
        return from;
    }

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public TypeSerializer<T> duplicate() {
        return this;
    }

    @Override
    public T createInstance() {
        return serializer.createInstance();
    }

    @Override
    public int getLength() {
        return serializer.getLength();
    }

    @Override
    public void serialize(T record, DataOutputView target) throws IOException {
        serializer.serialize(record, target);
    }

    @Override
    public T deserialize(DataInputView source) throws IOException {
        return serializer.deserialize(source);
    }

    @Override
    public T deserialize(T reuse, DataInputView source) throws IOException {
        return serializer.deserialize(reuse, source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        serializer.copy(source, target);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UncopiedOutput<?> other && serializer.equals(other.serializer);
    }

    @Override
    public int hashCode() {
        return serializer.hashCode();
    }

    @Override
    public TypeSerializerSnapshot<T> snapshotConfiguration() {
        return serializer.snapshotConfiguration();
    }
}
