package io.recstream.job.evaluate;

import io.recstream.job.kafka.Json;
import io.recstream.job.local.HitCounts;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Writes an evaluation's JSON report and its PNG plot of recall@10 over the stream, both figures. */
public final class EvaluationReport {
    private EvaluationReport() {}

    /**
     * The report: {@code everyEvent} (over every event of a known user, the reference protocol)
     * and {@code newItems} (over events whose item is new to the user), each with evaluated,
     * hits, recall@10, mrr@10 and popularityRecall@10; {@code repeatShare}; the same per window.
     */
    public static void writeJson(EvaluationResult result, Map<String, Object> run, Path file) throws IOException {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.set("run", Json.MAPPER.valueToTree(run));
        root.put("events", result.events);
        root.set("everyEvent", figure(result.everyEvent));
        root.set("newItems", figure(result.newItems));
        root.put("repeatShare", result.repeatShare);
        ArrayNode windows = root.putArray("windows");
        for (EvaluationResult.Window w : result.windows) {
            ObjectNode window = windows.addObject();
            window.put("fromEvent", w.fromEvent());
            window.put("toEvent", w.toEvent());
            window.set("everyEvent", figure(w.everyEvent()));
            window.set("newItems", figure(w.newItems()));
            window.put("repeatShare", w.repeatShare());
            window.put("lastTs", w.lastTs());
        }
        Files.write(file, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
    }

    private static ObjectNode figure(HitCounts.Figure f) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("evaluated", f.evaluated());
        node.put("hits", f.hits());
        node.put("recall@10", f.recall());
        node.put("mrr@10", f.mrr());
        node.put("popularityRecall@10", f.popularityRecall());
        return node;
    }

    public static void writePlot(EvaluationResult result, String title, Path file) throws IOException {
        List<Double> x = new ArrayList<>();
        List<Double> recall = new ArrayList<>();
        List<Double> newItemRecall = new ArrayList<>();
        List<Double> popularity = new ArrayList<>();
        for (EvaluationResult.Window w : result.windows) {
            x.add((double) w.toEvent());
            recall.add(w.everyEvent().recall());
            newItemRecall.add(w.newItems().recall());
            popularity.add(w.everyEvent().popularityRecall());
        }
        XYChart chart = new XYChartBuilder().width(900).height(500).title(title)
                .xAxisTitle("events (time order)").yAxisTitle("recall@10 per window").build();
        chart.addSeries("model, every event of a known user", x, recall);
        chart.addSeries("model, new items only", x, newItemRecall);
        chart.addSeries("popularity, every event of a known user", x, popularity);
        String name = file.getFileName().toString();
        Path base = file.resolveSibling(name.endsWith(".png") ? name.substring(0, name.length() - 4) : name);
        BitmapEncoder.saveBitmap(chart, base.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
