package io.recstream.functions;

import io.recstream.models.ModelKind;
import io.recstream.models.ModelVersion;
import io.recstream.models.ModelVersionSerializer;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks each record of the models topic once, before any subtask serves it (run it at
 * parallelism 1): it must decode into a {@link ModelVersion} of a known model and pass
 * {@link ModelKind#check} (contract, smoke inference, finite outputs). An accepted version goes
 * on to every {@link ModelStamper}; a refused one is logged with the reason and counted in
 * {@code recstream.models-refused}, and the live version keeps serving. Accepted versions count
 * in {@code recstream.models-accepted}.
 */
public class ModelValidator extends ProcessFunction<byte[], ModelVersion> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ModelValidator.class);

    private transient Counter accepted;
    private transient Counter refused;

    @Override
    public void open(OpenContext openContext) {
        accepted = getRuntimeContext().getMetricGroup().addGroup("recstream").counter("models-accepted");
        refused = getRuntimeContext().getMetricGroup().addGroup("recstream").counter("models-refused");
    }

    @Override
    public void processElement(byte[] record, Context ctx, Collector<ModelVersion> out) {
        ModelVersion version;
        try {
            version = ModelVersionSerializer.fromRecord(record);
            ModelKind.check(version);
        } catch (RuntimeException e) {
            refused.inc();
            LOG.warn("Model version refused, the live version keeps serving: {}", e.getMessage());
            return;
        }
        accepted.inc();
        LOG.info("Model version accepted: {}", version);
        out.collect(version);
    }
}
