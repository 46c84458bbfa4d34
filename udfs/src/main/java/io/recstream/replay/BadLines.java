package io.recstream.replay;

import java.util.ArrayList;
import java.util.List;

/**
 * What a read does with the lines it cannot read: stop at the first (by default, because a
 * silently shortened log would skew every figure computed from it), or skip them, counting them
 * and keeping the first few messages for the report.
 */
public final class BadLines {
    /** Messages kept when skipping: enough to see what is wrong, bounded for a log of garbage. */
    public static final int EXAMPLES = 10;

    private final boolean skip;
    private final List<String> examples = new ArrayList<>();
    private long skipped;

    private BadLines(boolean skip) {
        this.skip = skip;
    }

    public static BadLines stop() {
        return new BadLines(false);
    }

    public static BadLines skip() {
        return new BadLines(true);
    }

    void handle(BadLineException e) throws BadLineException {
        if (!skip) {
            throw e;
        }
        skipped++;
        if (examples.size() < EXAMPLES) {
            examples.add(e.getMessage());
        }
    }

    public long skipped() {
        return skipped;
    }

    /** The messages of the first {@value #EXAMPLES} skipped lines, in file order. */
    public List<String> examples() {
        return List.copyOf(examples);
    }
}
