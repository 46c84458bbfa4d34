package io.recstream.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recstream.event.Event;
import io.recstream.event.EventType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RatingsFileTest {
    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    private static Event rating(String user, String item, double value, long ts) {
        return new Event(user, item, EventType.RATING, RatingsFile.CHANNEL, null, value, ts);
    }

    @Test
    void readsMovieLensCsvSortedByTimeInMilliseconds() throws IOException {
        Path file = write("ratings.csv", "userId,movieId,rating,timestamp\n"
                + "1,31,2.5,1260759144\n"
                + "1,1029,3.0,1260759179\n"
                + "2,10,4.0,835355493\n");
        assertThat(RatingsFile.read(file)).containsExactly(
                rating("2", "10", 4.0, 835_355_493_000L),
                rating("1", "31", 2.5, 1_260_759_144_000L),
                rating("1", "1029", 3.0, 1_260_759_179_000L));
    }

    @Test
    void keepsFileOrderForTies() throws IOException {
        Path file = write("ratings.csv", "userId,movieId,rating,timestamp\n"
                + "3,30,1.0,1000000005\n"
                + "1,10,1.0,1000000000\n"
                + "2,20,1.0,1000000000\n"
                + "1,11,1.0,1000000000\n");
        assertThat(RatingsFile.read(file)).extracting(e -> e.item).containsExactly("10", "20", "11", "30");
    }

    @Test
    void readsMovieLensUdataWithoutHeader() throws IOException {
        Path file = write("u.data", "196\t242\t3\t881250949\n186\t302\t3\t891717742\n22\t377\t1\t878887116\n");
        List<Event> events = RatingsFile.read(file);
        assertThat(events).containsExactly(
                rating("22", "377", 1.0, 878_887_116_000L),
                rating("196", "242", 3.0, 881_250_949_000L),
                rating("186", "302", 3.0, 891_717_742_000L));
    }

    @Test
    void readsGenericCsvWithOrWithoutHeaderInSecondsOrMillis() throws IOException {
        Path withHeader = write("a.csv", "user,item,timestamp\nAlice ,book-1,1700000000\n");
        Path without = write("b.csv", "bob,book-2,1700000000123\r\n\n");
        assertThat(RatingsFile.read(withHeader)).containsExactly(rating("alice", "book-1", 0.0, 1_700_000_000_000L));
        assertThat(RatingsFile.read(without)).containsExactly(rating("bob", "book-2", 0.0, 1_700_000_000_123L));
    }

    @Test
    void dropsRowsBelowMinRating() throws IOException {
        Path file = write("ratings.csv", "userId,movieId,rating,timestamp\n"
                + "1,1,3.5,1000000000\n"
                + "1,2,3.0,1000000001\n"
                + "1,3,5.0,1000000002\n");
        assertThat(RatingsFile.read(file, 3.5)).extracting(e -> e.item).containsExactly("1", "3");
    }

    @Test
    void minRatingKeepsEverythingWithoutRatings() throws IOException {
        Path file = write("g.csv", "u1,i1,1700000000\nu2,i2,1700000001\n");
        assertThat(RatingsFile.read(file, 4.0)).hasSize(2);
    }

    @Test
    void formatCanBeForced() throws IOException {
        // Detected, this is the generic CSV; forced to MovieLens, its field count does not fit.
        Path file = write("x.csv", "u1,i1,1700000000\n");
        assertThat(RatingsFile.read(file, RatingsFormat.GENERIC_CSV, RatingsFile.ALL_RATINGS)).hasSize(1);
        assertThatThrownBy(() -> RatingsFile.read(file, RatingsFormat.MOVIELENS_CSV, RatingsFile.ALL_RATINGS))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("line 1");
    }

    @Test
    void detectsFormatsFromTheFirstLine() {
        assertThat(RatingsFormat.detect("userId,movieId,rating,timestamp")).isEqualTo(RatingsFormat.MOVIELENS_CSV);
        assertThat(RatingsFormat.detect("196\t242\t3\t881250949")).isEqualTo(RatingsFormat.MOVIELENS_UDATA);
        assertThat(RatingsFormat.detect("user,item,timestamp")).isEqualTo(RatingsFormat.GENERIC_CSV);
        assertThatThrownBy(() -> RatingsFormat.detect("just one field")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void failsWithTheLineNumberOfABadRow() throws IOException {
        Path file = write("ratings.csv", "userId,movieId,rating,timestamp\n1,31,2.5,1260759144\n1,32,abc,1260759145\n");
        assertThatThrownBy(() -> RatingsFile.read(file)).isInstanceOf(IOException.class).hasMessageContaining("line 3");
        Path undetectable = write("bad.txt", "hello\n");
        assertThatThrownBy(() -> RatingsFile.read(undetectable)).isInstanceOf(IOException.class);
    }

    @Test
    void readsAHundredThousandLinesInTimeOrder() throws IOException {
        StringBuilder content = new StringBuilder("userId,movieId,rating,timestamp\n");
        for (int i = 0; i < 100_000; i++) {
            content.append(i % 610).append(',').append(i % 9724).append(',').append(0.5 + (i % 10) / 2.0)
                    .append(',').append(1_500_000_000L - (i % 5000)).append('\n');
        }
        Path file = write("big.csv", content.toString());
        List<Event> events = RatingsFile.read(file);
        assertThat(events).hasSize(100_000);
        assertThat(events).isSortedAccordingTo((a, b) -> Long.compare(a.ts, b.ts));
    }
}
