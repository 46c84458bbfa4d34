package io.recstream.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import io.recstream.event.EventType;
import io.recstream.state.SerializerTypeInfo;

import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeinfo.BasicArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.TypeExtractor;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

class CandidateListSerializerTest {
    private static final CandidateListSerializer SERIALIZER = CandidateListSerializer.INSTANCE;

    @Test
    void writesAndReadsEveryField() throws Exception {
        CandidateList full = everyFieldSet();
        for (CandidateList list : new CandidateList[] {full, new CandidateList()}) {
            assertThat(read(write(list))).usingRecursiveComparison().isEqualTo(list);
        }
        CandidateList withNulls = everyFieldSet();
        withNulls.reasonItems[0] = null;
        withNulls.eventType = null;
        assertThat(read(write(withNulls))).usingRecursiveComparison().isEqualTo(withNulls);
    }

    @Test
    void aCopyHasEveryFieldAndSharesNoArray() throws Exception {
        CandidateList list = everyFieldSet();
        CandidateList copy = SERIALIZER.copy(list);
        assertThat(copy).usingRecursiveComparison().isEqualTo(list);
        for (Field field : fields()) {
            if (field.getType().isArray()) {
                assertThat(field.get(copy)).as(field.getName()).isNotSameAs(field.get(list));
            }
        }
    }

    @Test
    void theTypeIsThisSerializerAndThePojoFormatMigrates() {
        assertThat(TypeExtractor.getForClass(CandidateList.class)).isInstanceOf(SerializerTypeInfo.class);
        TypeSerializer<CandidateList> pojo = pojoSerializer();
        var snapshot = SERIALIZER.snapshotConfiguration();
        assertThat(snapshot.resolveSchemaCompatibility(pojo.snapshotConfiguration()).isCompatibleAfterMigration()).isTrue();
        assertThat(snapshot.resolveSchemaCompatibility(SERIALIZER.snapshotConfiguration()).isCompatibleAsIs()).isTrue();
    }

    @Test
    void aListEarlierBuildsWroteAsAPojoReadsBackWhole() throws Exception {
        TypeSerializer<CandidateList> pojo = pojoSerializer();
        CandidateList list = everyFieldSet();
        DataOutputSerializer out = new DataOutputSerializer(256);
        pojo.serialize(list, out);
        CandidateList migrated = pojo.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
        assertThat(read(write(migrated))).usingRecursiveComparison().isEqualTo(list);
    }

    /** How builds before this serializer held the lists: Flink's POJO serializer of the class, field types as extracted. */
    private static TypeSerializer<CandidateList> pojoSerializer() {
        Map<String, TypeInformation<?>> types = new HashMap<>();
        for (Field field : fields()) {
            Class<?> type = field.getType();
            types.put(field.getName(), type == String.class ? Types.STRING
                    : type == long.class ? Types.LONG
                    : type == int.class ? Types.INT
                    : type == boolean.class ? Types.BOOLEAN
                    : type == long[].class ? PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO
                    : type == float[].class ? PrimitiveArrayTypeInfo.FLOAT_PRIMITIVE_ARRAY_TYPE_INFO
                    : type == byte[].class ? PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO
                    : type == String[].class ? BasicArrayTypeInfo.STRING_ARRAY_TYPE_INFO
                    : Types.ENUM(EventType.class));
        }
        return Types.POJO(CandidateList.class, types).createSerializer(new SerializerConfigImpl());
    }

    private static byte[] write(CandidateList list) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(256);
        SERIALIZER.serialize(list, out);
        return out.getCopyOfBuffer();
    }

    private static CandidateList read(byte[] bytes) throws Exception {
        DataInputDeserializer in = new DataInputDeserializer(bytes);
        CandidateList list = SERIALIZER.deserialize(in);
        assertThat(in.available()).isZero();
        return list;
    }

    /** Every public field set to a value no default has: a field the serializer forgets fails the tests. */
    private static CandidateList everyFieldSet() throws Exception {
        CandidateList list = new CandidateList();
        for (Field field : fields()) {
            Class<?> type = field.getType();
            Object value;
            if (type == String.class) {
                value = field.getName() + "-é";
            } else if (type == long.class) {
                value = (long) field.getName().hashCode() << 20;
            } else if (type == int.class) {
                value = 3;
            } else if (type == boolean.class) {
                value = true;
            } else if (type == long[].class) {
                value = new long[] {1L, -2L, Long.MAX_VALUE};
            } else if (type == float[].class) {
                value = new float[] {0.5f, -1e-30f, Float.MIN_VALUE};
            } else if (type == byte[].class) {
                value = new byte[] {Reason.TRENDING, Reason.COOCCURRENCE, 0};
            } else if (type == String[].class) {
                value = new String[] {field.getName(), "", "ü"};
            } else if (type == EventType.class) {
                value = EventType.PURCHASE;
            } else {
                throw new AssertionError("a field of a type this test does not fill: " + field);
            }
            field.set(list, value);
        }
        return list;
    }

    private static List<Field> fields() {
        List<Field> fields = new ArrayList<>();
        for (Field field : CandidateList.class.getFields()) {
            if (!Modifier.isStatic(field.getModifiers())) {
                fields.add(field);
            }
        }
        return fields;
    }
}
