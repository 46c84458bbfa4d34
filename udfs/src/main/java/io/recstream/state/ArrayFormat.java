package io.recstream.state;

import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * How the project's serializers write arrays: a length (-1 for null), then the elements, big-endian
 * as {@link DataOutputView#writeFloat}, {@link DataOutputView#writeInt} and
 * {@link DataOutputView#writeLong} write them.
 *
 * <p>The elements move as one block of bytes through a buffer of the calling thread: one
 * {@code readFully} or {@code write} per array instead of a call into the view per element. The
 * views are several classes in one task (state, network records), so a call per element is not
 * inlined and cost more than the decoding (docs/BENCHMARKS.md, "The item state's reads and
 * writes"). The bytes are the same either way.
 */
public final class ArrayFormat {
    private static final VarHandle FLOATS = MethodHandles.byteArrayViewVarHandle(float[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    /** Arrays up to this many bytes go through the thread's buffer; longer ones through one of their own. */
    private static final int MAX_BUFFER = 1 << 16;
    private static final ThreadLocal<byte[]> BUFFERS = ThreadLocal.withInitial(() -> new byte[1024]);

    private ArrayFormat() {}

    public static void writeFloats(float[] values, DataOutputView out) throws IOException {
        if (values == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(values.length);
        int bytes = values.length * Float.BYTES;
        byte[] buffer = buffer(bytes);
        for (int i = 0; i < values.length; i++) {
            FLOATS.set(buffer, i * Float.BYTES, values[i]);
        }
        out.write(buffer, 0, bytes);
    }

    public static float[] readFloats(DataInputView in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        int bytes = n * Float.BYTES;
        byte[] buffer = buffer(bytes);
        in.readFully(buffer, 0, bytes);
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = (float) FLOATS.get(buffer, i * Float.BYTES);
        }
        return values;
    }

    public static void writeInts(int[] values, DataOutputView out) throws IOException {
        if (values == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(values.length);
        int bytes = values.length * Integer.BYTES;
        byte[] buffer = buffer(bytes);
        for (int i = 0; i < values.length; i++) {
            INTS.set(buffer, i * Integer.BYTES, values[i]);
        }
        out.write(buffer, 0, bytes);
    }

    public static int[] readInts(DataInputView in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        int bytes = n * Integer.BYTES;
        byte[] buffer = buffer(bytes);
        in.readFully(buffer, 0, bytes);
        int[] values = new int[n];
        for (int i = 0; i < n; i++) {
            values[i] = (int) INTS.get(buffer, i * Integer.BYTES);
        }
        return values;
    }

    public static void writeLongs(long[] values, DataOutputView out) throws IOException {
        if (values == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(values.length);
        int bytes = values.length * Long.BYTES;
        byte[] buffer = buffer(bytes);
        for (int i = 0; i < values.length; i++) {
            LONGS.set(buffer, i * Long.BYTES, values[i]);
        }
        out.write(buffer, 0, bytes);
    }

    public static long[] readLongs(DataInputView in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        int bytes = n * Long.BYTES;
        byte[] buffer = buffer(bytes);
        in.readFully(buffer, 0, bytes);
        long[] values = new long[n];
        for (int i = 0; i < n; i++) {
            values[i] = (long) LONGS.get(buffer, i * Long.BYTES);
        }
        return values;
    }

    /**
     * A buffer of at least {@code bytes}: the calling thread's, grown to fit up to {@link #MAX_BUFFER}
     * (a serializer never calls back into this class while it fills one array, so one per thread
     * is enough), a new one beyond.
     */
    private static byte[] buffer(int bytes) {
        if (bytes > MAX_BUFFER) {
            return new byte[bytes];
        }
        byte[] buffer = BUFFERS.get();
        if (buffer.length < bytes) {
            buffer = new byte[Math.max(bytes, 2 * buffer.length)];
            BUFFERS.set(buffer);
        }
        return buffer;
    }
}
