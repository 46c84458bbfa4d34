package io.recstream.it;

import io.recstream.event.Event;
import io.recstream.event.EventType;
import io.recstream.job.evaluate.Evaluation;
import io.recstream.job.evaluate.EvaluationResult;
import io.recstream.job.evaluate.ModelPreset;
import io.recstream.synthetic.SyntheticEventGenerator;

import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Issue 4, acceptance 5: the prequential evaluation through the real job counts honestly and repeats exactly. */
class EvaluateIT {
    private static final Path CONF_DIR = Path.of("..", "flink-conf");

    /**
     * Popularity model, so every known unseen item is in the top 10 of a 4-item catalogue:
     * a hit exactly when the item was already known and new to the user.
     */
    @Test
    @Timeout(300)
    void countsHitsAndMissesOfAHandMadeLog(@TempDir Path scratch) throws Exception {
        String[][] log = {
            {"u1", "a"}, // new user: not evaluated
            {"u2", "a"}, // new user
            {"u2", "b"}, // b unknown to the job: miss
            {"u3", "b"}, // new user
            {"u1", "b"}, // b known, unseen by u1: hit at rank 1
            {"u3", "c"}, // c unknown: miss
            {"u2", "c"}, // hit
            {"u1", "c"}, // hit
            {"u3", "a"}, // hit
            {"u4", "d"}, // new user
        };
        List<Event> events = new ArrayList<>();
        for (int n = 0; n < log.length; n++) {
            events.add(Event.interaction(log[n][0], log[n][1], EventType.RATING, "replay", 1_600_000_000_000L + n * 1000L));
        }
        Configuration conf = Evaluation.configuration(CONF_DIR, scratch, ModelPreset.POP, events.size());

        EvaluationResult result = Evaluation.run(events, conf, 1, 5, processed -> {});

        assertThat(result.events).isEqualTo(10);
        assertThat(result.evaluated).isEqualTo(6);
        assertThat(result.hits).isEqualTo(4);
        assertThat(result.recall).isCloseTo(4.0 / 6, within(1e-9));
        assertThat(result.mrr).isCloseTo(4.0 / 6, within(1e-9)); // every hit at rank 1
        assertThat(result.summaryLine()).isEqualTo("recall@10=0.6667 mrr@10=0.6667 evaluated=6 events=10");
        assertThat(result.windows).hasSize(2);
    }

    @Test
    @Timeout(300)
    void twoRunsOfTheSameLogGiveTheSameFigures(@TempDir Path scratch) throws Exception {
        List<Event> events = syntheticInteractions(200, 3000);
        Configuration first = Evaluation.configuration(CONF_DIR, scratch.resolve("first"), ModelPreset.DEFAULT, events.size());
        Configuration second = Evaluation.configuration(CONF_DIR, scratch.resolve("second"), ModelPreset.DEFAULT, events.size());

        EvaluationResult a = Evaluation.run(events, first, 1, 500, processed -> {});
        EvaluationResult b = Evaluation.run(events, second, 1, 500, processed -> {});

        assertThat(a.evaluated).isGreaterThan(1000);
        assertThat(a.hits).isPositive();
        assertThat(b.summaryLine()).isEqualTo(a.summaryLine());
        assertThat(b.windows).isEqualTo(a.windows);
    }

    /**
     * Issue 4, acceptance 2, on data a clone has: at parallelism 4 three quarters of what each
     * replica learns from arrives through the item loop. With the loop cut (items published once
     * an hour) this log reads 22 % lower at parallelism 4 (0.302 against 0.386); with the loop
     * keeping up, 1.6 % (0.380).
     */
    @Test
    @Timeout(900) // two replays of 20,000 events; a safety net for a stuck job, not a speed check
    void atParallelismFourRecallStaysWithinFivePercentOfParallelismOne(@TempDir Path scratch) throws Exception {
        List<Event> events = syntheticInteractions(500, 20_000);
        Configuration conf1 = Evaluation.configuration(CONF_DIR, scratch.resolve("p1"), ModelPreset.DEFAULT, events.size());
        Configuration conf4 = Evaluation.configuration(CONF_DIR, scratch.resolve("p4"), ModelPreset.DEFAULT, events.size());

        EvaluationResult p1 = Evaluation.run(events, conf1, 1, 5000, processed -> {});
        EvaluationResult p4 = Evaluation.run(events, conf4, 4, 5000, processed -> {});

        assertThat(p4.evaluated).isEqualTo(p1.evaluated).isGreaterThan(5000);
        assertThat(p4.recall).isGreaterThanOrEqualTo(0.95 * p1.recall);
    }

    private static List<Event> syntheticInteractions(int users, int count) {
        SyntheticEventGenerator generator = SyntheticEventGenerator.builder().users(users).seed(5).build();
        List<Event> events = new ArrayList<>();
        while (events.size() < count) {
            Event e = generator.next();
            if (e.isInteraction()) {
                events.add(e);
            }
        }
        return events;
    }
}
