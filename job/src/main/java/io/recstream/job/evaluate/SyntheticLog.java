package io.recstream.job.evaluate;

import io.recstream.event.Event;
import io.recstream.synthetic.SyntheticEventGenerator;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the synthetic clickstream's interactions as a {@code user,item,type,timestamp} CSV
 * (timestamps in milliseconds) that {@code evaluate --ratings} reads, so the generator's stream is
 * measured like any log:
 * {@code java -cp ... io.recstream.job.evaluate.SyntheticLog USERS INTERACTIONS SEED FILE}.
 */
public final class SyntheticLog {
    private SyntheticLog() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 4) {
            System.err.println("usage: SyntheticLog USERS INTERACTIONS SEED FILE");
            System.exit(2);
        }
        int users = Integer.parseInt(args[0]);
        int interactions = Integer.parseInt(args[1]);
        SyntheticEventGenerator generator = SyntheticEventGenerator.builder().users(users).seed(Long.parseLong(args[2])).build();
        try (BufferedWriter out = Files.newBufferedWriter(Path.of(args[3]))) {
            out.write("user,item,type,timestamp");
            out.newLine();
            for (int written = 0; written < interactions; ) {
                Event e = generator.next();
                if (e.isInteraction()) {
                    out.write(e.user + "," + e.item + "," + e.type.wireName() + "," + e.ts);
                    out.newLine();
                    written++;
                }
            }
        }
    }
}
