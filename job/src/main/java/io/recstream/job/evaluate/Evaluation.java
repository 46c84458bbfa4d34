package io.recstream.job.evaluate;

import io.recstream.event.Event;
import io.recstream.job.LearningOptions;
import io.recstream.job.ModelOptions;
import io.recstream.job.RecStreamOptions;
import io.recstream.job.local.EmbeddedKafka;
import io.recstream.job.local.EventProducer;
import io.recstream.job.local.LocalFlink;
import io.recstream.job.local.LocalRun;
import io.recstream.job.local.TopicWatcher;
import io.recstream.recommend.CandidateList;
import io.recstream.recommend.QualityOutcome;

import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
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
        return run(events, conf, parallelism, windowSize, progress, null, null);
    }

    /**
     * As above; every evaluated list goes to {@code lists} when it is not null, and with
     * {@code retraining} not null the lists are ranked by the retraining stage (see
     * {@link Retraining}) instead of the ranking model, and the stage's swaps go to it.
     */
    public static EvaluationResult run(List<Event> events, Configuration conf, int parallelism, int windowSize,
                                       LongConsumer progress, Consumer<CandidateList> lists, Retraining retraining) throws Exception {
        Consumer<CandidateList> listConsumer = lists;
        if (retraining != null) {
            listConsumer = lists == null ? retraining::ranked : lists.andThen(retraining::ranked);
        }
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            Configuration c = new Configuration(conf);
            c.set(RecStreamOptions.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
            c.set(RecStreamOptions.JOB_NAME, "recstream-evaluate");
            c.setString("parallelism.default", String.valueOf(parallelism));
            // No checkpoints: outcomes are released as they are produced, not per checkpoint.
            c.removeConfig(CheckpointingOptions.CHECKPOINTING_INTERVAL);
            // One events partition: the log is one sequence in time order, and every user-learner
            // subtask reads its users' events in that order, whatever the parallelism.
            LocalRun.createTopics(kafka, c, 1, parallelism);

            try (EventProducer producer = new EventProducer(kafka.bootstrapServers(), c.get(RecStreamOptions.EVENTS_TOPIC),
                    events.iterator(), events.size(), 0, null)) {
                producer.run();
                if (producer.failed() > 0) { // the wait for every event's outcome below would never end
                    throw new IllegalStateException(producer.failed() + " of " + events.size()
                            + " events were not written to Kafka; first error: " + producer.firstError());
                }
            }
            List<QualityOutcome> outcomes = new ArrayList<>(events.size());
            try (TopicWatcher<byte[]> deadLetters = new TopicWatcher<>(kafka.bootstrapServers(),
                         c.get(RecStreamOptions.DEAD_LETTER_TOPIC), Function.identity()).startInBackground("dead-letters");
                 LocalRun run = LocalRun.start(c, true, false, listConsumer != null, retraining == null ? 0 : retraining.every)) {
                // Every collect stream must be drained at once, or the job back-pressures on an idle one.
                BlockingQueue<CandidateList> queued = new LinkedBlockingQueue<>();
                if (listConsumer != null) {
                    daemon("evaluated-lists-reader", () -> LocalRun.drain(run.evaluatedLists(), queued::add));
                }
                if (retraining != null) {
                    daemon("model-swaps-reader", () -> LocalRun.drain(run.modelSwaps(), retraining::swapped));
                }
                long taken = 0;
                long reported = 0;
                while (outcomes.size() + deadLetters.records() < events.size() && run.quality().hasNext()) {
                    outcomes.add(run.quality().next());
                    for (CandidateList list = queued.poll(); list != null; list = queued.poll()) {
                        listConsumer.accept(list);
                        taken++;
                    }
                    if (outcomes.size() - reported >= 1000) {
                        reported = outcomes.size();
                        progress.accept(reported);
                    }
                }
                if (listConsumer != null) {
                    long evaluated = outcomes.stream().filter(q -> q.ranked).count();
                    for (; taken < evaluated; taken++) {
                        CandidateList list = queued.poll(1, TimeUnit.MINUTES);
                        if (list == null) {
                            throw new IllegalStateException("evaluated lists: " + taken + " of " + evaluated + " arrived");
                        }
                        listConsumer.accept(list);
                    }
                }
                if (retraining != null) {
                    retraining.awaitSwaps(Duration.ofMinutes(1));
                }
            }
            progress.accept(outcomes.size());
            return EvaluationResult.of(outcomes, windowSize);
        }
    }

    private static void daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Time the item loop may lag in evaluation: short, as a replay runs far faster than real time. */
    public static final Duration ITEM_PUBLISH_INTERVAL = Duration.ofMillis(50);

    /**
     * Evaluation waits for the ranking model: a list that timed out into the blend order would make
     * the figure depend on the machine's load (seen: two runs of one log differing in MRR on a busy
     * machine).
     */
    public static final Duration MODEL_TIMEOUT = Duration.ofMinutes(10);

    /**
     * The configuration of an evaluation run: the production config.yaml (state in
     * {@code scratch}), a short item-loop interval, every rated item kept out of the user's
     * lists as the protocol requires, no model timeouts, no item expiry, then the model preset.
     *
     * <p>Items do not expire because the protocol ranks every item seen so far: with the 90-day
     * default, 38 % of ml-latest-small's ratings (decades of a sparse catalogue) would be of an
     * item untouched for 90 days, and the figures would no longer compare with the reference.
     * {@code -D recstream.item.state-ttl=90d} measures the job with expiry.
     *
     * <p>Only the short interval of the two publishing tiers is shortened: factor steps keep the
     * production {@code factor-publish-interval}, as their freshness hardly matters.
     */
    public static Configuration configuration(Path confDir, Path scratch, ModelPreset preset, int events) throws IOException {
        Configuration conf = LocalFlink.baseConfiguration(confDir, scratch);
        conf.set(RecStreamOptions.ITEM_PUBLISH_INTERVAL, ITEM_PUBLISH_INTERVAL);
        conf.set(LearningOptions.MAX_SEEN, Math.max(conf.get(LearningOptions.MAX_SEEN), events));
        conf.set(ModelOptions.TIMEOUT, MODEL_TIMEOUT);
        conf.set(RecStreamOptions.ITEM_STATE_TTL, Duration.ZERO);
        preset.applyTo(conf);
        return conf;
    }
}
