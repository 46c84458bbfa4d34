package io.recstream.job.postgres;

import io.recstream.job.kafka.Json;
import io.recstream.recommend.Recommendation;

import org.apache.flink.core.io.SimpleVersionedSerializer;

import java.io.IOException;

/** A checkpoint's batch of lists in the checkpoint (until committed): the JSON the Kafka topic holds, as an array. */
final class ListsSerializer implements SimpleVersionedSerializer<Recommendation[]> {

    @Override
    public int getVersion() {
        return 1;
    }

    @Override
    public byte[] serialize(Recommendation[] lists) throws IOException {
        return Json.MAPPER.writeValueAsBytes(lists);
    }

    @Override
    public Recommendation[] deserialize(int version, byte[] serialized) throws IOException {
        if (version != 1) {
            throw new IOException("Unknown version " + version + " of the PostgreSQL sink's committables");
        }
        return Json.MAPPER.readValue(serialized, Recommendation[].class);
    }
}
