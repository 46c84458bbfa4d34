package io.recstream.bench;

import io.recstream.event.Event;
import io.recstream.event.EventSerializer;
import io.recstream.synthetic.SyntheticEventGenerator;

import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * The events' edge into the user-learner, its two formats side by side in one JVM: each round
 * writes and reads the same chunk of the synthetic shop's events (searches with an intent, as the
 * intent model leaves them) with Flink's POJO serializer and with {@link EventSerializer}, in turn,
 * the order swapped every round, and takes the CPU time of each, and of its reads alone (the
 * user-learner's side of the edge; the writes are the source thread's). On a shared machine other work
 * weighs on both alike; the ratio is taken within each round.
 * <pre>
 * java -cp bench/target/benchmarks.jar io.recstream.bench.EventSerializerPairs [events [chunk]]
 * </pre>
 * {@code events} default 4,000,000, {@code chunk} 20,000; the first quarter of the rounds warms up.
 */
public final class EventSerializerPairs {
    private EventSerializerPairs() {}

    public static void main(String[] args) throws IOException {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 4_000_000;
        int chunk = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        SyntheticEventGenerator generator = SyntheticEventGenerator.builder().users(10_000).seed(1L).build();
        Event[] sample = new Event[chunk];
        for (int n = 0; n < chunk; n++) {
            Event e = generator.next();
            sample[n] = e.query != null ? e.withIntent("footwear", 0.8f) : e;
        }
        @SuppressWarnings("unchecked")
        TypeSerializer<Event>[] serializers = new TypeSerializer[] {
            TypeInformation.of(Event.class).createSerializer(new SerializerConfigImpl()), EventSerializer.INSTANCE};
        String[] names = {"POJO", "own"};
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        DataOutputSerializer out = new DataOutputSerializer(1 << 20);
        DataInputDeserializer in = new DataInputDeserializer();
        int rounds = events / chunk;
        double[][] nanos = new double[2][rounds];
        double[][] reads = new double[2][rounds];
        long[] bytes = new long[2];
        long sink = 0;
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < 2; k++) {
                int b = (k + r) % 2;
                TypeSerializer<Event> serializer = serializers[b];
                long start = threads.getCurrentThreadCpuTime();
                out.clear();
                for (Event e : sample) {
                    serializer.serialize(e, out);
                }
                long written = threads.getCurrentThreadCpuTime();
                in.setBuffer(out.getSharedBuffer(), 0, out.length());
                for (int n = 0; n < chunk; n++) {
                    sink += serializer.deserialize(in).ts;
                }
                long read = threads.getCurrentThreadCpuTime();
                nanos[b][r] = (double) (read - start) / chunk;
                reads[b][r] = (double) (read - written) / chunk;
                bytes[b] = out.length();
            }
        }
        int warmUp = rounds / 4;
        double[] ratio = new double[rounds - warmUp];
        for (int r = warmUp; r < rounds; r++) {
            ratio[r - warmUp] = nanos[1][r] / nanos[0][r];
        }
        Arrays.sort(ratio);
        for (int b = 0; b < 2; b++) {
            double[] kept = Arrays.copyOfRange(nanos[b], warmUp, rounds);
            double[] keptReads = Arrays.copyOfRange(reads[b], warmUp, rounds);
            Arrays.sort(kept);
            Arrays.sort(keptReads);
            System.out.printf("%-5s write and read: min %.1f, median %.1f ns per event (the read alone: min %.1f, median %.1f); %.1f bytes per event%n",
                    names[b], kept[0], kept[kept.length / 2], keptReads[0], keptReads[keptReads.length / 2], (double) bytes[b] / chunk);
        }
        System.out.printf("own/POJO in the same round: median %.3f (quartiles %.3f-%.3f), %d rounds (checksum %d)%n",
                ratio[ratio.length / 2], ratio[ratio.length / 4], ratio[3 * ratio.length / 4], ratio.length, sink);
    }
}
