package io.recstream.job.kafka;

import io.recstream.ranking.RankingExampleCodec;

import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Encoded ranking examples to their topic, keyed by the user id inside them
 * ({@link RankingExampleCodec#key}): one partition per user keeps a user's lists in the order the
 * job made them, which is how a trainer finds each list's next interaction. It says its type, as
 * {@link JsonRecords} do, for the sink's lineage reporting.
 */
final class RankingExampleRecords implements KafkaRecordSerializationSchema<byte[]>, ResultTypeQueryable<byte[]> {
    private static final long serialVersionUID = 1L;

    private final String topic;

    RankingExampleRecords(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(byte[] example, KafkaSinkContext context, Long timestamp) {
        // written at the wall clock: replayed event times would be refused by a broker keeping its timestamp limits
        return new ProducerRecord<>(topic, null, null, RankingExampleCodec.key(example), example);
    }

    @Override
    public TypeInformation<byte[]> getProducedType() {
        return PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO;
    }
}
