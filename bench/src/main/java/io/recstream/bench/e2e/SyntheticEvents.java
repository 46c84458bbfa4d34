package io.recstream.bench.e2e;

import io.recstream.event.Event;
import io.recstream.event.EventJson;
import io.recstream.synthetic.SyntheticEventGenerator;

import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;

import java.nio.charset.StandardCharsets;

/**
 * The events every scenario reads: the project's synthetic shop stream, rendered to the wire JSON
 * per record, with the event time set to the wall clock when the record is made. That stamp is
 * what the latency sink reads back from each list ({@code Recommendation.ts} is the event time of
 * the event that caused it).
 */
final class SyntheticEvents implements GeneratorFunction<Long, byte[]> {
    private static final long serialVersionUID = 1L;

    private final int users;
    private final int itemsPerCategory;
    private final long seed;
    private transient SyntheticEventGenerator generator;

    SyntheticEvents(int users, int itemsPerCategory, long seed) {
        this.users = users;
        this.itemsPerCategory = itemsPerCategory;
        this.seed = seed;
    }

    /** A generator source of endless events; {@code eventsPerSecond <= 0}: as fast as it can. */
    static DataGeneratorSource<byte[]> source(int users, int itemsPerCategory, long seed, double eventsPerSecond) {
        RateLimiterStrategy<?> rate = eventsPerSecond > 0 ? PacedRateLimiter.perSecond(eventsPerSecond) : RateLimiterStrategy.noOp();
        return new DataGeneratorSource<>(new SyntheticEvents(users, itemsPerCategory, seed), Long.MAX_VALUE, rate,
                PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO);
    }

    @Override
    public void open(SourceReaderContext context) {
        // one generator per reader, each with its own seed: together they make one stream of the same users
        generator = newGenerator(seed + context.getIndexOfSubtask());
    }

    SyntheticEventGenerator newGenerator(long generatorSeed) {
        return SyntheticEventGenerator.builder().users(users).itemsPerCategory(itemsPerCategory).seed(generatorSeed).build();
    }

    @Override
    public byte[] map(Long index) {
        return render(generator.next());
    }

    static byte[] render(Event event) {
        event.ts = System.currentTimeMillis();
        return EventJson.toJson(event).getBytes(StandardCharsets.UTF_8);
    }
}
