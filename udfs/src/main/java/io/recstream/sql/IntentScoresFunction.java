package io.recstream.sql;

import java.util.Map;
import org.apache.flink.table.annotation.DataTypeHint;

/**
 * {@code INTENT_SCORES(text)}: the probability of every intent class for a text, as
 * {@code MAP<STRING, DOUBLE>}, or NULL for a NULL text.
 *
 * <pre>CREATE FUNCTION INTENT_SCORES AS 'io.recstream.sql.IntentScoresFunction';</pre>
 */
public class IntentScoresFunction extends IntentModelFunction {
    public IntentScoresFunction() {
        this(null);
    }

    /** @param modelLocation {@code classpath:<resource>} or a path to an {@code .onnx} file */
    public IntentScoresFunction(String modelLocation) {
        super(modelLocation);
    }

    public @DataTypeHint("MAP<STRING, DOUBLE>") Map<String, Double> eval(String text) {
        return text == null ? null : model.predict(text).scores();
    }
}
