package io.recstream.job.kafka;

import io.recstream.event.DeadLetter;
import io.recstream.experiment.BucketMetrics;
import io.recstream.job.ModelOptions;
import io.recstream.job.RecStreamOptions;
import io.recstream.model.ItemFactor;
import io.recstream.model.ItemFactorCodec;
import io.recstream.ranking.RankingExampleCodec;
import io.recstream.recommend.Recommendation;

import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

import java.util.Properties;

/**
 * The job's Kafka sources and sinks, configured from {@link RecStreamOptions}.
 *
 * <ul>
 *   <li>{@code events}: committed offsets of the group, earliest when it has none; read_committed.
 *   <li>{@code item-factors}: always from the earliest offset on a fresh start, so a new replica
 *       reads the whole compacted model; at-least-once writes (a replayed item version is ignored
 *       by replicas that hold it, and a later version always wins); key = item name, value = the
 *       item in binary ({@link ItemFactorCodec}); an expired item is a tombstone (null value).
 *   <li>{@code recommendations}: exactly-once, transactional, key = user.
 *   <li>{@code events-dlq}: at-least-once.
 *   <li>{@code recstream-metrics}: exactly-once, transactional, key = experiment bucket.
 *   <li>{@code recstream.ranker.examples.topic}: ranking examples of sampled users, exactly-once,
 *       transactional (a trainer reads read_committed, so a list is never there twice), key = the
 *       user's numeric id (8 bytes), value = {@link RankingExampleCodec}; only when the option is set.
 *   <li>{@code models}: the model store ({@link ModelStore}), read from the earliest offset on a
 *       fresh start; key = model name, value = one version ({@code ModelVersionSerializer}).
 * </ul>
 */
public final class KafkaConnectors {
    private final ReadableConfig config;

    public KafkaConnectors(ReadableConfig config) {
        this.config = config;
    }

    public KafkaSource<byte[]> events() {
        return KafkaSource.<byte[]>builder()
                .setBootstrapServers(config.get(RecStreamOptions.BOOTSTRAP_SERVERS))
                .setTopics(config.get(RecStreamOptions.EVENTS_TOPIC))
                .setGroupId(config.get(RecStreamOptions.GROUP_ID))
                .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setValueOnlyDeserializer(new RawBytesDeserializer())
                .setProperty("isolation.level", "read_committed")
                .build();
    }

    public KafkaSource<ItemFactor> itemFactors() {
        return KafkaSource.<ItemFactor>builder()
                .setBootstrapServers(config.get(RecStreamOptions.BOOTSTRAP_SERVERS))
                .setTopics(config.get(RecStreamOptions.ITEM_FACTORS_TOPIC))
                .setGroupId(config.get(RecStreamOptions.GROUP_ID) + "-item-factors")
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setDeserializer(new ItemFactorDeserializer())
                .build();
    }

    /**
     * The model store's records as bytes (the validator decodes them, so a bad record is refused
     * and counted instead of failing the source): from the earliest offset on a fresh start, so
     * the job reads the latest version of every model the compacted topic holds. Null when no
     * topic is set: the job serves the configured models only.
     */
    public KafkaSource<byte[]> models() {
        if (config.get(ModelOptions.MODELS_TOPIC).isEmpty()) {
            return null;
        }
        return KafkaSource.<byte[]>builder()
                .setBootstrapServers(config.get(RecStreamOptions.BOOTSTRAP_SERVERS))
                .setTopics(config.get(ModelOptions.MODELS_TOPIC))
                .setGroupId(config.get(RecStreamOptions.GROUP_ID) + "-models")
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setValueOnlyDeserializer(new RawBytesDeserializer())
                .build();
    }

    public KafkaSink<Recommendation> recommendations() {
        return KafkaSink.<Recommendation>builder()
                .setBootstrapServers(config.get(RecStreamOptions.BOOTSTRAP_SERVERS))
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(config.get(RecStreamOptions.TRANSACTIONAL_ID_PREFIX))
                .setKafkaProducerConfig(transactionalProducer(config))
                .setRecordSerializer(KafkaRecordSerializationSchema.<Recommendation>builder()
                        .setTopic(config.get(RecStreamOptions.RECOMMENDATIONS_TOPIC))
                        .setKeySerializationSchema(JsonRecords.key(Recommendation.class, r -> r.user))
                        .setValueSerializationSchema(new RecommendationJson())
                        .build())
                .build();
    }

    public KafkaSink<BucketMetrics> metrics() {
        return KafkaSink.<BucketMetrics>builder()
                .setBootstrapServers(config.get(RecStreamOptions.BOOTSTRAP_SERVERS))
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(config.get(RecStreamOptions.TRANSACTIONAL_ID_PREFIX) + "-metrics")
                .setKafkaProducerConfig(transactionalProducer(config))
                .setRecordSerializer(KafkaRecordSerializationSchema.<BucketMetrics>builder()
                        .setTopic(config.get(RecStreamOptions.METRICS_TOPIC))
                        .setKeySerializationSchema(JsonRecords.key(BucketMetrics.class, m -> m.bucket))
                        .setValueSerializationSchema(JsonRecords.value(BucketMetrics.class))
                        .build())
                .build();
    }

    /**
     * The ranking examples, null when no topic is set. Exactly-once, so a restored job does not
     * write a list again (a trainer pairs each list with the user's next one); lz4-compressed, as
     * many features are zeros.
     */
    public KafkaSink<byte[]> rankingExamples() {
        String topic = config.get(ModelOptions.EXAMPLES_TOPIC);
        if (topic.isEmpty()) {
            return null;
        }
        return KafkaSink.<byte[]>builder()
                .setBootstrapServers(config.get(RecStreamOptions.BOOTSTRAP_SERVERS))
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(config.get(RecStreamOptions.TRANSACTIONAL_ID_PREFIX) + "-examples")
                .setKafkaProducerConfig(transactionalProducer(config))
                .setProperty("compression.type", "lz4")
                .setRecordSerializer(new RankingExampleRecords(topic))
                .build();
    }

    /**
     * The producer settings of the exactly-once sinks: the transaction timeout, and batches filled
     * for as long as {@link RecStreamOptions#TRANSACTIONAL_LINGER} says, since nobody reads a record
     * before the checkpoint that commits it (and flushes what lingers).
     */
    static Properties transactionalProducer(ReadableConfig config) {
        Properties props = new Properties();
        props.setProperty("transaction.timeout.ms", String.valueOf(config.get(RecStreamOptions.TRANSACTION_TIMEOUT).toMillis()));
        props.setProperty("linger.ms", String.valueOf(config.get(RecStreamOptions.TRANSACTIONAL_LINGER).toMillis()));
        props.setProperty("batch.size", String.valueOf(config.get(RecStreamOptions.TRANSACTIONAL_BATCH_SIZE).getBytes()));
        return props;
    }

    public KafkaSink<ItemFactor> itemFactorSink() {
        return KafkaSink.<ItemFactor>builder()
                .setBootstrapServers(config.get(RecStreamOptions.BOOTSTRAP_SERVERS))
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .setKafkaProducerConfig(itemFactorProducer(config))
                .setRecordSerializer(itemFactorRecords(config.get(RecStreamOptions.ITEM_FACTORS_TOPIC)))
                .build();
    }

    /**
     * The item-factors sink's producer: the loop is read as it is written, so it lingers 5 ms only;
     * its batches are as large as {@link RecStreamOptions#ITEM_FACTORS_BATCH_SIZE} says, since the
     * item-learner publishes in bursts.
     */
    static Properties itemFactorProducer(ReadableConfig config) {
        Properties props = new Properties();
        props.setProperty("linger.ms", "5");
        props.setProperty("batch.size", String.valueOf(config.get(RecStreamOptions.ITEM_FACTORS_BATCH_SIZE).getBytes()));
        return props;
    }

    /**
     * Key = item, value = the item in its binary format ({@link ItemFactorCodec}), or null for its
     * tombstone (which compaction then drops).
     */
    static KafkaRecordSerializationSchema<ItemFactor> itemFactorRecords(String topic) {
        return KafkaRecordSerializationSchema.<ItemFactor>builder()
                .setTopic(topic)
                .setKeySerializationSchema(JsonRecords.key(ItemFactor.class, f -> f.item))
                .setValueSerializationSchema(new ItemFactorValues())
                .build();
    }

    /** Says its type: the Kafka sink's lineage reporting cannot infer it (see {@link JsonRecords}). */
    private static final class ItemFactorValues implements SerializationSchema<ItemFactor>, ResultTypeQueryable<ItemFactor> {
        private static final long serialVersionUID = 1L;

        @Override
        public byte[] serialize(ItemFactor f) {
            return f.isTombstone() ? null : ItemFactorCodec.encode(f);
        }

        @Override
        public TypeInformation<ItemFactor> getProducedType() {
            return TypeInformation.of(ItemFactor.class);
        }
    }

    public KafkaSink<DeadLetter> deadLetters() {
        return KafkaSink.<DeadLetter>builder()
                .setBootstrapServers(config.get(RecStreamOptions.BOOTSTRAP_SERVERS))
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .setRecordSerializer(KafkaRecordSerializationSchema.<DeadLetter>builder()
                        .setTopic(config.get(RecStreamOptions.DEAD_LETTER_TOPIC))
                        .setValueSerializationSchema(JsonRecords.value(DeadLetter.class))
                        .build())
                .build();
    }
}
