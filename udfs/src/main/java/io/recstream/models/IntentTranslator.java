package io.recstream.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;
import java.util.ArrayList;
import java.util.List;

/**
 * Pre- and post-processing of the intent model, kept apart from the model call: a batch of
 * texts becomes one dense {@code [batch, V]} float NDArray of hashed features, and each row of
 * the {@code [batch, C]} probability output becomes an {@link IntentPrediction}. The input is
 * built in the calling thread's {@link FeatureRows}, over a direct buffer the tensor uses as it is.
 */
final class IntentTranslator implements NoBatchifyTranslator<List<String>, List<IntentPrediction>> {
    static final String INPUT_NAME = "features";

    private final TextFeatures features;
    private final List<String> labels;
    private final ThreadLocal<FeatureRows> rows;

    IntentTranslator(TextFeatures features, List<String> labels) {
        this.features = features;
        this.labels = List.copyOf(labels);
        this.rows = ThreadLocal.withInitial(() -> new FeatureRows(features));
    }

    @Override
    public NDList processInput(TranslatorContext ctx, List<String> texts) {
        // the tensor reads the thread's buffer, which the thread's next call rewrites: the
        // predictor closes the tensor when this call ends
        NDArray input = ctx.getNDManager().create(rows.get().fill(texts), new Shape(texts.size(), features.dimension()),
                DataType.FLOAT32);
        input.setName(INPUT_NAME);
        return new NDList(input);
    }

    @Override
    public List<IntentPrediction> processOutput(TranslatorContext ctx, NDList output) {
        NDArray probabilities = output.get(0);
        Shape shape = probabilities.getShape();
        if (shape.dimension() != 2 || shape.get(1) != labels.size()) {
            throw new IllegalStateException(
                    "model output has shape " + shape + ", expected [batch, " + labels.size() + "]");
        }
        int classes = labels.size();
        float[] flat = probabilities.toFloatArray();
        List<IntentPrediction> predictions = new ArrayList<>((int) shape.get(0));
        for (int row = 0; row < shape.get(0); row++) {
            float[] p = new float[classes];
            System.arraycopy(flat, row * classes, p, 0, classes);
            predictions.add(IntentPrediction.of(labels, p));
        }
        return predictions;
    }
}
