package io.recstream.bench.e2e;

import java.util.Locale;

/**
 * One run of the harness, written {@code scenario[:backend:parallelism][+latency][+state]}, e.g.
 * {@code job:rocksdb:2+latency}. The tight loop is just {@code loop}. {@code +latency} adds a run at
 * half the measured rate; {@code +state} takes savepoints at the end of the window and reports state sizes.
 */
record RunSpec(Scenario scenario, Backend backend, int parallelism, boolean latency, boolean state) {
    enum Scenario {
        /** The skeleton's maths in one thread, no Flink. */
        LOOP,
        /** The generator source alone, into a discarding sink. */
        SOURCE,
        /** The bare Flink job. */
        SKELETON,
        /** The job's graph from the generator source to discarding sinks, the item loop in the JVM. */
        JOB,
        /** The job's graph with its Kafka sources and sinks, on the embedded broker, as the demo runs it. */
        KAFKA,
        /** The job's graph as JOB with a large catalogue fed into the replicas: heap, savepoint bytes, restore time. */
        CATALOGUE
    }

    enum Backend {
        HEAP("hashmap"), ROCKSDB("rocksdb");

        final String flinkName;

        Backend(String flinkName) {
            this.flinkName = flinkName;
        }
    }

    static RunSpec parse(String text) {
        String[] extras = text.trim().toLowerCase(Locale.ROOT).split("\\+");
        boolean latency = false;
        boolean state = false;
        for (int n = 1; n < extras.length; n++) {
            switch (extras[n]) {
                case "latency" -> latency = true;
                case "state" -> state = true;
                default -> throw new IllegalArgumentException("unknown +" + extras[n] + " in " + text);
            }
        }
        String[] parts = extras[0].split(":");
        Scenario scenario = Scenario.valueOf(parts[0].toUpperCase(Locale.ROOT));
        if (scenario == Scenario.LOOP) {
            if (parts.length != 1 || latency || state) {
                throw new IllegalArgumentException("the tight loop is just 'loop': " + text);
            }
            return new RunSpec(scenario, null, 1, false, false);
        }
        if (parts.length != 3) {
            throw new IllegalArgumentException("expected scenario:backend:parallelism[+latency][+state]: " + text);
        }
        if (latency && scenario != Scenario.JOB && scenario != Scenario.KAFKA) {
            throw new IllegalArgumentException("latency is measured for job and kafka runs only: " + text);
        }
        if (scenario == Scenario.CATALOGUE && (latency || state)) {
            throw new IllegalArgumentException("a catalogue run measures neither latency nor state sizes: " + text);
        }
        if (state && scenario != Scenario.JOB) {
            throw new IllegalArgumentException("state sizes are measured for job runs only: " + text);
        }
        return new RunSpec(scenario, Backend.valueOf(parts[1].toUpperCase(Locale.ROOT)), Integer.parseInt(parts[2]), latency, state);
    }

    @Override
    public String toString() {
        String name = scenario.name().toLowerCase(Locale.ROOT);
        return scenario == Scenario.LOOP ? name : name + ":" + backend.name().toLowerCase(Locale.ROOT) + ":" + parallelism;
    }
}
