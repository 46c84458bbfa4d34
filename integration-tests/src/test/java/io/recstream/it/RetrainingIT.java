package io.recstream.it;

import io.recstream.event.Event;
import io.recstream.job.cli.RecStreamCli;
import io.recstream.job.evaluate.Evaluation;
import io.recstream.job.evaluate.EvaluationResult;
import io.recstream.job.evaluate.ExampleLog;
import io.recstream.job.evaluate.ModelPreset;
import io.recstream.job.evaluate.Retraining;

import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11, item 2: {@code evaluate --retrain-every N} trains inside the replay on the past only,
 * and {@code train-ranker} learns from the examples the job writes.
 */
class RetrainingIT {
    private static final Path CONF_DIR = Path.of("..", "flink-conf");

    @Test
    @Timeout(600) // one replay of 8,000 events; a safety net for a stuck job, not a speed check
    void everyRetrainedModelRanksOnlyEventsAfterItsTrainingWindow(@TempDir Path scratch) throws Exception {
        List<Event> events = SyntheticInteractions.of(300, 8_000);
        Configuration conf = Evaluation.configuration(CONF_DIR, scratch.resolve("state"), ModelPreset.DEFAULT, events.size());
        Retraining retraining = new Retraining(1000);
        Path examples = scratch.resolve("examples.csv.gz");

        EvaluationResult result;
        long lists;
        try (ExampleLog log = new ExampleLog(examples)) {
            result = Evaluation.run(events, conf, 1, 5000, processed -> {}, log, retraining);
            lists = log.lists() + log.withoutTarget();
        }

        List<Retraining.Model> models = retraining.models();
        assertThat(result.everyEvent.evaluated()).isGreaterThanOrEqualTo(lists);
        assertThat(lists).isGreaterThan(5000);
        assertThat(models).hasSize((int) (lists / 1000));
        for (Retraining.Model m : models) {
            assertThat(m.rankedLists()).as(m.version()).isPositive();
            assertThat(m.trainedUpTo()).as("%s: the last event trained on comes before the first it ranks", m.version())
                    .isLessThan(m.firstRanked());
        }
        assertThat(retraining.everyWindowEndsBeforeItsEvents()).isTrue();
        // every list from the first swap on is ranked by a retrained model, and each model only until the next swap
        assertThat(models.stream().mapToLong(Retraining.Model::rankedLists).sum()).isEqualTo(lists - 999);
        for (int n = 1; n < models.size(); n++) {
            assertThat(models.get(n - 1).lastRanked()).isLessThanOrEqualTo(models.get(n).firstRanked());
        }

        // and train-ranker learns from the examples that run wrote
        Path out = scratch.resolve("models");
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();
        int exit = new CommandLine(new RecStreamCli()).setOut(new PrintWriter(stdout)).setErr(new PrintWriter(stderr))
                .execute("train-ranker", "--examples", examples.toString(), "--out", out.toString(), "--name", "ranking-it");
        assertThat(exit).as(stderr.toString()).isZero();
        assertThat(stdout.toString()).contains("held back").contains("ranking-it recall@10=").contains("blend recall@10=");
        if (stdout.toString().contains("not written:")) {
            assertThat(stdout.toString()).contains("not written: ranking-it does not beat the live");
            assertThat(out).doesNotExist();
        } else {
            assertThat(stdout.toString()).contains("written:");
            assertThat(out.resolve("ranking-it.onnx")).exists();
            assertThat(out.resolve("ranking-it.json")).exists();
        }
    }
}
