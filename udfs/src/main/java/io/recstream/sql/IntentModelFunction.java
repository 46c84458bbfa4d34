package io.recstream.sql;

import io.recstream.models.IntentModel;
import org.apache.flink.table.functions.FunctionContext;
import org.apache.flink.table.functions.ScalarFunction;

/**
 * Base of the SQL functions that run the intent model: opens the model in {@code open} and
 * closes it in {@code close}, one model (one predictor, one ONNX Runtime thread) per function
 * instance, i.e. per parallel task.
 *
 * <p>Which model: the location given to the constructor; else the job parameter or system
 * property {@value #LOCATION_KEY}; else the environment variable {@value #LOCATION_ENV}; else the
 * synthetic model in the jar ({@link IntentModel#DEFAULT_LOCATION}). A location is
 * {@code classpath:<resource>} or a path to an {@code .onnx} file with its labels and metadata
 * beside it.
 */
public abstract class IntentModelFunction extends ScalarFunction {
    public static final String LOCATION_KEY = "recstream.intent.model";
    public static final String LOCATION_ENV = "RECSTREAM_INTENT_MODEL";

    private final String location;
    protected transient IntentModel model;

    protected IntentModelFunction(String location) {
        this.location = location;
    }

    @Override
    public void open(FunctionContext context) {
        model = IntentModel.load(modelLocation(context));
    }

    @Override
    public void close() {
        if (model != null) {
            model.close();
            model = null;
        }
    }

    String modelLocation(FunctionContext context) {
        if (location != null && !location.isBlank()) {
            return location;
        }
        String fromJob = context == null ? null : context.getJobParameter(LOCATION_KEY, null);
        if (fromJob != null && !fromJob.isBlank()) {
            return fromJob;
        }
        String fromProperty = System.getProperty(LOCATION_KEY);
        if (fromProperty != null && !fromProperty.isBlank()) {
            return fromProperty;
        }
        String fromEnv = System.getenv(LOCATION_ENV);
        return fromEnv != null && !fromEnv.isBlank() ? fromEnv : IntentModel.DEFAULT_LOCATION;
    }
}
