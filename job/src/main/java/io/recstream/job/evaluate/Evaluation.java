package io.recstream.job.evaluate;

import io.recstream.event.Event;
import io.recstream.job.RecStreamOptions;
import io.recstream.job.local.EmbeddedKafka;
import io.recstream.job.local.EventProducer;
import io.recstream.job.local.LocalRun;
import io.recstream.job.local.TopicWatcher;
import io.recstream.recommend.QualityOutcome;

import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.LongConsumer;

/**
 * Prequential evaluation through the production job: the log goes into the events topic of an
 * embedded Kafka broker (keyed by user, in time order), the job runs in evaluation mode (the
 * user-learner ranks every known item before it learns from each event, the item loop runs
 * through item-factors as in production), and the quality outcomes are collected until every
 * event is accounted for.
 */
public final class Evaluation {
    private Evaluation() {}

    /**
     * @param conf job configuration (model preset and overrides applied); Kafka and topic
     *     settings are filled in here
     * @param progress called with the number of events processed so far, from this thread
     */
    public static EvaluationResult run(List<Event> events, Configuration conf, int parallelism, int windowSize,
                                       LongConsumer progress) throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            Configuration c = new Configuration(conf);
            c.set(RecStreamOptions.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
            c.set(RecStreamOptions.JOB_NAME, "recstream-evaluate");
            c.setString("parallelism.default", String.valueOf(parallelism));
            // No checkpoints: outcomes are released as they are produced, not per checkpoint.
            c.removeConfig(CheckpointingOptions.CHECKPOINTING_INTERVAL);
            LocalRun.createTopics(kafka, c, parallelism);

            try (EventProducer producer = new EventProducer(kafka.bootstrapServers(), c.get(RecStreamOptions.EVENTS_TOPIC),
                    events.iterator(), events.size(), 0, null)) {
                producer.run();
            }
            List<QualityOutcome> outcomes = new ArrayList<>(events.size());
            try (TopicWatcher<byte[]> deadLetters = new TopicWatcher<>(kafka.bootstrapServers(),
                         c.get(RecStreamOptions.DEAD_LETTER_TOPIC), Function.identity()).startInBackground("dead-letters");
                 LocalRun run = LocalRun.start(c, true, false)) {
                long reported = 0;
                while (outcomes.size() + deadLetters.records() < events.size() && run.quality().hasNext()) {
                    outcomes.add(run.quality().next());
                    if (outcomes.size() - reported >= 1000) {
                        reported = outcomes.size();
                        progress.accept(reported);
                    }
                }
            }
            progress.accept(outcomes.size());
            return EvaluationResult.of(outcomes, windowSize);
        }
    }

    /** Time the item loop may lag in evaluation: short, as a replay runs far faster than real time. */
    public static final Duration ITEM_PUBLISH_INTERVAL = Duration.ofMillis(50);
}
