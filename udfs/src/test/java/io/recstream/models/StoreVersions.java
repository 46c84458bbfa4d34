package io.recstream.models;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Model-store versions for tests, made from the models in the jar. */
public final class StoreVersions {
    private StoreVersions() {}

    /** The shipped ranking model published as {@code version}. */
    public static ModelVersion ranking(String version) {
        return new ModelVersion("ranking", version, metadata("models/ranking-v1.json", version), resource("models/ranking-v1.onnx"));
    }

    /** The shipped synthetic intent model published as {@code version}. */
    public static ModelVersion intent(String version) {
        return new ModelVersion("intent", version, metadata("models/intent-synthetic.json", version),
                resource("models/intent-synthetic.onnx"));
    }

    /**
     * The shipped ranking model with its output bias ({@code b2}, the one float added to the
     * logit before the sigmoid) set to {@code bias}: NaN makes every score NaN.
     */
    public static ModelVersion rankingWithOutputBias(String version, float bias) {
        byte[] onnx = resource("models/ranking-v1.onnx");
        // TensorProto b2: name (field 8) "b2", then raw_data (field 9) of 4 bytes, little-endian
        byte[] marker = {0x42, 0x02, 'b', '2', 0x4A, 0x04};
        int at = indexOf(onnx, marker);
        if (at < 0) {
            throw new IllegalStateException("b2 not found in ranking-v1.onnx");
        }
        ByteBuffer.wrap(onnx, at + marker.length, 4).order(ByteOrder.LITTLE_ENDIAN).putFloat(bias);
        return new ModelVersion("ranking", version, metadata("models/ranking-v1.json", version), onnx);
    }

    static String metadata(String resource, String version) {
        String json = new String(resource(resource), StandardCharsets.UTF_8);
        return json.replaceFirst("\"version\": \"[^\"]*\"", "\"version\": \"" + version + "\"");
    }

    static byte[] resource(String name) {
        try (InputStream in = StoreVersions.class.getClassLoader().getResourceAsStream(name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int indexOf(byte[] bytes, byte[] marker) {
        for (int i = 0; i + marker.length <= bytes.length; i++) {
            int j = 0;
            while (j < marker.length && bytes[i + j] == marker[j]) {
                j++;
            }
            if (j == marker.length) {
                return i;
            }
        }
        return -1;
    }
}
