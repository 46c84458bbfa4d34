package io.recstream.bench.e2e;

import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Writes into an {@link InJvmQueue}. Each record is deep-copied first: a chained operator may hand
 * over an object it keeps mutating (the item-learner publishes its heap state object), which a
 * Kafka sink would have serialised at once.
 */
final class QueueSink<T> implements Sink<T> {
    private static final long serialVersionUID = 1L;

    private final String queue;
    private final TypeInformation<T> type;

    QueueSink(String queue, TypeInformation<T> type) {
        this.queue = queue;
        this.type = type;
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        InJvmQueue<T> target = InJvmQueue.named(queue);
        TypeSerializer<T> serializer = type.createSerializer(new SerializerConfigImpl());
        return new SinkWriter<>() {
            @Override
            public void write(T element, Context context) {
                target.add(serializer.copy(element));
            }

            @Override
            public void flush(boolean endOfInput) {
            }

            @Override
            public void close() {
            }
        };
    }
}
