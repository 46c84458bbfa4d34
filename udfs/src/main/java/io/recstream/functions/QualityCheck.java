package io.recstream.functions;

import io.recstream.recommend.CandidateList;
import io.recstream.recommend.QualityOutcome;

import org.apache.flink.api.common.functions.MapFunction;

/**
 * The evaluation's verdict on a ranked candidate list: where its target (the item the user went
 * on to interact with) stands among the first K, if at all.
 */
public class QualityCheck implements MapFunction<CandidateList, QualityOutcome> {
    private static final long serialVersionUID = 1L;

    private final int topK;

    public QualityCheck(int topK) {
        this.topK = topK;
    }

    @Override
    public QualityOutcome map(CandidateList list) {
        int rank = -1;
        for (int n = 0; n < Math.min(topK, list.items.length); n++) {
            if (list.items[n].equals(list.target)) {
                rank = n;
                break;
            }
        }
        QualityOutcome outcome = QualityOutcome.evaluated(list.user, list.target, list.ts, rank, list.popularityHit);
        outcome.repeat = list.targetSeen;
        outcome.ranked = true;
        return outcome;
    }
}
