package io.recstream.job.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.recstream.event.Event;
import io.recstream.replay.BadLines;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** What {@code ./recstream evaluate} does with a log it cannot read, before anything is started. */
class EvaluateCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int execute(String... args) {
        return new CommandLine(new EvaluateCommand())
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(args);
    }

    private Path log(String content) throws IOException {
        return Files.writeString(dir.resolve("log.csv"), content);
    }

    @Test
    void aBrokenLineExitsWithStatusTwoAndOneLineNamingFileAndLine() throws IOException {
        Path log = log("user,item,timestamp\nu1,i1,1396437466.94\nu1,i2,yesterday\n");

        int status = execute("--ratings", log.toString());

        assertThat(status).isEqualTo(2);
        assertThat(err.toString()).isEqualTo(log + ":3: timestamp \"yesterday\" is neither Unix seconds or milliseconds "
                + "nor an ISO-8601 date (2016-05-09T10:15:30Z, 2016-05-09 10:15:30, 2016-05-09)" + System.lineSeparator());
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aMissingFileExitsWithStatusTwoWithoutAStackTrace() {
        Path missing = dir.resolve("missing.csv");

        assertThat(execute("--ratings", missing.toString())).isEqualTo(2);
        assertThat(err.toString()).isEqualTo(missing + ": no such file" + System.lineSeparator());
    }

    @Test
    void skippedLinesAreCountedAndReported() throws IOException {
        Path log = log("u1,i1,view,2016-05-09T10:15:30Z\nu1,i2,teleport,2016-05-09T10:15:31Z\n"
                + "u2,i1,cart\nu2,i2,purchase,2016-05-09 10:15:33\n");
        EvaluateCommand command = new EvaluateCommand();
        new CommandLine(command).parseArgs("--ratings", log.toString(), "--skip-bad-lines");
        BadLines badLines = BadLines.skip();

        List<Event> events = command.readLog(badLines, new PrintWriter(err, true));

        assertThat(events).extracting(e -> e.item).containsExactly("i1", "i2");
        assertThat(badLines.skipped()).isEqualTo(2);
        assertThat(err.toString().lines()).containsExactly(
                "evaluate: skipped 2 bad lines of " + log + ":",
                "  " + log + ":2: event type \"teleport\" is not one of view, click, cart, purchase, rating",
                "  " + log + ":3: expected 4 fields (user,item,type,timestamp), found 3");
    }

    @Test
    void aLogWithoutEventsIsRefused() throws IOException {
        Path log = log("user,item,timestamp\n");

        assertThat(execute("--ratings", log.toString())).isEqualTo(2);
        assertThat(err.toString()).isEqualTo(log + ": no events to evaluate" + System.lineSeparator());
    }
}
