package io.recstream.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * Pre- and post-processing of the ranking model: rows of raw features become one
 * {@code [rows, inputs]} float NDArray, and the {@code [rows]} or {@code [rows, 1]} output becomes
 * one score per row.
 *
 * <p>The input tensor is made over a direct buffer that each predicting thread keeps and reuses:
 * ONNX Runtime takes a direct buffer as it is, where a heap one is copied into a new direct buffer
 * per call (allocated and zeroed: 8 % of the ranker thread's time). The tensor lives only while its
 * prediction runs on that thread, so the buffer is free again when the next one starts.
 */
final class RankingTranslator implements NoBatchifyTranslator<RankingTranslator.Rows, float[]> {
    static final String INPUT_NAME = "features";

    /** The first {@code rows * width} values of {@code features}, row-major, {@code width} per row. */
    record Rows(float[] features, int rows, int width) {}

    /** Each predicting thread's input buffer, grown to the largest batch it has seen. */
    private final ThreadLocal<FloatBuffer> inputs = ThreadLocal.withInitial(() -> direct(256 * 16));

    @Override
    public NDList processInput(TranslatorContext ctx, Rows input) {
        int values = input.rows() * input.width();
        FloatBuffer buffer = inputs.get();
        if (buffer.capacity() < values) {
            buffer = direct(Math.max(values, 2 * buffer.capacity()));
            inputs.set(buffer);
        }
        buffer.clear();
        buffer.put(input.features(), 0, values).flip();
        NDArray array = ctx.getNDManager().create(buffer, new Shape(input.rows(), input.width()), DataType.FLOAT32);
        array.setName(INPUT_NAME);
        return new NDList(array);
    }

    private static FloatBuffer direct(int values) {
        return ByteBuffer.allocateDirect(values * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    @Override
    public float[] processOutput(TranslatorContext ctx, NDList output) {
        NDArray scores = output.get(0);
        Shape shape = scores.getShape();
        boolean column = shape.dimension() == 1 || (shape.dimension() == 2 && shape.get(1) == 1);
        if (!column) {
            throw new IllegalStateException("model output has shape " + shape + ", expected [batch] or [batch, 1]");
        }
        return scores.toFloatArray();
    }
}
