package io.recstream.bench.e2e;

import io.recstream.job.RecStreamOptions;
import io.recstream.model.ItemFactor;
import io.recstream.recommend.UserProfile;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.runtime.checkpoint.OperatorState;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.checkpoint.metadata.CheckpointMetadata;
import org.apache.flink.runtime.state.StateObject;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.state.api.OperatorIdentifier;
import org.apache.flink.state.api.SavepointReader;
import org.apache.flink.state.api.functions.KeyedStateReaderFunction;
import org.apache.flink.state.api.runtime.SavepointLoader;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.Collector;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * State bytes of a running job: two savepoints at the end of its window, canonical (Flink's own
 * format: each key's latest value, nothing stale, i.e. what a full compaction leaves) and native
 * (the state backend's files as they are: RocksDB's SST files, with whatever compaction has not
 * merged yet). Both give bytes per operator; the canonical one is also read back key by key with
 * the State Processor API to give each value's serialized size with the job's own serializers.
 *
 * <p>Names the job's state by operator uid, state name and class: when the state is redesigned,
 * {@link #USER} and {@link #ITEM} follow it.
 */
final class StateSizes {
    static final KeyedValue<UserProfile> USER = new KeyedValue<>("user-learner", "user-profile", UserProfile.class, true);
    static final KeyedValue<ItemFactor> ITEM = new KeyedValue<>("item-learner", "item-factor", ItemFactor.class, false);

    /** A keyed ValueState of the job: the operator's uid, the state's name and class, whether it has the user TTL. */
    record KeyedValue<T>(String uid, String name, Class<T> type, boolean userTtl) implements java.io.Serializable {}

    /** Serialized sizes of one state's values, and its operator's bytes in each savepoint format. */
    record Sizes(String state, long values, long p50, long p99, long canonicalKeyedBytes, long nativeKeyedBytes,
                 long canonicalOperatorBytes, long nativeOperatorBytes) {}

    private StateSizes() {}

    /** Paths of the two savepoints of a running job, taken one after the other. */
    record Savepoints(String canonical, String nativeFormat) {
        static Savepoints take(JobClient job, Path dir) throws Exception {
            String canonical = job.triggerSavepoint(dir.resolve("canonical").toUri().toString(), SavepointFormatType.CANONICAL)
                    .get(10, TimeUnit.MINUTES);
            String nativeFormat = job.triggerSavepoint(dir.resolve("native").toUri().toString(), SavepointFormatType.NATIVE)
                    .get(10, TimeUnit.MINUTES);
            return new Savepoints(canonical, nativeFormat);
        }
    }

    static List<Sizes> of(Savepoints savepoints, Configuration jobConf) throws Exception {
        CheckpointMetadata canonical = SavepointLoader.loadSavepointMetadata(savepoints.canonical());
        CheckpointMetadata nativeFormat = SavepointLoader.loadSavepointMetadata(savepoints.nativeFormat());
        Duration ttl = jobConf.get(RecStreamOptions.USER_STATE_TTL);
        List<Sizes> sizes = new ArrayList<>();
        for (KeyedValue<?> state : List.of(USER, ITEM)) {
            List<Integer> values = valueSizes(savepoints.canonical(), state, ttl);
            Collections.sort(values);
            sizes.add(new Sizes(state.uid() + "/" + state.name(), values.size(), percentile(values, 0.5), percentile(values, 0.99),
                    bytes(canonical, state.uid(), true), bytes(nativeFormat, state.uid(), true),
                    bytes(canonical, state.uid(), false), bytes(nativeFormat, state.uid(), false)));
        }
        return sizes;
    }

    private static <T> List<Integer> valueSizes(String savepoint, KeyedValue<T> state, Duration ttl) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1);
        SavepointReader reader = SavepointReader.read(env, savepoint, new HashMapStateBackend());
        List<Integer> sizes = new ArrayList<>();
        try (CloseableIterator<Integer> it = reader.readKeyedState(OperatorIdentifier.forUid(state.uid()),
                new ValueSizes<>(state, state.userTtl() ? ttl : Duration.ZERO), Types.LONG, Types.INT).executeAndCollect()) {
            it.forEachRemaining(sizes::add);
        }
        return sizes;
    }

    /** Keyed (or operator) state bytes of an operator, summed over its subtasks. */
    private static long bytes(CheckpointMetadata metadata, String uid, boolean keyed) {
        for (OperatorState operator : metadata.getOperatorStates()) {
            if (operator.getOperatorID().equals(OperatorIdentifier.forUid(uid).getOperatorId())) {
                long sum = 0;
                for (OperatorSubtaskState subtask : operator.getSubtaskStates().values()) {
                    for (StateObject handle : keyed ? subtask.getManagedKeyedState() : subtask.getManagedOperatorState()) {
                        sum += handle.getStateSize();
                    }
                }
                return sum;
            }
        }
        return 0;
    }

    /** Bytes of each subtask's state in a savepoint, all operators together, by subtask index. */
    static long[] bytesPerSubtask(String savepoint) throws Exception {
        CheckpointMetadata metadata = SavepointLoader.loadSavepointMetadata(savepoint);
        int subtasks = 0;
        for (OperatorState operator : metadata.getOperatorStates()) {
            subtasks = Math.max(subtasks, operator.getParallelism());
        }
        long[] bytes = new long[subtasks];
        for (OperatorState operator : metadata.getOperatorStates()) {
            operator.getSubtaskStates().forEach((index, state) -> bytes[index] += state.getStateSize());
        }
        return bytes;
    }

    private static long percentile(List<Integer> sorted, double quantile) {
        return sorted.isEmpty() ? -1 : sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(quantile * sorted.size()) - 1));
    }

    /** Emits the serialized size of each key's value (keys are numeric user and item ids). */
    private static final class ValueSizes<T> extends KeyedStateReaderFunction<Long, Integer> {
        private final KeyedValue<T> state;
        private final Duration ttl;
        private transient ValueState<T> values;
        private transient TypeSerializer<T> serializer;
        private transient DataOutputSerializer buffer;

        ValueSizes(KeyedValue<T> state, Duration ttl) {
            this.state = state;
            this.ttl = ttl;
        }

        @Override
        public void open(OpenContext context) {
            ValueStateDescriptor<T> descriptor = new ValueStateDescriptor<>(state.name(), state.type());
            if (!ttl.isZero()) {
                descriptor.enableTimeToLive(StateTtlConfig.newBuilder(ttl).build());
            }
            values = getRuntimeContext().getState(descriptor);
            serializer = TypeInformation.of(state.type()).createSerializer(new SerializerConfigImpl());
            buffer = new DataOutputSerializer(1024);
        }

        @Override
        public void readKey(Long key, Context context, Collector<Integer> out) throws Exception {
            T value = values.value();
            if (value != null) {
                buffer.clear();
                serializer.serialize(value, buffer);
                out.collect(buffer.length());
            }
        }
    }
}
