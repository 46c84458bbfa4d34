package io.recstream.functions;

import io.recstream.event.Event;
import io.recstream.event.EventType;
import io.recstream.models.IntentClassifier;
import io.recstream.models.IntentModel;
import io.recstream.models.IntentPrediction;
import io.recstream.models.ModelKind;
import java.util.ArrayList;
import java.util.List;

/**
 * Fills in the intent of search events with the ONNX intent model ({@link IntentModel}): the
 * queries of concurrent searches are classified together in micro-batches. Other events pass on
 * untouched without a model call. A search stamped with a model-store version
 * ({@link Event#intentVersion}) is classified by that version. When the model fails or is too slow the search passes on
 * without an intent, counted in {@code recstream.intent.fallbacks}; searches with an intent count
 * in {@code recstream.intent.predicted}.
 */
public class AsyncIntent extends BatchedModelFunction<Event, Event, IntentPrediction, IntentClassifier> {
    private static final long serialVersionUID = 1L;


    /** The synthetic-catalogue model in the jar, one predictor, batches of up to 32 queries or 2 ms. */
    public AsyncIntent() {
        this(defaultSettings());
    }

    public AsyncIntent(ModelSettings settings) {
        super(settings, ModelKind.INTENT, "intent", "predicted");
    }

    /** Each query is a dense row of 8192 features, so batches are smaller than the ranker's. */
    public static ModelSettings defaultSettings() {
        return ModelSettings.builder(IntentModel.DEFAULT_LOCATION).maxBatchRows(32).build();
    }

    @Override
    protected IntentClassifier loadModel(ModelSettings settings) {
        return IntentModel.load(settings.location, settings.poolSize, settings.intraOpThreads);
    }

    @Override
    protected Event request(Event input) {
        return input.type == EventType.SEARCH && input.query != null ? input : null;
    }

    @Override
    protected String storeVersion(Event search) {
        return search.intentVersion;
    }

    @Override
    protected List<IntentPrediction> callModel(IntentClassifier model, List<Event> searches) {
        List<String> queries = new ArrayList<>(searches.size());
        for (Event search : searches) {
            queries.add(search.query);
        }
        return model.predictBatch(queries);
    }

    @Override
    protected Event apply(Event input, IntentPrediction prediction) {
        return input.withIntent(prediction.intent(), prediction.probability());
    }
}
