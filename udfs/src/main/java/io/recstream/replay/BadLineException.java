package io.recstream.replay;

import java.io.IOException;

/** A log line that cannot be read; its message is one line, {@code FILE:LINE: what is wrong}. */
public final class BadLineException extends IOException {
    private static final long serialVersionUID = 1L;

    public BadLineException(String source, int line, String problem) {
        super(source + ":" + line + ": " + problem);
    }
}
