package io.recstream.job.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recstream.ranking.RankingLists;
import io.recstream.recommend.CandidateList;
import io.recstream.recommend.RankingFeatures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExampleLogTest {
    private static final int D = RankingFeatures.COUNT;

    @TempDir
    Path dir;

    private static CandidateList list(long ts, String target, int size) {
        CandidateList list = new CandidateList();
        list.ts = ts;
        list.target = target;
        list.items = new String[size];
        list.features = new float[size * D];
        for (int n = 0; n < size; n++) {
            list.items[n] = "i" + n;
            for (int f = 0; f < D; f++) {
                list.features[n * D + f] = ts + n + f / 100f;
            }
        }
        return list;
    }

    @Test
    void listsHoldingTheirTargetComeBackAsWrittenGzippedOrNot() throws IOException {
        for (String name : new String[] {"examples.csv", "examples.csv.gz"}) {
            Path file = dir.resolve(name);
            try (ExampleLog log = new ExampleLog(file)) {
                log.accept(list(1000, "i2", 3));
                log.accept(list(2000, "elsewhere", 4)); // a miss whatever the order: counted, not written
                log.accept(list(3000, "i0", 5));
                assertThat(log.lists()).isEqualTo(2);
                assertThat(log.withoutTarget()).isEqualTo(1);
            }

            RankingLists lists = ExampleLog.read(file);

            assertThat(lists.lists()).isEqualTo(2);
            assertThat(lists.time(0)).isEqualTo(1000);
            assertThat(lists.size(0)).isEqualTo(3);
            assertThat(lists.positive(0)).isEqualTo(2);
            assertThat(lists.time(1)).isEqualTo(3000);
            assertThat(lists.size(1)).isEqualTo(5);
            assertThat(lists.positive(1)).isEqualTo(3); // row 0 of the second list, after the first's 3
            assertThat(lists.features()[(3 + 4) * D + RankingFeatures.BLEND]).isEqualTo(3004.09f);
        }
    }

    @Test
    void aListWithoutItsTargetRowIsRefusedNamingTheLine() throws IOException {
        Path file = Files.writeString(dir.resolve("bad.csv"), ExampleLog.HEADER + "\n"
                + "0,1,0" + ",0".repeat(D) + "\n1,2,1" + ",0".repeat(D) + "\n");

        assertThatThrownBy(() -> ExampleLog.read(file))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(file + ":2: list 0 has no row labelled 1");
    }
}
