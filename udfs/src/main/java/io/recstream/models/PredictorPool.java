package io.recstream.models;

import ai.djl.inference.Predictor;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.TranslateException;
import ai.djl.translate.Translator;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * One ONNX model loaded by DJL's ONNX Runtime engine and a fixed pool of its predictors. A
 * {@link Predictor} is not thread-safe, so each call borrows one and waits while all are busy:
 * the pool size is the number of calls that run at the same time.
 *
 * <p>{@link #close()} must not race with calls in flight: close after the last call returned.
 */
final class PredictorPool<I, O> implements AutoCloseable {
    static final String ENGINE = "OnnxRuntime";

    private final String described;
    private final ZooModel<I, O> model;
    private final BlockingQueue<Predictor<I, O>> predictors;
    private volatile boolean closed;

    /**
     * @param intraOpThreads ONNX Runtime threads per call; 1 suits a machine shared by many tasks
     * @throws ModelLoadException naming the file when ONNX Runtime cannot load it
     */
    PredictorPool(ModelFiles files, Class<I> in, Class<O> out, Translator<I, O> translator,
                  int poolSize, int intraOpThreads) {
        if (poolSize < 1 || intraOpThreads < 1) {
            throw new IllegalArgumentException(
                    "poolSize and intraOpThreads must be >= 1: " + poolSize + ", " + intraOpThreads);
        }
        DjlOffline.ensure();
        this.described = files.describe();
        Criteria<I, O> criteria = Criteria.builder()
                .setTypes(in, out)
                .optModelPath(files.onnx())
                .optEngine(ENGINE)
                .optTranslator(translator)
                .optOption("intraOpNumThreads", Integer.toString(intraOpThreads))
                .optOption("interOpNumThreads", "1")
                .build();
        try {
            this.model = criteria.loadModel();
        } catch (Exception e) {
            throw files.error("could not be loaded by ONNX Runtime (corrupt or not an ONNX model?): "
                    + rootCause(e), e);
        }
        this.predictors = new ArrayBlockingQueue<>(poolSize);
        for (int i = 0; i < poolSize; i++) {
            predictors.add(model.newPredictor());
        }
    }

    /** Runs the model on {@code input} with the next free predictor. */
    O predict(I input) {
        if (closed) {
            throw new IllegalStateException(described + " is closed");
        }
        Predictor<I, O> predictor;
        try {
            predictor = predictors.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for a predictor of " + described, e);
        }
        try {
            return predictor.predict(input);
        } catch (TranslateException e) {
            throw new IllegalStateException(described + " failed: " + e.getMessage(), e);
        } finally {
            predictors.add(predictor);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<Predictor<I, O>> idle = new ArrayList<>();
        predictors.drainTo(idle);
        idle.forEach(Predictor::close);
        model.close();
    }

    private static String rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? e.toString() : e.getMessage() + ": " + root.getMessage();
    }
}
