package io.recstream.bench;

import io.recstream.event.Event;
import io.recstream.event.UserId;
import io.recstream.synthetic.SyntheticEventGenerator;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * Writes the synthetic clickstream of {@link SyntheticEventGenerator} as a typed log that
 * {@code ./recstream evaluate --ratings FILE} reads ({@code user,item,type,timestamp}, Unix
 * milliseconds): the first {@code INTERACTIONS} interactions of {@code USERS} users from
 * {@code SEED}; searches are left out, as the log format has no query. docs/QUALITY.md measures
 * seed 5 (tuning) and seed 11 (held out) with 1,000 users and 30,000 interactions.
 *
 * <pre>java -cp bench/target/benchmarks.jar io.recstream.bench.SyntheticClickstream USERS INTERACTIONS SEED &gt; FILE</pre>
 */
public final class SyntheticClickstream {
    private SyntheticClickstream() {}

    public static void main(String[] args) {
        int users = Integer.parseInt(args[0]);
        int interactions = Integer.parseInt(args[1]);
        long seed = Long.parseLong(args[2]);
        SyntheticEventGenerator generator = SyntheticEventGenerator.builder().users(users).seed(seed).build();
        PrintWriter out = new PrintWriter(new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8)));
        out.println("user,item,type,timestamp");
        int written = 0;
        while (written < interactions) {
            Event event = generator.next();
            if (event.isInteraction()) {
                out.println(UserId.canonical(event.user) + "," + event.item + "," + event.type.wireName() + "," + event.ts);
                written++;
            }
        }
        out.flush();
    }
}
