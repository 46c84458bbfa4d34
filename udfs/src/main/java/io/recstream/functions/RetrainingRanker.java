package io.recstream.functions;

import io.recstream.ranking.ModelSwap;
import io.recstream.ranking.RankingLists;
import io.recstream.ranking.RankingMlp;
import io.recstream.ranking.RankingTrainer;
import io.recstream.recommend.CandidateList;
import io.recstream.recommend.RankedCandidates;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import java.util.SplittableRandom;

/**
 * Evaluation only, instead of the ONNX ranking stage: a ranking model trained inside the replay on
 * the past alone. Every {@code retrainEvery} evaluated lists it trains a new model
 * ({@link RankingTrainer}) on the lists of events strictly before the current one's time, swaps it
 * in, says so on {@link #SWAPS}, and goes on; each list is ranked first (by the blend until the
 * first model) and only then kept as an example, so no model ranks an event it was trained on.
 * A list whose event is not after the live model's training window (events out of time order,
 * which parallelism 1 never gives) keeps its blend order.
 *
 * <p>It must run at parallelism 1: one learner of all lists, as the offline trainer is. It keeps
 * its examples in memory and checkpoints nothing: an evaluation runs without checkpoints.
 */
public class RetrainingRanker extends ProcessFunction<CandidateList, CandidateList> {
    private static final long serialVersionUID = 1L;

    public static final OutputTag<ModelSwap> SWAPS = new OutputTag<>("model-swaps", TypeInformation.of(ModelSwap.class));

    private final int retrainEvery;
    private final RankingTrainer.Settings settings;
    /** Candidates kept per list besides its target: twice what an epoch samples, so epochs differ. */
    private final int keptNegatives;

    private transient RankingLists examples;
    private transient SplittableRandom sampler;
    private transient RankingMlp model;
    private transient String version;
    private transient long trainedUpTo;
    private transient long evaluated;
    private transient int swaps;

    public RetrainingRanker(int retrainEvery, RankingTrainer.Settings settings) {
        if (retrainEvery <= 0) {
            throw new IllegalArgumentException("retrainEvery must be positive, was " + retrainEvery);
        }
        this.retrainEvery = retrainEvery;
        this.settings = settings;
        this.keptNegatives = 2 * settings.negativesPerList();
    }

    @Override
    public void open(OpenContext context) {
        examples = new RankingLists();
        sampler = new SplittableRandom(settings.seed());
    }

    @Override
    public void processElement(CandidateList list, Context ctx, Collector<CandidateList> out) {
        if (list.target == null || list.items.length == 0) {
            out.collect(list);
            return;
        }
        evaluated++;
        if (evaluated % retrainEvery == 0) {
            retrain(list.ts, ctx);
        }
        if (model != null && list.ts > trainedUpTo) {
            out.collect(RankedCandidates.byScore(list, model.score(list.features, list.size()), version, !model.ranksRefind, true));
        } else {
            out.collect(list);
        }
        remember(list);
    }

    /** Trains on the lists of events before {@code now} and makes the result the live model. */
    private void retrain(long now, Context ctx) {
        int to = examples.firstAtOrAfter(now);
        if (to == 0) {
            return; // nothing from before this event yet
        }
        model = RankingTrainer.train(examples, 0, to, settings);
        version = "retrained-" + ++swaps;
        trainedUpTo = examples.latestTime(to); // the last of them, also were they out of order
        ctx.output(SWAPS, new ModelSwap(version, evaluated - 1, to, examples.time(0), trainedUpTo));
    }

    /** Keeps the list's target and a random sample of its other candidates as training examples. */
    private void remember(CandidateList list) {
        for (int n = 0; n < list.items.length; n++) {
            if (list.items[n].equals(list.target)) {
                examples.addSample(list.ts, list.features, 0, list.items.length, n, keptNegatives, sampler);
                return;
            }
        }
    }
}
