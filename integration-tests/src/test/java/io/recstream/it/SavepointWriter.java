package io.recstream.it;

import io.recstream.job.RecStreamOptions;
import io.recstream.job.local.EmbeddedKafka;
import io.recstream.recommend.Recommendation;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.util.EnvironmentInformation;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;

/**
 * Writes the checked-in savepoint of a new state format version (deploy/README.md, "State format
 * versions"): runs
 * {@link FrozenSavepoint}'s scenario on the job of this build, stops it with a savepoint, and
 * keeps the savepoint with the offsets of the topics it read and what the restore test expects.
 *
 * Arguments: the new version's directory, and the commit that writes it. Run from
 * {@code integration-tests/} (the job reads {@code ../flink-conf}). Never rewrite an existing
 * version's directory: it stands for the savepoints users have.
 */
public final class SavepointWriter {
    private SavepointWriter() {}

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        String commit = args.length > 1 ? args[1] : "unknown";
        if (Files.exists(out)) {
            throw new IllegalStateException(out + " exists: a written format version is never rewritten");
        }
        Path scratch = Files.createTempDirectory("savepoint-writer");
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            Configuration conf = FrozenSavepoint.configuration(kafka, scratch);
            String savepoint;
            long readerVersion;
            try (JobUnderTest job = JobUnderTest.start(conf);
                 TopicReader lists = new TopicReader(kafka.bootstrapServers(), conf.get(RecStreamOptions.RECOMMENDATIONS_TOPIC))) {
                TopicReader.produce(kafka.bootstrapServers(), conf.get(RecStreamOptions.EVENTS_TOPIC),
                        FrozenSavepoint.events(conf.get(RecStreamOptions.EVENTS_TOPIC)));
                job.awaitProcessed(FrozenSavepoint.validEvents(), Duration.ofMinutes(2));
                Recommendation latest = TopicReader.latestList(lists.pollUntil(
                        records -> {
                            Recommendation r = TopicReader.latestList(records, FrozenSavepoint.READER);
                            return r != null && r.version >= 2;
                        }, Duration.ofMinutes(1), "the reader's second list"), FrozenSavepoint.READER);
                readerVersion = latest.version;
                savepoint = job.stopWithSavepoint(scratch.resolve("savepoints"));
            }
            Files.createDirectories(out);
            FrozenSavepoint.copyTree(Path.of(java.net.URI.create(savepoint)), out.resolve("savepoint"));
            Properties facts = new Properties();
            facts.setProperty("written-by-commit", commit);
            facts.setProperty("written-at", Instant.now().toString());
            facts.setProperty("flink-version", EnvironmentInformation.getVersion());
            facts.setProperty("reader-list-version", Long.toString(readerVersion));
            FrozenSavepoint.putEndOffsets(kafka, FrozenSavepoint.readTopics(conf), facts);
            try (Writer w = Files.newBufferedWriter(out.resolve("savepoint.properties"))) {
                facts.store(w, "Facts of a checked-in savepoint; see SavepointFormatIT");
            }
        }
    }

    static Properties readFacts(Path dir) throws IOException {
        Properties facts = new Properties();
        try (var r = Files.newBufferedReader(dir.resolve("savepoint.properties"))) {
            facts.load(r);
        }
        return facts;
    }

    /**
     * v1: the replica as every subtask's whole copy (union state item-replica); v2: in shares
     * (item-replica-shares); v3: user profile format 3, the publisher's own serializer, the model
     * stamper's and the stickiness windows' state; v4: the publisher's last-published by item ids
     * (format 2), the ranking model's lists in flight in their own serializer; v5: user profile
     * format 4 (seen items as fingerprints, bought times sparse).
     */
    static List<String> versions() {
        return List.of("v1", "v2", "v3", "v4", "v5");
    }
}
