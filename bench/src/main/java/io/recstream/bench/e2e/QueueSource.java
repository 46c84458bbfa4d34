package io.recstream.bench.e2e;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.core.io.SimpleVersionedSerializer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Reads an {@link InJvmQueue}: every reader takes what it finds, as consumers of one group share a
 * topic. Nothing of the queue is checkpointed, so it is for measuring, not for recovery.
 */
final class QueueSource<T> implements Source<T, QueueSource.Split, Void>, ResultTypeQueryable<T> {
    private static final long serialVersionUID = 1L;

    private final String queue;
    private final TypeInformation<T> type;

    QueueSource(String queue, TypeInformation<T> type) {
        this.queue = queue;
        this.type = type;
    }

    @Override
    public TypeInformation<T> getProducedType() {
        return type;
    }

    @Override
    public Boundedness getBoundedness() {
        return Boundedness.CONTINUOUS_UNBOUNDED;
    }

    @Override
    public SplitEnumerator<Split, Void> createEnumerator(SplitEnumeratorContext<Split> context) {
        return new Enumerator(context);
    }

    @Override
    public SplitEnumerator<Split, Void> restoreEnumerator(SplitEnumeratorContext<Split> context, Void checkpoint) {
        return new Enumerator(context);
    }

    @Override
    public SimpleVersionedSerializer<Split> getSplitSerializer() {
        return new SplitSerializer();
    }

    @Override
    public SimpleVersionedSerializer<Void> getEnumeratorCheckpointSerializer() {
        return new NothingSerializer();
    }

    @Override
    public SourceReader<T, Split> createReader(SourceReaderContext context) {
        return new Reader<>(InJvmQueue.named(queue));
    }

    /** One split per reader: it only says the reader may read. */
    record Split(String splitId) implements SourceSplit {}

    private static final class Reader<T> implements SourceReader<T, Split> {
        private final InJvmQueue<T> queue;
        private final List<Split> splits = new ArrayList<>();

        Reader(InJvmQueue<T> queue) {
            this.queue = queue;
        }

        @Override
        public void start() {
        }

        @Override
        public InputStatus pollNext(ReaderOutput<T> output) {
            T item = queue.poll();
            if (item == null) {
                return InputStatus.NOTHING_AVAILABLE;
            }
            output.collect(item);
            return InputStatus.MORE_AVAILABLE;
        }

        @Override
        public List<Split> snapshotState(long checkpointId) {
            return List.copyOf(splits);
        }

        @Override
        public CompletableFuture<Void> isAvailable() {
            return queue.whenAvailable();
        }

        @Override
        public void addSplits(List<Split> added) {
            splits.addAll(added);
        }

        @Override
        public void notifyNoMoreSplits() {
        }

        @Override
        public void close() {
        }
    }

    private static final class Enumerator implements SplitEnumerator<Split, Void> {
        private final SplitEnumeratorContext<Split> context;

        Enumerator(SplitEnumeratorContext<Split> context) {
            this.context = context;
        }

        @Override
        public void start() {
        }

        @Override
        public void handleSplitRequest(int subtaskId, String requesterHostname) {
        }

        @Override
        public void addSplitsBack(List<Split> splits, int subtaskId) {
        }

        @Override
        public void addReader(int subtaskId) {
            context.assignSplit(new Split("reader-" + subtaskId), subtaskId);
        }

        @Override
        public Void snapshotState(long checkpointId) {
            return null;
        }

        @Override
        public void close() {
        }
    }

    private static final class SplitSerializer implements SimpleVersionedSerializer<Split> {
        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(Split split) {
            return split.splitId().getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public Split deserialize(int version, byte[] serialized) {
            return new Split(new String(serialized, StandardCharsets.UTF_8));
        }
    }

    private static final class NothingSerializer implements SimpleVersionedSerializer<Void> {
        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(Void nothing) {
            return new byte[0];
        }

        @Override
        public Void deserialize(int version, byte[] serialized) {
            return null;
        }
    }
}
