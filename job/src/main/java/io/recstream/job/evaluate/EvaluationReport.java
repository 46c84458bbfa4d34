package io.recstream.job.evaluate;

import io.recstream.job.kafka.Json;

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

/** Writes an evaluation's JSON report and its PNG plot of recall@10 over the stream. */
public final class EvaluationReport {
    private EvaluationReport() {}

    public static void writeJson(EvaluationResult result, Map<String, Object> run, Path file) throws IOException {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.set("run", Json.MAPPER.valueToTree(run));
        root.put("events", result.events);
        root.put("evaluated", result.evaluated);
        root.put("hits", result.hits);
        root.put("recall@10", result.recall);
        root.put("mrr@10", result.mrr);
        root.put("popularityRecall@10", result.popularityRecall);
        ArrayNode windows = root.putArray("windows");
        for (EvaluationResult.Window w : result.windows) {
            windows.add(Json.MAPPER.valueToTree(w));
        }
        Files.write(file, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
    }

    public static void writePlot(EvaluationResult result, String title, Path file) throws IOException {
        List<Double> x = new ArrayList<>();
        List<Double> recall = new ArrayList<>();
        List<Double> popularity = new ArrayList<>();
        for (EvaluationResult.Window w : result.windows) {
            x.add((double) w.toEvent());
            recall.add(w.recall());
            popularity.add(w.popularityRecall());
        }
        XYChart chart = new XYChartBuilder().width(900).height(500).title(title)
                .xAxisTitle("events (time order)").yAxisTitle("recall@10 per window").build();
        chart.addSeries("model", x, recall);
        chart.addSeries("popularity", x, popularity);
        String name = file.getFileName().toString();
        Path base = file.resolveSibling(name.endsWith(".png") ? name.substring(0, name.length() - 4) : name);
        BitmapEncoder.saveBitmap(chart, base.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
