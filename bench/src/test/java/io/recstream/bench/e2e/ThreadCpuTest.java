package io.recstream.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;

class ThreadCpuTest {
    @Test
    void namesDropTheSubtaskSuffix() {
        assertThat(ThreadCpu.name("user-learner -> (item-update-accumulator, live-lists) (2/4)#0"))
                .isEqualTo("user-learner -> (item-update-accumulator, live-lists)");
        assertThat(ThreadCpu.name("item-learner (1/1)")).isEqualTo("item-learner");
        assertThat(ThreadCpu.name("main")).isEqualTo("main");
    }

    @Test
    void countsTheCpuOfAThreadThatWorkedInTheWindowUnderItsName() throws Exception {
        ThreadCpu cpu = ThreadCpu.start();
        CountDownLatch finish = new CountDownLatch(1);
        Thread busy = new Thread(() -> {
            long x = 0;
            while (finish.getCount() > 0) {
                x += System.nanoTime() % 7; // work that cannot be optimised away
            }
            if (x == 42) {
                System.out.print("");
            }
        }, "busy (1/2)#0");
        busy.start();
        try {
            long until = System.nanoTime() + 30_000_000_000L;
            while (cpu.sinceStart().getOrDefault("busy", 0L) < 10_000_000L && System.nanoTime() < until) {
                Thread.onSpinWait();
            }
            assertThat(cpu.sinceStart().get("busy")).isGreaterThanOrEqualTo(10_000_000L);
        } finally {
            finish.countDown();
            busy.join();
        }
    }
}
