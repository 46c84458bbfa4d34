package io.recstream.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CpuBudgetTest {
    /** 1,000 events in 1 s of wall time with the given seconds of process CPU. */
    private static Figures run(double cpuSeconds) {
        return Figures.of(1_000, 1_000_000_000L, (long) (cpuSeconds * 1e9));
    }

    @Test
    void aRateOnSomeCoresLeavesTheCoresOverTheRateOfCpuPerEvent() {
        assertThat(CpuBudget.ofRate(100_000, 2).microsPerEvent()).isEqualTo(20.0);
        assertThat(CpuBudget.ofRate(20_000, 2).microsPerEvent()).isEqualTo(100.0);
        assertThat(CpuBudget.ofRatePerCore(20_000).microsPerEvent()).isEqualTo(50.0);
    }

    @Test
    void saysWhenTheSkeletonAloneTakesMoreThanTheBudget() {
        CpuBudget budget = CpuBudget.ofRate(100_000, 2);
        // job 0.055 s / 1,000 events = 55 µs, skeleton 22 µs: over the 20 µs budget
        assertThat(budget.describe(run(0.055), run(0.022)))
                .isEqualTo("budget 20.0 µs of process CPU per event (2 cores busy all the time); this run: the job 55.0, "
                        + "the bare skeleton 22.0 (over the budget alone) µs per event");
        assertThat(budget.describe(run(0.055), run(0.018))).doesNotContain("over the budget").contains("the bare skeleton 18.0");
        assertThat(budget.describe(run(0.055), null)).doesNotContain("skeleton").endsWith("the job 55.0 µs per event");
    }
}
