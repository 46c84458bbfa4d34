package io.recstream.models;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.List;

/**
 * One thread's input rows of the intent model: a direct buffer of {@code [rows, V]} hashed
 * features ({@link TextFeatures}) that ONNX Runtime reads where it is, kept from call to call.
 * Made per call, a batch was a dense {@code float[]} and then a direct copy of it, both zeroed in
 * full (8,192 floats a row, for a few dozen features), and zeroing the copy was half of the intent
 * model's thread (docs/BENCHMARKS.md, "The learning path, third pass"); here only the entries the
 * previous call set are cleared. Not thread-safe: one per thread.
 */
final class FeatureRows {
    private final TextFeatures features;
    private FloatBuffer buffer = direct(0);
    /** Positions in {@link #buffer} that hold a feature of the last call: the only ones not zero. */
    private int[] set = new int[256];
    private int setCount;

    FeatureRows(TextFeatures features) {
        this.features = features;
    }

    /**
     * The features of {@code texts}, one dense row each (zero where a text has no feature):
     * a buffer from position 0 to {@code texts.size() * V}, valid until this object's next call.
     */
    FloatBuffer fill(List<String> texts) {
        int dimension = features.dimension();
        int values = texts.size() * dimension;
        if (buffer.capacity() < values) {
            buffer = direct(values);
            setCount = 0;
        }
        buffer.clear();
        for (int n = 0; n < setCount; n++) {
            buffer.put(set[n], 0f);
        }
        setCount = 0;
        for (int row = 0; row < texts.size(); row++) {
            TextFeatures.Sparse sparse = features.encode(texts.get(row));
            for (int i = 0; i < sparse.size(); i++) {
                int at = row * dimension + sparse.indices()[i];
                buffer.put(at, sparse.values()[i]);
                if (setCount == set.length) {
                    set = Arrays.copyOf(set, 2 * setCount);
                }
                set[setCount++] = at;
            }
        }
        buffer.limit(values);
        return buffer;
    }

    private static FloatBuffer direct(int values) {
        return ByteBuffer.allocateDirect(values * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }
}
