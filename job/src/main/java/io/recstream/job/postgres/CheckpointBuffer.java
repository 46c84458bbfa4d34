package io.recstream.job.postgres;

import io.recstream.recommend.Recommendation;

import org.apache.flink.api.connector.sink2.CommittingSinkWriter;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The writer of {@link PostgresSink}: holds the lists published since the last checkpoint and
 * hands them to the committer as that checkpoint's batch. Nothing reaches the database before
 * the checkpoint completes. A list PostgreSQL cannot store (a NUL character in a user id, item
 * or model name) is counted in {@code recstream.postgres.rejected-lists} and logged, not sent:
 * it would fail its whole batch on every attempt.
 *
 * <p>It holds a copy of each list, not the record it was handed: with object reuse (on in the job)
 * the publisher's records reach this chained writer uncopied, and what it holds waits for a
 * checkpoint. One copy per published list, as Flink made without object reuse.
 */
final class CheckpointBuffer implements CommittingSinkWriter<Recommendation, Recommendation[]> {
    private static final Logger LOG = LoggerFactory.getLogger(CheckpointBuffer.class);
    private static final Recommendation[] NO_LISTS = {};

    private final int maxLists;
    private final Counter rejected;
    private final List<Recommendation> lists = new ArrayList<>();

    CheckpointBuffer(int maxLists, MetricGroup metrics) {
        this.maxLists = maxLists;
        this.rejected = metrics.addGroup("recstream").addGroup("postgres").counter("rejected-lists");
    }

    @Override
    public void write(Recommendation list, Context context) throws IOException {
        if (!storable(list)) {
            rejected.inc();
            LOG.warn("List version {} of user {} not written to PostgreSQL: a NUL character in a user id, item or model name",
                    list.version, list.user.replace('\0', '?'));
            return;
        }
        if (lists.size() >= maxLists) {
            throw new IOException("More than " + maxLists + " lists since the last checkpoint in one PostgreSQL sink subtask: "
                    + "shorten the checkpoint interval or raise recstream.postgres.max-buffered-lists");
        }
        lists.add(list.copy());
    }

    @Override
    public void flush(boolean endOfInput) {
        // the lists are handed over in prepareCommit, which follows
    }

    @Override
    public Collection<Recommendation[]> prepareCommit() {
        if (lists.isEmpty()) {
            return List.of();
        }
        Recommendation[] batch = lists.toArray(NO_LISTS);
        lists.clear();
        return List.<Recommendation[]>of(batch);
    }

    @Override
    public void close() {
        lists.clear();
    }

    /** PostgreSQL text and jsonb hold no NUL character. */
    static boolean storable(Recommendation list) {
        if (hasNul(list.user) || hasNul(list.modelVersion)) {
            return false;
        }
        for (Recommendation.ScoredItem item : list.items) {
            if (hasNul(item.item)) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasNul(String s) {
        return s != null && s.indexOf('\0') >= 0;
    }
}
