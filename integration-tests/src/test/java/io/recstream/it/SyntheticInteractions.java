package io.recstream.it;

import io.recstream.event.Event;
import io.recstream.synthetic.SyntheticEventGenerator;

import java.util.ArrayList;
import java.util.List;

/** A replayable log for evaluation tests: the synthetic shop's first interactions (searches left out), seed 5. */
final class SyntheticInteractions {
    private SyntheticInteractions() {}

    static List<Event> of(int users, int count) {
        SyntheticEventGenerator generator = SyntheticEventGenerator.builder().users(users).seed(5).build();
        List<Event> events = new ArrayList<>();
        while (events.size() < count) {
            Event e = generator.next();
            if (e.isInteraction()) {
                events.add(e);
            }
        }
        return events;
    }
}
