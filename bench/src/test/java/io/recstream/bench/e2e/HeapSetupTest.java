package io.recstream.bench.e2e;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HeapSetupTest {
    private static final long GB = 1L << 30;

    @Test
    void onlyAFixedPreTouchedHeapIsATaskManagers() {
        assertThat(new HeapSetup(4 * GB, 4 * GB, true).asATaskManager()).isTrue();
        assertThat(new HeapSetup(4 * GB, 4 * GB, false).asATaskManager()).isFalse();
        assertThat(new HeapSetup(GB / 4, 4 * GB, true).asATaskManager()).isFalse();
    }

    @Test
    void aGrowingHeapIsNamedWithWhatToGive() {
        assertThat(new HeapSetup(384L << 20, 4 * GB, false).describe())
                .startsWith("heap grows from 384 MB to 4,096 MB, touched as used: not as a TaskManager's")
                .contains("-Xms equal to -Xmx and -XX:+AlwaysPreTouch");
        assertThat(new HeapSetup(4 * GB, 4 * GB, true).describe()).isEqualTo("heap fixed at 4,096 MB, pre-touched (as a TaskManager's)");
    }

    @Test
    void readsThisJvm() {
        HeapSetup jvm = HeapSetup.ofThisJvm();
        assertThat(jvm.initialBytes()).isPositive().isLessThanOrEqualTo(jvm.maxBytes());
    }
}
