package io.recstream.bench.e2e;

import io.recstream.event.Event;
import io.recstream.event.EventJson;
import io.recstream.event.ParseOutcome;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.util.Collector;

/**
 * The bare Flink job every figure is compared with: the same source and JSON parsing as the job,
 * then keyBy(user) ValueState&lt;float[]&gt; update, keyBy(item) ValueState&lt;float[]&gt; update
 * against the user's vector, discard. What any design of the job has to do at the least.
 */
final class Skeleton {
    private static final TypeInformation<Tuple2<String, String>> USER_ITEM = Types.TUPLE(Types.STRING, Types.STRING);
    private static final TypeInformation<Tuple2<String, float[]>> ITEM_VECTOR =
            Types.TUPLE(Types.STRING, PrimitiveArrayTypeInfo.FLOAT_PRIMITIVE_ARRAY_TYPE_INFO);

    private Skeleton() {}

    static void build(StreamExecutionEnvironment env, Source<byte[], ?, ?> events, int dim) {
        env.fromSource(events, WatermarkStrategy.noWatermarks(), "events-source").uid("events-source")
                .flatMap(new Parse()).returns(USER_ITEM).name("parse")
                .keyBy(userItem -> userItem.f0, Types.STRING)
                .process(new UserStep(dim)).returns(ITEM_VECTOR).name("user-step")
                .keyBy(itemVector -> itemVector.f0, Types.STRING)
                .process(new ItemStep(dim)).returns(Types.STRING).name("item-step")
                .sinkTo(new DiscardingSink<>()).name("discard");
    }

    /** Only the source: how fast events are made, rendered and handed on. */
    static void buildSourceOnly(StreamExecutionEnvironment env, Source<byte[], ?, ?> events) {
        env.fromSource(events, WatermarkStrategy.noWatermarks(), "events-source").uid("events-source")
                .sinkTo(new DiscardingSink<>()).name("discard");
    }

    /** (user, item) of each valid event; a search has the item "". */
    private static final class Parse extends RichFlatMapFunction<byte[], Tuple2<String, String>> {
        private transient EventJson json;

        @Override
        public void open(OpenContext context) {
            json = new EventJson();
        }

        @Override
        public void flatMap(byte[] raw, Collector<Tuple2<String, String>> out) {
            ParseOutcome parsed = json.parse(raw);
            if (parsed.isValid()) {
                Event event = parsed.event();
                out.collect(Tuple2.of(event.user, event.item == null ? "" : event.item));
            }
        }
    }

    private static final class UserStep extends KeyedProcessFunction<String, Tuple2<String, String>, Tuple2<String, float[]>> {
        private final int dim;
        private transient ValueState<float[]> vectors;

        UserStep(int dim) {
            this.dim = dim;
        }

        @Override
        public void open(OpenContext context) {
            vectors = getRuntimeContext().getState(
                    new ValueStateDescriptor<>("user-vector", PrimitiveArrayTypeInfo.FLOAT_PRIMITIVE_ARRAY_TYPE_INFO));
        }

        @Override
        public void processElement(Tuple2<String, String> userItem, Context ctx, Collector<Tuple2<String, float[]>> out)
                throws Exception {
            float[] u = vectors.value();
            if (u == null) {
                u = FactorStep.initial(dim);
            }
            FactorStep.apply(u, u);
            vectors.update(u);
            if (!userItem.f1.isEmpty()) {
                out.collect(Tuple2.of(userItem.f1, u));
            }
        }
    }

    private static final class ItemStep extends KeyedProcessFunction<String, Tuple2<String, float[]>, String> {
        private final int dim;
        private transient ValueState<float[]> vectors;

        ItemStep(int dim) {
            this.dim = dim;
        }

        @Override
        public void open(OpenContext context) {
            vectors = getRuntimeContext().getState(
                    new ValueStateDescriptor<>("item-vector", PrimitiveArrayTypeInfo.FLOAT_PRIMITIVE_ARRAY_TYPE_INFO));
        }

        @Override
        public void processElement(Tuple2<String, float[]> itemVector, Context ctx, Collector<String> out) throws Exception {
            float[] v = vectors.value();
            if (v == null) {
                v = FactorStep.initial(dim);
            }
            FactorStep.apply(v, itemVector.f1);
            vectors.update(v);
        }
    }
}
