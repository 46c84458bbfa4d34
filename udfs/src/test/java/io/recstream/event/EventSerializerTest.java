package io.recstream.event;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.runtime.PojoSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.assertj.core.api.recursive.comparison.RecursiveComparisonConfiguration;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

class EventSerializerTest {
    private static final String[] TEXTS = {"", "u-1", "movie-42", "web", "app", "red running shoes", "ünïcødé ✓ 靴", "x".repeat(300)};

    /** Every field compared, numbers to the bit (AssertJ's default compares them within a tolerance, and NaN to nothing). */
    private static final RecursiveComparisonConfiguration BIT_FOR_BIT = RecursiveComparisonConfiguration.builder()
            .withEqualsForType((a, b) -> Double.doubleToRawLongBits(a) == Double.doubleToRawLongBits(b), Double.class)
            .withEqualsForType((a, b) -> Float.floatToRawIntBits(a) == Float.floatToRawIntBits(b), Float.class)
            .build();

    private static String text(SplittableRandom random) {
        return random.nextInt(3) == 0 ? null : TEXTS[random.nextInt(TEXTS.length)] + (random.nextBoolean() ? "" : random.nextInt());
    }

    /** Every field of the event set at random, each string and the type null now and then. */
    private static Event randomEvent(SplittableRandom random) {
        Event e = new Event();
        e.user = text(random);
        e.item = text(random);
        e.userId = random.nextLong();
        e.itemId = random.nextInt(4) == 0 ? 0L : random.nextLong();
        e.type = random.nextInt(4) == 0 ? null : EventType.values()[random.nextInt(EventType.values().length)];
        e.channel = text(random);
        e.query = text(random);
        e.value = random.nextInt(5) == 0 ? Double.NaN : random.nextDouble(-1e6, 1e6);
        e.ts = random.nextLong();
        e.intent = text(random);
        e.intentProbability = random.nextInt(5) == 0 ? -0f : (float) random.nextDouble();
        e.intentItemId = random.nextLong();
        e.rankerVersion = text(random);
        e.intentVersion = text(random);
        return e;
    }

    private static List<Event> throughBytes(TypeSerializer<Event> serializer, List<Event> events) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        for (Event e : events) {
            serializer.serialize(e, out);
        }
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        List<Event> read = new ArrayList<>();
        for (int n = 0; n < events.size(); n++) {
            read.add(serializer.deserialize(in));
        }
        assertThat(in.available()).isZero();
        return read;
    }

    /**
     * Field by field, as the POJO serializer the edge had before carries them: a field added to the
     * event and left out of the format fails here (the comparison is over every field there is).
     */
    @Test
    void everyFieldOfEveryEventComesThroughAsThePojoSerializerCarriesIt() throws IOException {
        TypeSerializer<Event> pojo = TypeInformation.of(Event.class).createSerializer(new SerializerConfigImpl());
        assertThat(pojo).isInstanceOf(PojoSerializer.class);
        SplittableRandom random = new SplittableRandom(7);
        List<Event> events = new ArrayList<>();
        for (int n = 0; n < 3_000; n++) {
            events.add(randomEvent(random));
        }
        events.add(new Event()); // nothing set at all

        List<Event> read = throughBytes(EventSerializer.INSTANCE, events);
        List<Event> readByPojo = throughBytes(pojo, events);

        for (int n = 0; n < events.size(); n++) {
            assertThat(read.get(n)).as("event %d", n).usingRecursiveComparison(BIT_FOR_BIT).isEqualTo(readByPojo.get(n));
            assertThat(read.get(n)).as("event %d", n).usingRecursiveComparison(BIT_FOR_BIT).isEqualTo(events.get(n));
            assertThat(EventSerializer.INSTANCE.copy(events.get(n))).as("copy %d", n)
                    .usingRecursiveComparison(BIT_FOR_BIT).isEqualTo(events.get(n)).isNotSameAs(events.get(n));
        }
    }

    @Test
    void copiesOneSerialisedEventToAnotherView() throws IOException {
        Event e = randomEvent(new SplittableRandom(3));
        DataOutputSerializer first = new DataOutputSerializer(64);
        EventSerializer.INSTANCE.serialize(e, first);
        DataOutputSerializer second = new DataOutputSerializer(64);
        EventSerializer.INSTANCE.copy(new DataInputDeserializer(first.getCopyOfBuffer()), second);

        assertThat(second.getCopyOfBuffer()).isEqualTo(first.getCopyOfBuffer());
    }

    @Test
    void itsTypeInformationGivesThisSerializer() {
        assertThat(EventSerializer.TYPE.createSerializer(new SerializerConfigImpl())).isInstanceOf(EventSerializer.class);
        assertThat(EventSerializer.TYPE.getTypeClass()).isEqualTo(Event.class);
    }
}
