package io.recstream.bench.e2e;

import io.recstream.recommend.Recommendation;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * The recommendations sink of the Kafka-free scenarios: discards each list after recording how
 * long ago its event was made ({@code Recommendation.ts} is the event time, which the bench's
 * source stamps with the wall clock). Records as soon as it gets a list: an at-least-once sink.
 */
final class LatencySink implements Sink<Recommendation> {
    private static final long serialVersionUID = 1L;

    private final String histogram;

    LatencySink(String histogram) {
        this.histogram = histogram;
    }

    @Override
    public SinkWriter<Recommendation> createWriter(WriterInitContext context) {
        LatencyHistogram latencies = LatencyHistogram.named(histogram);
        return new SinkWriter<>() {
            @Override
            public void write(Recommendation list, Context context) {
                latencies.record(System.currentTimeMillis(), list.ts);
            }

            @Override
            public void flush(boolean endOfInput) {
            }

            @Override
            public void close() {
            }
        };
    }
}
