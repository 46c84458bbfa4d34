package io.recstream.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;
import java.nio.FloatBuffer;

/**
 * Pre- and post-processing of the ranking model: rows of raw features become one
 * {@code [rows, inputs]} float NDArray, and the {@code [rows]} or {@code [rows, 1]} output becomes
 * one score per row.
 */
final class RankingTranslator implements NoBatchifyTranslator<RankingTranslator.Rows, float[]> {
    static final String INPUT_NAME = "features";

    /** The first {@code rows * width} values of {@code features}, row-major, {@code width} per row. */
    record Rows(float[] features, int rows, int width) {}

    @Override
    public NDList processInput(TranslatorContext ctx, Rows input) {
        int values = input.rows() * input.width();
        NDArray array = ctx.getNDManager().create(
                FloatBuffer.wrap(input.features(), 0, values), new Shape(input.rows(), input.width()),
                DataType.FLOAT32);
        array.setName(INPUT_NAME);
        return new NDList(array);
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
