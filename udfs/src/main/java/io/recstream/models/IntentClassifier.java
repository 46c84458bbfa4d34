package io.recstream.models;

import java.util.List;

/** Text to intent: what the async intent operator needs of a model ({@link IntentModel}). */
public interface IntentClassifier extends AutoCloseable {
    /** One prediction per text, in input order, from one model call. Thread-safe. */
    List<IntentPrediction> predictBatch(List<String> texts);

    @Override
    void close();
}
