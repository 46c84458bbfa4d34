package io.recstream.bench.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The completed checkpoints of a running job as Flink's REST API reports them: when each was
 * triggered, and per task (vertex) the longest synchronous phase, asynchronous phase, barrier
 * alignment and start delay over its subtasks. With {@link LatencyTail}'s 10 ms slices this says
 * what a barrier cost the lists: how long the lists stopped, and which task's phase it was.
 */
final class CheckpointTimeline {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One task's figures in one checkpoint, ms: the maximum over its subtasks. */
    record Phase(String task, long sync, long async, long alignment, long startDelay) {}

    /** A completed checkpoint: trigger time (wall-clock epoch ms), end-to-end duration, its tasks' phases. */
    record Barrier(long id, long triggeredAt, long durationMillis, List<Phase> phases) {}

    private CheckpointTimeline() {}

    /** The job's completed checkpoints still in the REST API's history (the harness keeps 1,000; Flink's default is the last 10), oldest first. */
    static List<Barrier> read(int restPort, String jobId) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String base = "http://localhost:" + restPort + "/jobs/" + jobId;
        Map<String, String> tasks = new LinkedHashMap<>();
        for (JsonNode v : get(http, base).path("vertices")) {
            tasks.put(v.path("id").asText(), v.path("name").asText());
        }
        List<Barrier> barriers = new ArrayList<>();
        for (JsonNode cp : get(http, base + "/checkpoints").path("history")) {
            if (!"COMPLETED".equals(cp.path("status").asText())) {
                continue;
            }
            long id = cp.path("id").asLong();
            List<Phase> phases = new ArrayList<>();
            for (Map.Entry<String, String> task : tasks.entrySet()) {
                JsonNode subtasks = get(http, base + "/checkpoints/details/" + id + "/subtasks/" + task.getKey()).path("subtasks");
                long sync = 0;
                long async = 0;
                long alignment = 0;
                long delay = 0;
                for (JsonNode s : subtasks) {
                    sync = Math.max(sync, s.path("checkpoint").path("sync").asLong());
                    async = Math.max(async, s.path("checkpoint").path("async").asLong());
                    alignment = Math.max(alignment, s.path("alignment").path("duration").asLong());
                    delay = Math.max(delay, s.path("start_delay").asLong());
                }
                phases.add(new Phase(task.getValue(), sync, async, alignment, delay));
            }
            barriers.add(new Barrier(id, cp.path("trigger_timestamp").asLong(), cp.path("end_to_end_duration").asLong(), phases));
        }
        barriers.sort(Comparator.comparingLong(Barrier::triggeredAt));
        return barriers;
    }

    private static JsonNode get(HttpClient http, String url) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(url + ": HTTP " + response.statusCode());
        }
        return JSON.readTree(response.body());
    }
}
