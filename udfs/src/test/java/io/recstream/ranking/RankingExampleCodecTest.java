package io.recstream.ranking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recstream.event.EventType;
import io.recstream.recommend.CandidateList;
import io.recstream.recommend.RankingFeatures;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.Arrays;

class RankingExampleCodecTest {
    private static final int D = RankingFeatures.COUNT;

    static CandidateList list(int candidates, EventType type, String rankerVersion) {
        CandidateList list = new CandidateList();
        list.userId = -4242424242L;
        list.ts = 1_764_000_000_123L;
        list.eventType = type;
        list.rankerVersion = rankerVersion;
        list.itemIds = new long[candidates];
        list.features = new float[candidates * D];
        for (int n = 0; n < candidates; n++) {
            list.itemIds[n] = 1000L * n - 7;
            for (int f = 0; f < D; f++) {
                list.features[n * D + f] = n - f / 3f;
            }
        }
        return list;
    }

    @Test
    void aListComesBackAsItWasWrittenAndTheKeyIsItsUser() {
        CandidateList list = list(100, EventType.PURCHASE, "ranking-7");

        byte[] value = RankingExampleCodec.encode(list, 99L, 12L);
        RankingExample back = RankingExampleCodec.decode(value);

        assertThat(value.length).isEqualTo(40 + "ranking-7".length() + 8 * 100 + 4 * 100 * D);
        assertThat(back.userId()).isEqualTo(list.userId);
        assertThat(back.seq()).isEqualTo(12L);
        assertThat(back.ts()).isEqualTo(list.ts);
        assertThat(back.eventType()).isEqualTo(EventType.PURCHASE);
        assertThat(back.afterInteraction()).isTrue();
        assertThat(back.eventItemId()).isEqualTo(99L);
        assertThat(back.rankerVersion()).isEqualTo("ranking-7");
        assertThat(back.featureCount()).isEqualTo(D);
        assertThat(back.itemIds()).containsExactly(list.itemIds);
        assertThat(back.features()).containsExactly(list.features);
        assertThat(ByteBuffer.wrap(RankingExampleCodec.key(value)).getLong()).isEqualTo(list.userId);
    }

    @Test
    void aSearchWithTheConfiguredModelAndNoCandidates() {
        RankingExample back = RankingExampleCodec.decode(RankingExampleCodec.encode(list(0, EventType.SEARCH, null), 0L, 1L));

        assertThat(back.afterInteraction()).isFalse();
        assertThat(back.rankerVersion()).isEmpty();
        assertThat(back.itemIds()).isEmpty();
    }

    @Test
    void anotherFormatATruncatedRecordAndTrailingBytesAreRefusedSayingWhy() {
        byte[] value = RankingExampleCodec.encode(list(3, EventType.VIEW, null), 5L, 2L);
        byte[] other = value.clone();
        other[0] = 2;

        assertThatThrownBy(() -> RankingExampleCodec.decode(other)).hasMessageContaining("format 2");
        assertThatThrownBy(() -> RankingExampleCodec.decode(Arrays.copyOf(value, value.length - 1))).hasMessageContaining("truncated");
        assertThatThrownBy(() -> RankingExampleCodec.decode(Arrays.copyOf(value, value.length + 4))).hasMessageContaining("4 bytes after");
    }
}
