package io.recstream.sql;

/**
 * {@code INTENT(text)}: the most probable intent class of a text (a catalogue category for the
 * default model), or NULL for a NULL text.
 *
 * <pre>CREATE FUNCTION INTENT AS 'io.recstream.sql.IntentFunction';</pre>
 */
public class IntentFunction extends IntentModelFunction {
    public IntentFunction() {
        this(null);
    }

    /** @param modelLocation {@code classpath:<resource>} or a path to an {@code .onnx} file */
    public IntentFunction(String modelLocation) {
        super(modelLocation);
    }

    public String eval(String text) {
        return text == null ? null : model.predict(text).intent();
    }
}
