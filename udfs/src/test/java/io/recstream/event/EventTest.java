package io.recstream.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class EventTest {
    private static final long TS = 1_700_000_000_000L;

    @Test
    void isAFlinkPojoWithTheIntentFields() throws Exception {
        TypeInformation<Event> info = TypeInformation.of(Event.class);
        assertThat(info).isInstanceOf(PojoTypeInfo.class);
        PojoTypeInfo<Event> pojo = (PojoTypeInfo<Event>) info;
        assertThat(pojo.getFieldIndex("intent")).isNotNegative();
        assertThat(pojo.getFieldIndex("intentProbability")).isNotNegative();

        Event event = Event.search("u1", "wireless headphones", "app", TS).withIntent("electronics", 0.93f);
        TypeSerializer<Event> serializer = info.createSerializer(new SerializerConfigImpl());
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(event, out);
        Event copy = serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
        assertThat(copy).isEqualTo(event);
        assertThat(copy.intent).isEqualTo("electronics");
        assertThat(copy.intentProbability).isEqualTo(0.93f);
    }

    @Test
    void withIntentCopiesAndLeavesTheOriginalAlone() {
        Event search = Event.search("u1", "tea", "web", TS);
        Event withIntent = search.withIntent("grocery", 0.8f);
        assertThat(search.intent).isNull();
        assertThat(search.intentProbability).isZero();
        assertThat(withIntent).isNotEqualTo(search);
        assertThat(withIntent.withIntent(null, 0f)).isEqualTo(search);
        assertThat(withIntent.toString()).contains("intent=grocery");
    }

    @Test
    void intentIsNotPartOfTheWireFormat() {
        String json = "{\"user\":\"u1\",\"type\":\"search\",\"query\":\"tea\",\"ts\":1700000000000,"
                + "\"intent\":\"grocery\",\"intentProbability\":0.9}";
        ParseOutcome parsed = new EventJson().parse(json.getBytes(StandardCharsets.UTF_8));
        assertThat(parsed.event()).isEqualTo(Event.search("u1", "tea", "unknown", TS));
        assertThat(parsed.event().intent).isNull();

        String written = EventJson.toJson(Event.search("u1", "tea", "web", TS).withIntent("grocery", 0.9f));
        assertThat(written).doesNotContain("intent").doesNotContain("grocery");
    }
}
