package io.recstream.job.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code train-ranker}'s choices that fail before reading anything: each names what is missing. */
class TrainRankerTopicOptionsTest {
    private final StringWriter err = new StringWriter();

    private int execute(String... args) {
        return new CommandLine(new RecStreamCli()).setOut(new PrintWriter(new StringWriter(), true))
                .setErr(new PrintWriter(err, true)).execute(args);
    }

    @Test
    void aTopicNeedsItsBrokers() {
        assertThat(execute("train-ranker", "--topic", "ranking-examples", "--publish")).isEqualTo(2);
        assertThat(err.toString()).contains("--topic, --publish and --live store need --bootstrap-servers");
    }

    @Test
    void theModelMustGoSomewhere() {
        assertThat(execute("train-ranker", "--topic", "ranking-examples", "--bootstrap-servers", "b:9092")).isEqualTo(2);
        assertThat(err.toString()).contains("--out DIR, --publish, or both");
    }

    @Test
    void aFileAndATopicAreOneTooMany() {
        assertThat(execute("train-ranker", "--topic", "t", "--examples", "e.csv", "--out", "d")).isEqualTo(2);
        assertThat(err.toString()).contains("mutually exclusive");
    }

    @Test
    void aWindowIsListsOrADuration() {
        assertThat(execute("train-ranker", "--examples", "e.csv", "--out", "d", "--window", "seven days")).isEqualTo(2);
        assertThat(err.toString()).startsWith("--window: ");
    }
}
