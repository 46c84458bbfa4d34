package io.recstream.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.recstream.event.NumericId;
import io.recstream.functions.RecommendationPublisher.PublishedList;
import io.recstream.recommend.CandidateList;
import io.recstream.recommend.PublishRule;
import io.recstream.recommend.Reason;
import io.recstream.recommend.Recommendation;
import io.recstream.state.SerializerTypeInfo;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.BasicArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

class PublishedListSerializerTest {
    /** How builds before this serializer stored the state: a Flink POJO of the same class. */
    private static final TypeInformation<PublishedList> POJO = Types.POJO(PublishedList.class, Map.of(
            "version", Types.LONG, "versionsSince", Types.LONG, "items", BasicArrayTypeInfo.STRING_ARRAY_TYPE_INFO));

    @Test
    void writesAndReadsEveryField() throws Exception {
        for (PublishedList list : new PublishedList[] {
            new PublishedList(7, 1_700_000_000_000L, new long[] {NumericId.of("a"), -3L, Long.MAX_VALUE}),
            new PublishedList(1, 0, null)}) {
            PublishedList read = read(PublishedListSerializer.INSTANCE, write(list));
            assertThat(read).usingRecursiveComparison().isEqualTo(list);
        }
    }

    @Test
    void formatOneHeldTheNamesAndIsRewrittenAsTheirIds() throws Exception {
        DataOutputSerializer formatOne = new DataOutputSerializer(64);
        formatOne.writeLong(7);
        formatOne.writeLong(1234L);
        formatOne.writeInt(3);
        for (String item : new String[] {"a", "bé", ""}) {
            formatOne.writeUTF(item);
        }
        PublishedList restored = read(PublishedListSerializer.READER_V1, formatOne.getCopyOfBuffer());
        PublishedList rewritten = read(PublishedListSerializer.INSTANCE, write(restored));
        assertThat(rewritten.version).isEqualTo(7);
        assertThat(rewritten.versionsSince).isEqualTo(1234L);
        assertThat(rewritten.itemIds).containsExactly(NumericId.of("a"), NumericId.of("bé"), NumericId.of(""));
        assertThat(rewritten.items).isNull();
    }

    @Test
    void theStateTypeIsThisSerializerAndEarlierFormatsMigrate() throws Exception {
        assertThat(TypeInformation.of(PublishedList.class)).isInstanceOf(SerializerTypeInfo.class);
        var snapshot = PublishedListSerializer.INSTANCE.snapshotConfiguration();
        assertThat(snapshot.resolveSchemaCompatibility(POJO.createSerializer(new SerializerConfigImpl()).snapshotConfiguration())
                .isCompatibleAfterMigration()).isTrue();
        var formatOne = new PublishedListSerializer.Snapshot();
        formatOne.readSnapshot(1, null, getClass().getClassLoader());
        assertThat(snapshot.resolveSchemaCompatibility(formatOne).isCompatibleAfterMigration()).isTrue();
        assertThat(formatOne.restoreSerializer()).isSameAs(PublishedListSerializer.READER_V1);
        assertThat(snapshot.resolveSchemaCompatibility(PublishedListSerializer.INSTANCE.snapshotConfiguration())
                .isCompatibleAsIs()).isTrue();
    }

    private static byte[] write(PublishedList list) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(64);
        PublishedListSerializer.INSTANCE.serialize(list, out);
        return out.getCopyOfBuffer();
    }

    private static PublishedList read(PublishedListSerializer serializer, byte[] bytes) throws Exception {
        DataInputDeserializer in = new DataInputDeserializer(bytes);
        PublishedList list = serializer.deserialize(in);
        assertThat(in.available()).isZero();
        return list;
    }

    @Test
    void stateAnEarlierBuildWroteAsAPojoRestoresIntoThePublisher() throws Exception {
        OperatorSubtaskState earlier;
        try (var writer = harness(new KeyedProcessOperator<>(new PojoWriter()))) {
            writer.open();
            writer.processElement(list("u1", "a", "b"), 1L);
            earlier = writer.snapshot(1L, 1L);
        }
        OperatorSubtaskState rewritten;
        try (var publisher = harness(new KeyedProcessOperator<>(publisher()))) {
            publisher.initializeState(earlier);
            publisher.open();
            publisher.processElement(list("u1", "a", "b"), 2L); // what the earlier build published: unchanged
            publisher.processElement(list("u1", "c", "d"), 3L);
            assertThat(publisher.extractOutputValues()).extracting(r -> r.version, r -> r.versionsSince)
                    .containsExactly(tuple(8L, 1234L));
            rewritten = publisher.snapshot(2L, 2L);
        }
        try (var publisher = harness(new KeyedProcessOperator<>(publisher()))) { // the rewritten state restores too
            publisher.initializeState(rewritten);
            publisher.open();
            publisher.processElement(list("u1", "e", "f"), 4L);
            assertThat(publisher.extractOutputValues()).extracting(r -> r.version).containsExactly(9L);
        }
    }

    private static RecommendationPublisher publisher() {
        return new RecommendationPublisher("m", 10, Duration.ZERO, new PublishRule(1, 10));
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, CandidateList, Recommendation> harness(
            OneInputStreamOperator<CandidateList, Recommendation> operator) throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(operator, l -> l.user, Types.STRING);
    }

    private static CandidateList list(String user, String... items) {
        CandidateList list = new CandidateList();
        list.user = user;
        list.items = items;
        list.itemIds = Arrays.stream(items).mapToLong(NumericId::of).toArray();
        list.scores = new float[items.length];
        list.reasons = new byte[items.length];
        Arrays.fill(list.reasons, Reason.TRENDING);
        list.reasonItems = new String[items.length];
        return list;
    }

    /** The publisher's state as an earlier build kept it: version 7 of a numbering begun at 1234. */
    private static final class PojoWriter extends KeyedProcessFunction<String, CandidateList, Recommendation> {
        private transient ValueState<PublishedList> state;

        @Override
        public void open(OpenContext context) {
            state = getRuntimeContext().getState(new ValueStateDescriptor<>("last-published", POJO));
        }

        @Override
        public void processElement(CandidateList list, Context ctx, Collector<Recommendation> out) throws Exception {
            PublishedList published = new PublishedList(7, 1234L, null);
            published.items = list.items;
            state.update(published);
        }
    }
}
