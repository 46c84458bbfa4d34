package io.recstream.models;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the intent model made of one text: the most probable class, its probability, and the
 * whole distribution ({@code probabilities[i]} belongs to {@code labels.get(i)}). Ties go to the
 * class listed first.
 */
public record IntentPrediction(String intent, float probability, List<String> labels, float[] probabilities) {

    public IntentPrediction {
        if (labels.size() != probabilities.length) {
            throw new IllegalArgumentException(
                    labels.size() + " labels but " + probabilities.length + " probabilities");
        }
    }

    /** The prediction for one row of model output: picks the top class. */
    public static IntentPrediction of(List<String> labels, float[] probabilities) {
        int top = 0;
        for (int i = 1; i < probabilities.length; i++) {
            if (probabilities[i] > probabilities[top]) {
                top = i;
            }
        }
        return new IntentPrediction(labels.get(top), probabilities[top], labels, probabilities);
    }

    /** Probability of {@code label}, 0 for a label the model does not know. */
    public float probabilityOf(String label) {
        int i = labels.indexOf(label);
        return i < 0 ? 0f : probabilities[i];
    }

    /** Class to probability, in the model's class order. */
    public Map<String, Double> scores() {
        Map<String, Double> scores = new LinkedHashMap<>();
        for (int i = 0; i < probabilities.length; i++) {
            scores.put(labels.get(i), (double) probabilities[i]);
        }
        return scores;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IntentPrediction other
                && intent.equals(other.intent)
                && probability == other.probability
                && labels.equals(other.labels)
                && Arrays.equals(probabilities, other.probabilities);
    }

    @Override
    public int hashCode() {
        return 31 * labels.hashCode() + Arrays.hashCode(probabilities);
    }

    @Override
    public String toString() {
        return "IntentPrediction[" + intent + " " + probability + " of " + labels.size() + " classes]";
    }
}
