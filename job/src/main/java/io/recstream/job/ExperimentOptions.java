package io.recstream.job;

import io.recstream.experiment.Bucket;
import io.recstream.experiment.Experiment;
import io.recstream.learn.LearningConfig;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ReadableConfig;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A/B experiments: the buckets users are split into, and each bucket's overrides of the scoring
 * options, written {@code recstream.experiment.bucket.<name>.<option without "recstream.">}, e.g.
 * {@code recstream.experiment.bucket.ranked.ranker.enabled: true} (docs/EXPERIMENTS.md).
 */
public final class ExperimentOptions {
    private ExperimentOptions() {}

    /** The prefix of the per-bucket overrides. */
    public static final String BUCKET_PREFIX = "recstream.experiment.bucket.";

    /** The scoring options a bucket may override; any other key under {@link #BUCKET_PREFIX} fails the job. */
    public static final List<ConfigOption<?>> OVERRIDABLE = List.of(
            LearningOptions.FACTOR_WEIGHT, LearningOptions.COOCCURRENCE_WEIGHT, LearningOptions.POPULARITY_WEIGHT,
            LearningOptions.TOP_K, LearningOptions.REFIND_WEIGHT, LearningOptions.PURCHASE_PAUSE, ModelOptions.RANKER_ENABLED);

    public static final ConfigOption<Map<String, String>> BUCKETS = ConfigOptions.key("recstream.experiment.buckets")
            .mapType().noDefaultValue()
            .withDescription("Experiment buckets as name:share pairs, e.g. \"blend:50,ranked:50\"; a bucket gets "
                    + "share / (sum of shares) of the users. Unset: one bucket, \"default\", with the job's settings. "
                    + "A bucket overrides scoring options with recstream.experiment.bucket.<name>.<option without "
                    + "\"recstream.\">, for " + OVERRIDABLE.stream().map(ConfigOption::key).collect(Collectors.joining(", "))
                    + " (docs/EXPERIMENTS.md).");
    public static final ConfigOption<String> SALT = ConfigOptions.key("recstream.experiment.salt")
            .stringType().defaultValue("recstream")
            .withDescription("Salt of the hash that assigns users to buckets: a new salt splits users afresh, "
                    + "independently of the last experiment.");
    public static final ConfigOption<Duration> WINDOW = ConfigOptions.key("recstream.experiment.window")
            .durationType().defaultValue(Duration.ofHours(1))
            .withDescription("Event-time tumbling window of the stickiness metrics on the metrics topic: one record "
                    + "per bucket and window.");

    /** The experiment the configuration defines; fails on a malformed share or an unknown override. */
    public static Experiment toExperiment(ReadableConfig config) {
        Map<String, String> all = config.toMap();
        Map<String, String> shares = config.getOptional(BUCKETS).orElse(Map.of());
        checkOverrides(all, shares.keySet());
        if (shares.isEmpty()) {
            return Experiment.single(LearningOptions.toLearningConfig(config), config.get(ModelOptions.RANKER_ENABLED));
        }
        Bucket[] buckets = new Bucket[shares.size()];
        int b = 0;
        for (Map.Entry<String, String> share : shares.entrySet()) {
            String name = share.getKey().strip();
            Configuration bucket = Configuration.fromMap(all);
            for (ConfigOption<?> option : OVERRIDABLE) {
                String value = all.get(overrideKey(name, option));
                if (value != null) {
                    bucket.setString(option.key(), value);
                }
            }
            LearningConfig scoring = LearningOptions.toLearningConfig(bucket);
            buckets[b++] = new Bucket(name, parseShare(name, share.getValue()), scoring, bucket.get(ModelOptions.RANKER_ENABLED));
        }
        return new Experiment(config.get(SALT), buckets);
    }

    /** The key that overrides {@code option} in bucket {@code name}. */
    public static String overrideKey(String name, ConfigOption<?> option) {
        return BUCKET_PREFIX + name + "." + option.key().substring("recstream.".length());
    }

    private static void checkOverrides(Map<String, String> all, java.util.Set<String> names) {
        TreeSet<String> allowed = new TreeSet<>();
        for (String name : names) {
            for (ConfigOption<?> option : OVERRIDABLE) {
                allowed.add(overrideKey(name.strip(), option));
            }
        }
        for (String key : all.keySet()) {
            if (key.startsWith(BUCKET_PREFIX) && !allowed.contains(key)) {
                throw new IllegalArgumentException(key + " overrides no option of a configured bucket ("
                        + BUCKETS.key() + " = " + names + "); a bucket may override "
                        + OVERRIDABLE.stream().map(ConfigOption::key).collect(Collectors.joining(", ")));
            }
        }
    }

    private static int parseShare(String name, String share) {
        try {
            return Integer.parseInt(share.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bucket " + name + ": share \"" + share + "\" is not a whole number", e);
        }
    }
}
