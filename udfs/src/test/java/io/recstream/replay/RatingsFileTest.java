package io.recstream.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.recstream.event.Event;
import io.recstream.event.EventType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
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
        assertThat(RatingsFile.read(file, null, 3.5, BadLines.stop())).extracting(e -> e.item).containsExactly("1", "3");
    }

    @Test
    void minRatingKeepsEverythingWithoutRatings() throws IOException {
        Path file = write("g.csv", "u1,i1,1700000000\nu2,i2,1700000001\n");
        assertThat(RatingsFile.read(file, null, 4.0, BadLines.stop())).hasSize(2);
    }

    @Test
    void formatCanBeForced() throws IOException {
        // Detected, this is the generic CSV; forced to MovieLens, its field count does not fit.
        Path file = write("x.csv", "u1,i1,1700000000\n");
        assertThat(RatingsFile.read(file, RatingsFormat.GENERIC_CSV, RatingsFile.ALL_RATINGS, BadLines.stop())).hasSize(1);
        assertThatThrownBy(() -> RatingsFile.read(file, RatingsFormat.MOVIELENS_CSV, RatingsFile.ALL_RATINGS, BadLines.stop()))
                .isInstanceOf(BadLineException.class)
                .hasMessage(file + ":1: expected 4 fields (user,item,rating,timestamp), found 3");
    }

    @Test
    void detectsFormatsFromTheFirstDataLine() {
        assertThat(RatingsFormat.detect("1,31,2.5,1260759144")).isEqualTo(RatingsFormat.MOVIELENS_CSV);
        assertThat(RatingsFormat.detect("196\t242\t3\t881250949")).isEqualTo(RatingsFormat.MOVIELENS_UDATA);
        assertThat(RatingsFormat.detect("u1,i1,1700000000")).isEqualTo(RatingsFormat.GENERIC_CSV);
        assertThat(RatingsFormat.detect("u1,i1,cart,1700000000")).isEqualTo(RatingsFormat.TYPED_CSV);
        assertThatThrownBy(() -> RatingsFormat.detect("just one field")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void stopsAtABadLineWithFileAndLineNumber() throws IOException {
        Path file = write("ratings.csv", "userId,movieId,rating,timestamp\n1,31,2.5,1260759144\n1,32,abc,1260759145\n");
        assertThatThrownBy(() -> RatingsFile.read(file)).isInstanceOf(BadLineException.class)
                .hasMessage(file + ":3: rating \"abc\" is not a number");
        Path undetectable = write("bad.txt", "hello\n");
        assertThatThrownBy(() -> RatingsFile.read(undetectable)).isInstanceOf(BadLineException.class)
                .hasMessageStartingWith(undetectable + ":1: cannot tell the format");
    }

    @Test
    void readsFractionalSecondsWithoutHeader() throws IOException {
        Path file = write("log.csv", "3,214716935,1396437466.94\n3,214716936,1396437467\n4,214716935,1396437466.9999\n");
        assertThat(RatingsFile.read(file)).extracting(e -> e.user, e -> e.item, e -> e.ts).containsExactly(
                tuple("3", "214716935", 1_396_437_466_940L),
                tuple("4", "214716935", 1_396_437_466_999L), // below a millisecond: truncated
                tuple("3", "214716936", 1_396_437_467_000L));
    }

    @Test
    void readsMillisecondsByMagnitude() throws IOException {
        Path file = write("log.csv", "user,item,ts\nu1,i1,1396437466940\nu1,i2,1396437466941.5\n");
        assertThat(RatingsFile.read(file)).extracting(e -> e.ts).containsExactly(1_396_437_466_940L, 1_396_437_466_941L);
    }

    @Test
    void readsIso8601DatesAsUtcUnlessAnOffsetIsGiven() throws IOException {
        Path file = write("log.csv", "user,item,time\n"
                + "u1,i1,2016-05-09T10:15:30Z\n"
                + "u1,i2,2016-05-09 10:15:31\n"
                + "u1,i3,2016-05-09\n"
                + "u1,i4,2016-05-09T12:15:32.5+02:00\n");
        long t = Instant.parse("2016-05-09T10:15:30Z").toEpochMilli();
        assertThat(RatingsFile.read(file)).extracting(e -> e.item, e -> e.ts).containsExactly(
                tuple("i3", Instant.parse("2016-05-09T00:00:00Z").toEpochMilli()),
                tuple("i1", t),
                tuple("i2", t + 1000L),
                tuple("i4", t + 2500L));
    }

    @Test
    void aLogKeepsTheTimestampFormOfItsFirstLine() throws IOException {
        Path file = write("log.csv", "u1,i1,1396437466\nu1,i2,1396437466940\nu1,i3,2016-05-09\nu1,i4,2016-05-32\n");
        BadLines badLines = BadLines.skip();
        assertThat(RatingsFile.read(file, null, RatingsFile.ALL_RATINGS, badLines)).extracting(e -> e.item).containsExactly("i1");
        assertThat(badLines.examples()).containsExactly(
                file + ":2: timestamp 1396437466940 is in Unix milliseconds, but this log's timestamps are in Unix seconds (line 1)",
                file + ":3: timestamp 2016-05-09 is in ISO-8601, but this log's timestamps are in Unix seconds (line 1)",
                file + ":4: timestamp \"2016-05-32\" is neither Unix seconds or milliseconds nor an ISO-8601 date "
                        + "(2016-05-09T10:15:30Z, 2016-05-09 10:15:30, 2016-05-09)");
    }

    @Test
    void readsAnEventTypeColumnAndStringIds() throws IOException {
        Path file = write("clicks.csv", "user_id,item_id,event_type,timestamp\n"
                + "\"Alice\",\"sku-A 1\",view,1700000000\n"
                + "alice,sku-B,Click,1700000001\n"
                + "bob,sku-A 1,cart,1700000002\n"
                + "bob,sku-A 1,purchase,1700000003\n");
        assertThat(RatingsFile.read(file)).extracting(e -> e.user, e -> e.item, e -> e.type).containsExactly(
                tuple("alice", "sku-A 1", EventType.VIEW),
                tuple("alice", "sku-B", EventType.CLICK),
                tuple("bob", "sku-A 1", EventType.CART),
                tuple("bob", "sku-A 1", EventType.PURCHASE));
    }

    @Test
    void anUnknownEventTypeIsABadLine() throws IOException {
        Path file = write("clicks.csv", "u1,i1,view,1700000000\nu1,i2,search,1700000001\nu1,i3,teleport,1700000002\n");
        assertThatThrownBy(() -> RatingsFile.read(file)).isInstanceOf(BadLineException.class)
                .hasMessage(file + ":2: event type \"search\" is not one of view, click, cart, purchase, rating");
    }

    @Test
    void skippingCountsEveryBadLineAndKeepsTheFirstMessages() throws IOException {
        StringBuilder content = new StringBuilder("user,item,timestamp\n");
        for (int n = 0; n < 30; n++) {
            content.append("u").append(n).append(",i1,1700000000\n");
            content.append("u").append(n).append(",,1700000001\n"); // no item
        }
        Path file = write("log.csv", content.toString());
        BadLines badLines = BadLines.skip();
        assertThat(RatingsFile.read(file, null, RatingsFile.ALL_RATINGS, badLines)).hasSize(30);
        assertThat(badLines.skipped()).isEqualTo(30);
        assertThat(badLines.examples()).hasSize(BadLines.EXAMPLES)
                .startsWith(file + ":3: empty user or item", file + ":5: empty user or item");
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
