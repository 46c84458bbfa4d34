package io.recstream.ranking;

import com.google.protobuf.CodedOutputStream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;

/**
 * Writes a {@link RankingMlp} as an ONNX model, the graph of ranking-v1:
 * {@code features [batch, d] -> MatMul w1 -> Add b1 -> Relu -> MatMul w2 -> Add b2 -> Sigmoid -> score [batch, 1]},
 * opset 13, IR version 8 (what ONNX Runtime 1.21 reads). No ONNX protobuf classes are published
 * on Maven Central outside large frameworks, so the few messages needed are written here field by
 * field with protobuf's {@link CodedOutputStream}; field numbers are those of onnx.proto.
 */
public final class OnnxGraphWriter {
    private static final long IR_VERSION = 8;
    private static final long OPSET = 13;
    private static final int FLOAT = 1; // TensorProto.DataType.FLOAT
    /**
     * Weights smaller than this are written as 0. The L2 term decays the weights of inputs that
     * never vary in training (masked or constant columns) towards 0 without end, into the
     * subnormal floats, and a matrix product with subnormal operands runs about ten times slower
     * in ONNX Runtime (ranking-v6 as trained: 141 against 15 µs for 400 rows). A weight of 1e-12
     * moves no pre-activation: each carries a bias whose float spacing is far larger.
     */
    static final float NEGLIGIBLE = 1e-12f;

    private OnnxGraphWriter() {}

    /** The model's bytes; {@code properties} become its metadata_props (e.g. version and features). */
    public static byte[] write(RankingMlp mlp, String graphName, String docString, Map<String, String> properties) {
        Message graph = new Message()
                .message(1, node("MatMul", "features", "w1", "hidden_raw"))
                .message(1, node("Add", "hidden_raw", "b1", "hidden_pre"))
                .message(1, node("Relu", "hidden_pre", null, "hidden"))
                .message(1, node("MatMul", "hidden", "w2", "logit_raw"))
                .message(1, node("Add", "logit_raw", "b2", "logit"))
                .message(1, node("Sigmoid", "logit", null, "score"))
                .string(2, graphName)
                .message(5, tensor("w1", mlp.w1, mlp.inputs, mlp.hidden))
                .message(5, tensor("b1", mlp.b1, mlp.hidden))
                .message(5, tensor("w2", mlp.w2, mlp.hidden, 1))
                .message(5, tensor("b2", new float[] {mlp.b2}, 1))
                .message(11, valueInfo("features", mlp.inputs))
                .message(12, valueInfo("score", 1));
        Message model = new Message()
                .int64(1, IR_VERSION)
                .string(2, "recstream-train-ranker")
                .int64(5, 1)
                .string(6, docString)
                .message(7, graph)
                .message(8, new Message().string(1, "").int64(2, OPSET));
        properties.forEach((key, value) -> model.message(14, new Message().string(1, key).string(2, value)));
        return model.bytes();
    }

    private static Message node(String op, String input, String secondInput, String output) {
        Message node = new Message().string(1, input);
        if (secondInput != null) {
            node.string(1, secondInput);
        }
        return node.string(2, output).string(3, output).string(4, op);
    }

    /** A float32 initializer with its values as little-endian raw data, negligible ones as 0. */
    private static Message tensor(String name, float[] values, long... dims) {
        ByteBuffer raw = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        raw.asFloatBuffer().put(withoutNegligible(values));
        Message tensor = new Message();
        for (long dim : dims) {
            tensor.int64(1, dim);
        }
        return tensor.int32(2, FLOAT).string(8, name).bytes(9, raw.array());
    }

    static float[] withoutNegligible(float[] values) {
        float[] written = values.clone();
        for (int i = 0; i < written.length; i++) {
            if (Math.abs(written[i]) < NEGLIGIBLE) {
                written[i] = 0f;
            }
        }
        return written;
    }

    /** A float32 value of shape {@code [batch, width]}, the batch dimension symbolic. */
    private static Message valueInfo(String name, long width) {
        Message shape = new Message()
                .message(1, new Message().string(2, "batch"))
                .message(1, new Message().int64(1, width));
        Message tensorType = new Message().int32(1, FLOAT).message(2, shape);
        return new Message().string(1, name).message(2, new Message().message(1, tensorType));
    }

    /** One protobuf message being written: fields in the order they are added. */
    private static final class Message {
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private final CodedOutputStream out = CodedOutputStream.newInstance(buffer);

        Message string(int field, String value) {
            try {
                out.writeString(field, value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        Message int64(int field, long value) {
            try {
                out.writeInt64(field, value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        Message int32(int field, int value) {
            try {
                out.writeInt32(field, value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        Message bytes(int field, byte[] value) {
            try {
                out.writeByteArray(field, value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        Message message(int field, Message value) {
            return bytes(field, value.bytes());
        }

        byte[] bytes() {
            try {
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return buffer.toByteArray();
        }
    }
}
