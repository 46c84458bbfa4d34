package io.recstream.experiment;

import io.recstream.recommend.PublishRule;
import io.recstream.event.Event;
import io.recstream.functions.LiveLists;
import io.recstream.functions.RecommendationPublisher;
import io.recstream.functions.UserLearner;
import io.recstream.learn.LearningConfig;
import io.recstream.model.ItemFactorBatch;
import io.recstream.recommend.CandidateList;
import io.recstream.recommend.Recommendation;

import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;

/**
 * The live list path of the job in one process, without a clock: user-learner, live lists and
 * publisher as operators in test harnesses, one event at a time, and the publisher's stickiness
 * events counted per bucket over the whole run (one window).
 */
final class ExperimentSimulation implements AutoCloseable {
    private final Experiment experiment;
    private final KeyedBroadcastOperatorTestHarness<Long, Event, ItemFactorBatch, CandidateList> learner;
    private final KeyedOneInputStreamOperatorTestHarness<Long, CandidateList, Recommendation> publisher;
    private final LiveLists liveLists;
    private final StickinessCounts[] counts;
    /** Each user's latest published list. */
    private final Map<String, Recommendation> latest = new HashMap<>();

    ExperimentSimulation(LearningConfig learning, Experiment experiment) throws Exception {
        this.experiment = experiment;
        KeySelector<Event, Long> byUser = e -> e.userId;
        learner = ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                new UserLearner(learning, experiment, false, Duration.ZERO, Duration.ZERO), byUser, Types.LONG);
        int[] topK = new int[experiment.size()];
        for (int b = 0; b < topK.length; b++) {
            topK[b] = experiment.bucket(b).scoring.topK;
        }
        liveLists = new LiveLists(topK);
        KeySelector<CandidateList, Long> listUser = list -> list.userId;
        publisher = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(
                new RecommendationPublisher("m", experiment.maxTopK(), Duration.ZERO, new PublishRule(1, 10), experiment.names())), listUser, Types.LONG);
        publisher.open();
        counts = new StickinessCounts[experiment.size()];
        for (int b = 0; b < counts.length; b++) {
            counts[b] = new StickinessCounts(b, Long.MIN_VALUE, Long.MAX_VALUE);
        }
    }

    void process(Event event) throws Exception {
        learner.processElement(event, event.ts);
        List<CandidateList> cut = new ArrayList<>();
        for (CandidateList list : learner.extractOutputValues()) {
            liveLists.flatMap(list, new ListCollector<>(cut));
        }
        learner.getOutput().clear();
        clear(learner.getSideOutput(UserLearner.ITEM_UPDATES));
        clear(learner.getSideOutput(UserLearner.QUALITY));
        for (CandidateList list : cut) {
            publisher.processElement(list, list.ts);
        }
        for (Recommendation list : publisher.extractOutputValues()) {
            latest.put(list.user, list);
        }
        publisher.getOutput().clear();
        Queue<StreamRecord<StickinessEvent>> stickiness = publisher.getSideOutput(RecommendationPublisher.STICKINESS);
        if (stickiness != null) {
            for (StreamRecord<StickinessEvent> e : stickiness) {
                counts[e.getValue().bucket].add(e.getValue());
            }
            stickiness.clear();
        }
    }

    private static void clear(Queue<?> records) {
        if (records != null) {
            records.clear();
        }
    }

    /** The counts of the bucket named {@code name}, over everything processed. */
    StickinessCounts counts(String name) {
        for (int b = 0; b < experiment.size(); b++) {
            if (experiment.bucket(b).name.equals(name)) {
                return counts[b];
            }
        }
        throw new IllegalArgumentException(name);
    }

    Recommendation latest(String user) {
        return latest.get(user);
    }

    @Override
    public void close() throws Exception {
        learner.close();
        publisher.close();
    }
}
