package io.recstream.ranking;

import io.recstream.recommend.RankingFeatures;

import com.carrotsearch.hppc.LongObjectHashMap;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Labels the live job's ranking examples ({@link RankingExample}), read in the order the job wrote
 * each user's: a list's positive is the item of the user's next interaction, which is the event of
 * one of the user's next examples (every list of a sampled user is written, one per event). Each
 * user's lists since their latest interaction wait here; the next interaction labels them all.
 *
 * <p>A list is labelled only when every event between it and the interaction is there: the
 * user's event numbers ({@link RankingExample#seq}) must follow one another. A gap (a list that
 * is not in the topic any more, or a numbering that began again after the user's state expired)
 * leaves the waiting lists unlabelled, as the user may have interacted in between. A list whose
 * candidates do not hold the labelled item is counted, not kept: it is a miss whatever the
 * order, and teaches none.
 */
public final class ExampleLabeller {
    private final LongObjectHashMap<List<RankingExample>> waiting = new LongObjectHashMap<>();
    private final List<Labelled> labelled = new ArrayList<>();
    private long read;
    private long withoutTarget;
    private long broken;
    private long otherLayout;

    private record Labelled(RankingExample list, int positive, long labelTime) {}

    /** The user's next example, in the order the job wrote the user's. */
    public void accept(RankingExample example) {
        read++;
        if (example.featureCount() != RankingFeatures.COUNT) {
            otherLayout++; // a build with other features wrote it: this build's model cannot learn from it
            return;
        }
        List<RankingExample> open = waiting.get(example.userId());
        if (open == null) {
            open = new ArrayList<>(2);
            waiting.put(example.userId(), open);
        } else if (!open.isEmpty() && open.get(open.size() - 1).seq() != example.seq() - 1) {
            broken += open.size();
            open.clear();
        }
        if (example.afterInteraction()) {
            for (RankingExample list : open) {
                int positive = list.indexOf(example.eventItemId());
                if (positive < 0) {
                    withoutTarget++;
                } else {
                    labelled.add(new Labelled(list, positive, example.ts()));
                }
            }
            open.clear();
        }
        open.add(example);
    }

    /** The labelled lists that hold their positive, in time order (ties: in the order read). */
    public LabelledLists lists() {
        List<Labelled> ordered = new ArrayList<>(labelled);
        ordered.sort(Comparator.comparingLong(l -> l.list().ts()));
        RankingLists lists = new RankingLists();
        long[] labelTimes = new long[ordered.size()];
        for (int n = 0; n < ordered.size(); n++) {
            Labelled l = ordered.get(n);
            lists.add(l.list().ts(), l.list().features(), 0, l.list().itemIds().length, l.positive());
            labelTimes[n] = l.labelTime();
        }
        return new LabelledLists(lists, labelTimes);
    }

    /** Examples read. */
    public long read() {
        return read;
    }

    /** Labelled lists whose candidates did not hold the item. */
    public long withoutTarget() {
        return withoutTarget;
    }

    /** Lists left unlabelled by a gap in their user's events. */
    public long broken() {
        return broken;
    }

    /** Lists still waiting for their user's next interaction. */
    public long waiting() {
        long n = 0;
        for (var cursor : waiting) {
            n += cursor.value.size();
        }
        return n;
    }

    /** Examples of another feature layout, left out. */
    public long otherLayout() {
        return otherLayout;
    }
}
