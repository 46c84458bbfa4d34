package io.recstream.job;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.MemorySize;

import java.time.Duration;

/**
 * The job's own configuration: Kafka, topics, state lifetime and publishing. One definition read
 * by {@code flink run} arguments, {@code flink-conf/config.yaml} and tests alike. Learning and
 * ranking knobs are in {@link LearningOptions}.
 */
public final class RecStreamOptions {
    private RecStreamOptions() {}

    public static final ConfigOption<String> JOB_NAME = ConfigOptions.key("recstream.job-name")
            .stringType().defaultValue("recstream").withDescription("Name of the Flink job.");
    public static final ConfigOption<String> BOOTSTRAP_SERVERS = ConfigOptions.key("recstream.kafka.bootstrap-servers")
            .stringType().defaultValue("localhost:9092").withDescription("Kafka brokers to read events from and write outputs to.");
    public static final ConfigOption<String> GROUP_ID = ConfigOptions.key("recstream.kafka.group-id")
            .stringType().defaultValue("recstream").withDescription("Consumer group of the event and item-factor sources.");
    public static final ConfigOption<String> TRANSACTIONAL_ID_PREFIX = ConfigOptions.key("recstream.kafka.transactional-id-prefix")
            .stringType().defaultValue("recstream-recommendations")
            .withDescription("Prefix of the exactly-once sink's transactional ids; unique per job writing to the same cluster.");
    public static final ConfigOption<Duration> TRANSACTION_TIMEOUT = ConfigOptions.key("recstream.kafka.transaction-timeout")
            .durationType().defaultValue(Duration.ofMinutes(10))
            .withDescription("transaction.timeout.ms of the exactly-once sink; must not exceed the broker's transaction.max.timeout.ms (15 min by default).");
    public static final ConfigOption<Duration> TRANSACTIONAL_LINGER = ConfigOptions.key("recstream.kafka.transactional-linger")
            .durationType().defaultValue(Duration.ofMillis(100))
            .withDescription("linger.ms of the exactly-once sinks (recommendations, metrics, ranking examples). Their records are "
                    + "visible only once a checkpoint commits them, and a checkpoint flushes what lingers, so a longer wait "
                    + "delays no reader and fills batches: fewer produce requests for the sink and the broker.");
    public static final ConfigOption<MemorySize> TRANSACTIONAL_BATCH_SIZE = ConfigOptions.key("recstream.kafka.transactional-batch-size")
            .memoryType().defaultValue(MemorySize.parse("256kb"))
            .withDescription("batch.size of the exactly-once sinks, per partition: Kafka's 16 KB holds about a dozen lists "
                    + "(ten items with their reasons are 1-1.2 KB of JSON), so a batch would go out every dozen lists whatever the linger.");
    public static final ConfigOption<MemorySize> ITEM_FACTORS_BATCH_SIZE = ConfigOptions.key("recstream.kafka.item-factors-batch-size")
            .memoryType().defaultValue(MemorySize.parse("256kb"))
            .withDescription("batch.size of the item-factors sink, per partition. The item-learner publishes the items due on its "
                    + "grid at once (recstream.item.publish-interval), up to 1.4 KB each, so Kafka's 16 KB cut each burst into dozens "
                    + "of batches, each a produce request and a fetched batch of its own; a batch still leaves after 5 ms (linger.ms).");
    public static final ConfigOption<String> SECRETS_DIR = ConfigOptions.key("recstream.secrets-dir")
            .stringType().defaultValue("")
            .withDescription("A directory whose config.yaml adds recstream.* options when the job starts (passwords, "
                    + "addresses): a mounted Kubernetes Secret, see deploy/k8s/. Empty: none.");
    public static final ConfigOption<String> EVENTS_TOPIC = ConfigOptions.key("recstream.topic.events")
            .stringType().defaultValue("events").withDescription("Input topic of JSON user events.");
    public static final ConfigOption<String> DEAD_LETTER_TOPIC = ConfigOptions.key("recstream.topic.dead-letters")
            .stringType().defaultValue("events-dlq").withDescription("Rejected events with the reason.");
    public static final ConfigOption<String> ITEM_FACTORS_TOPIC = ConfigOptions.key("recstream.topic.item-factors")
            .stringType().defaultValue("item-factors").withDescription("Compacted topic of item vectors (key = item): the item-sharing loop.");
    public static final ConfigOption<String> RECOMMENDATIONS_TOPIC = ConfigOptions.key("recstream.topic.recommendations")
            .stringType().defaultValue("recommendations").withDescription("Upsert topic of each user's current list (key = user).");
    public static final ConfigOption<String> METRICS_TOPIC = ConfigOptions.key("recstream.topic.metrics")
            .stringType().defaultValue("recstream-metrics")
            .withDescription("Topic of the stickiness metrics: one JSON record per experiment bucket and window (key = bucket).");
    public static final ConfigOption<Duration> MAX_OUT_OF_ORDERNESS = ConfigOptions.key("recstream.events.max-out-of-orderness")
            .durationType().defaultValue(Duration.ofSeconds(5)).withDescription("Bound of the event-time watermarks.");
    public static final ConfigOption<Duration> MAX_SOURCE_DRIFT = ConfigOptions.key("recstream.events.max-source-drift")
            .durationType().defaultValue(Duration.ZERO)
            .withDescription("Watermark alignment of the events partitions by Kafka record time: none is read further ahead "
                    + "than this of the slowest (0: off). Only for producers that stamp records with the event time: "
                    + "one record stamped by a skewed clock pauses its partition.");
    public static final ConfigOption<Integer> MAX_QUERY_LENGTH = ConfigOptions.key("recstream.events.max-query-length")
            .intType().defaultValue(512).withDescription("Longer search texts are rejected to the dead-letter topic.");
    public static final ConfigOption<Duration> MAX_CLOCK_SKEW = ConfigOptions.key("recstream.events.max-clock-skew")
            .durationType().defaultValue(Duration.ofDays(1)).withDescription("Events stamped further than this in the future are rejected.");
    public static final ConfigOption<Duration> USER_STATE_TTL = ConfigOptions.key("recstream.user.state-ttl")
            .durationType().defaultValue(Duration.ofDays(30)).withDescription("A user's profile, and what was last published for them, is dropped after this long "
                    + "(processing time) without events (0: never).");
    public static final ConfigOption<Integer> USER_STATE_CACHE = ConfigOptions.key("recstream.user.state-cache.capacity")
            .intType().defaultValue(16384)
            .withDescription("Users whose state each user-learner and publisher subtask keeps on the heap with RocksDB (the "
                    + "profile; the last published list), so an event of a user in session neither reads nor writes RocksDB "
                    + "(0: none). Per cached user about 0.5 KB plus 4 bytes per seen item (both caches): ~19 MB at 16,384 "
                    + "users of ~60 seen items, at most ~81 MB with recstream.user.max-seen of 1,000. Size it above the "
                    + "users active per subtask within recstream.user.state-cache.keep: a new user who finds it full "
                    + "drops those idle half that long, or empties it when most are in use, so below that many sessions "
                    + "start with a RocksDB read.");
    public static final ConfigOption<Duration> USER_STATE_WRITE_BEHIND = ConfigOptions.key("recstream.user.state-cache.write-behind")
            .durationType().defaultValue(Duration.ofMillis(200))
            .withDescription("A cached user's state is written to RocksDB this long after it changed (processing time), and "
                    + "every changed one before each checkpoint barrier: the shorter, the fewer the barrier writes while "
                    + "lists wait (0: at once).");
    public static final ConfigOption<Duration> USER_STATE_CACHE_KEEP = ConfigOptions.key("recstream.user.state-cache.keep")
            .durationType().defaultValue(Duration.ofMinutes(2))
            .withDescription("A cached user's state is served from the heap until this long after its last write to RocksDB "
                    + "(processing time), whether or not events used it, and dropped at the first checkpoint barrier after "
                    + "that: a user back within it reads nothing from RocksDB. At most recstream.user.state-ttl (the shorter "
                    + "is used: the time-to-live also runs from the last write); a user in session is written "
                    + "recstream.user.state-cache.write-behind after each change, so stays cached.");
    public static final ConfigOption<Integer> PUBLISH_MIN_CHANGED_ITEMS = ConfigOptions.key("recstream.publish.min-changed-items")
            .intType().defaultValue(2)
            .withDescription("A user's new list is published when at least this many of its items are new (1: every change), "
                    + "when its top items reorder (recstream.publish.top-items), or at once after a purchase; "
                    + "otherwise the last published list stays (docs/ARCHITECTURE.md, No flicker).");
    public static final ConfigOption<Integer> PUBLISH_TOP_ITEMS = ConfigOptions.key("recstream.publish.top-items")
            .intType().defaultValue(3)
            .withDescription("A user's new list is also published when its first this many items differ from the last "
                    + "published list's first ones, in content or order (0: off).");
    public static final ConfigOption<Duration> ITEM_STATE_TTL = ConfigOptions.key("recstream.item.state-ttl")
            .durationType().defaultValue(Duration.ofDays(90))
            .withDescription("An item that no interaction or co-occurrence touched for this long in event time is dropped "
                    + "from the item-learner's state and, by a tombstone on item-factors, from every replica (0: never).");
    public static final ConfigOption<Duration> ITEM_PUBLISH_INTERVAL = ConfigOptions.key("recstream.item.publish-interval")
            .durationType().defaultValue(Duration.ofMillis(200))
            .withDescription("An item whose neighbours or popularity changed is published to item-factors at most once per interval (0: after every update).");
    public static final ConfigOption<Duration> ITEM_FACTOR_PUBLISH_INTERVAL = ConfigOptions.key("recstream.item.factor-publish-interval")
            .durationType().defaultValue(Duration.ofSeconds(2))
            .withDescription("An item changed only by factor steps (sampled negatives) is published at most once per interval; never shorter than recstream.item.publish-interval.");
    public static final ConfigOption<Duration> ITEM_UPDATE_DELAY = ConfigOptions.key("recstream.item.update-delay")
            .durationType().defaultValue(Duration.ofMillis(20))
            .withDescription("Each user-learner subtask sums its item updates per item for at most this long before sending "
                    + "them to the item-learner (its own replica has them at once; 0: send each at once).");
    public static final ConfigOption<Integer> ITEM_UPDATE_MAX_ITEMS = ConfigOptions.key("recstream.item.update-max-items")
            .intType().defaultValue(2000)
            .withDescription("A user-learner subtask sends its summed item updates once this many items are pending, "
                    + "before recstream.item.update-delay has passed.");
    public static final ConfigOption<String> MODEL_VERSION = ConfigOptions.key("recstream.model.version")
            .stringType().defaultValue("recstream-blend-1").withDescription("Travels with every published list.");
}
