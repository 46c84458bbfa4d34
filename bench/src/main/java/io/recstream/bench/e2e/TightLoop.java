package io.recstream.bench.e2e;

import io.recstream.event.Event;
import io.recstream.event.EventJson;
import io.recstream.event.ParseOutcome;
import io.recstream.synthetic.SyntheticEventGenerator;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The skeleton's work in one thread without Flink: render, parse, the user step and the item step
 * on vectors in hash maps. What one core does when nothing but the maths and the wire format cost.
 */
final class TightLoop {
    private TightLoop() {}

    static Figures run(SyntheticEvents events, int dim, Duration warmUp, Duration window) {
        SyntheticEventGenerator generator = events.newGenerator(0);
        EventJson json = new EventJson();
        Map<String, float[]> users = new HashMap<>();
        Map<String, float[]> items = new HashMap<>();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();

        long start = System.nanoTime();
        long measureFrom = start + warmUp.toNanos();
        long end = measureFrom + window.toNanos();
        long count = 0;
        long countAtStart = -1;
        long cpuAtStart = 0;
        long now = start;
        while (now < end) {
            ParseOutcome parsed = json.parse(SyntheticEvents.render(generator.next()));
            if (parsed.isValid()) {
                Event event = parsed.event();
                float[] u = users.computeIfAbsent(event.user, user -> FactorStep.initial(dim));
                FactorStep.apply(u, u);
                if (event.item != null) {
                    FactorStep.apply(items.computeIfAbsent(event.item, item -> FactorStep.initial(dim)), u);
                }
            }
            count++;
            if ((count & 1023) == 0) {
                now = System.nanoTime();
                if (countAtStart < 0 && now >= measureFrom) {
                    countAtStart = count;
                    cpuAtStart = threads.getCurrentThreadCpuTime();
                    measureFrom = now;
                }
            }
        }
        return Figures.of(count - countAtStart, now - measureFrom, threads.getCurrentThreadCpuTime() - cpuAtStart);
    }
}
