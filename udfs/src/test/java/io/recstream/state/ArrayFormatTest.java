package io.recstream.state;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputViewStreamWrapper;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Random;

/** The block-wise arrays write exactly the bytes of one view call per element, which state and records already hold. */
class ArrayFormatTest {
    private final Random random = new Random(7);

    private float[] floats(int n) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = (float) random.nextGaussian();
        }
        if (n > 2) {
            values[0] = Float.NaN;
            values[1] = Float.NEGATIVE_INFINITY;
            values[2] = -0f;
        }
        return values;
    }

    private long[] longs(int n) {
        long[] values = new long[n];
        for (int i = 0; i < n; i++) {
            values[i] = random.nextLong();
        }
        return values;
    }

    @Test
    void floatsAreWrittenAsOneViewCallPerElementWroteThem() throws IOException {
        for (int n : new int[] {0, 1, 32, 257, 20_000}) { // 20,000 floats outgrow the thread's buffer
            float[] values = floats(n);
            DataOutputSerializer expected = new DataOutputSerializer(16);
            expected.writeInt(n);
            for (float v : values) {
                expected.writeFloat(v);
            }
            DataOutputSerializer out = new DataOutputSerializer(16);
            ArrayFormat.writeFloats(values, out);
            assertThat(out.getCopyOfBuffer()).containsExactly(expected.getCopyOfBuffer());

            float[] read = ArrayFormat.readFloats(new DataInputDeserializer(expected.getCopyOfBuffer()));
            assertThat(read).hasSize(n);
            for (int i = 0; i < n; i++) {
                assertThat(Float.floatToRawIntBits(read[i])).isEqualTo(Float.floatToRawIntBits(values[i]));
            }
        }
    }

    @Test
    void longsAreWrittenAsOneViewCallPerElementWroteThem() throws IOException {
        for (int n : new int[] {0, 1, 100, 1000, 10_000}) {
            long[] values = longs(n);
            DataOutputSerializer expected = new DataOutputSerializer(16);
            expected.writeInt(n);
            for (long v : values) {
                expected.writeLong(v);
            }
            DataOutputSerializer out = new DataOutputSerializer(16);
            ArrayFormat.writeLongs(values, out);
            assertThat(out.getCopyOfBuffer()).containsExactly(expected.getCopyOfBuffer());
            assertThat(ArrayFormat.readLongs(new DataInputDeserializer(expected.getCopyOfBuffer()))).containsExactly(values);
        }
    }

    @Test
    void intsAreWrittenAsOneViewCallPerElementWroteThem() throws IOException {
        for (int n : new int[] {0, 1, 100, 1000, 20_000}) {
            int[] values = new int[n];
            for (int i = 0; i < n; i++) {
                values[i] = random.nextInt();
            }
            DataOutputSerializer expected = new DataOutputSerializer(16);
            expected.writeInt(n);
            for (int v : values) {
                expected.writeInt(v);
            }
            DataOutputSerializer out = new DataOutputSerializer(16);
            ArrayFormat.writeInts(values, out);
            assertThat(out.getCopyOfBuffer()).containsExactly(expected.getCopyOfBuffer());
            assertThat(ArrayFormat.readInts(new DataInputDeserializer(expected.getCopyOfBuffer()))).containsExactly(values);
        }
        DataOutputSerializer none = new DataOutputSerializer(4);
        ArrayFormat.writeInts(null, none);
        assertThat(ArrayFormat.readInts(new DataInputDeserializer(none.getCopyOfBuffer()))).isNull();
    }

    @Test
    void nullIsLengthMinusOneAndArraysFollowEachOtherThroughAnyView() throws IOException {
        long[] ids = longs(100);
        float[] weights = floats(100);
        DataOutputSerializer out = new DataOutputSerializer(16);
        ArrayFormat.writeLongs(null, out);
        ArrayFormat.writeLongs(ids, out);
        ArrayFormat.writeFloats(weights, out);
        ArrayFormat.writeFloats(null, out);
        out.writeInt(42);
        byte[] bytes = out.getCopyOfBuffer();
        assertThat(bytes).startsWith(new byte[] {-1, -1, -1, -1});

        var in = new DataInputViewStreamWrapper(new ByteArrayInputStream(bytes));
        assertThat(ArrayFormat.readLongs(in)).isNull();
        assertThat(ArrayFormat.readLongs(in)).containsExactly(ids);
        assertThat(ArrayFormat.readFloats(in)).containsExactly(weights);
        assertThat(ArrayFormat.readFloats(in)).isNull();
        assertThat(in.readInt()).isEqualTo(42);
    }
}
