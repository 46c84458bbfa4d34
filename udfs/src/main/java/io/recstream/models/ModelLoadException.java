package io.recstream.models;

/**
 * A model could not be loaded: its file is missing, unreadable, corrupt, or does not match its
 * labels and metadata. Thrown at start-up (model construction, a function's {@code open}), never
 * mid-stream; the message names the file.
 */
public class ModelLoadException extends RuntimeException {
    public ModelLoadException(String message) {
        super(message);
    }

    public ModelLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
