package io.recstream.functions;

import io.recstream.event.Event;
import io.recstream.event.EventType;
import io.recstream.models.LoadedModels;
import io.recstream.models.ModelKind;
import io.recstream.models.ModelVersion;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.co.BroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Swaps models in step with the events: the accepted model versions ({@link ModelValidator})
 * arrive here as a broadcast stream, and every event leaves stamped with the live store version
 * of the ranking model ({@link Event#rankerVersion}, which its candidate list carries on) and, for
 * a search, of the intent model ({@link Event#intentVersion}); null means the configured model.
 * The async model operators then answer each element with the version it was stamped with.
 *
 * <p>The live versions, with what is needed to load them, are broadcast state: every subtask
 * sees the same announcements in the same order, so all end on the same version, and a restore
 * comes back on the versions that were live. A savepoint without this state (format v1, v2)
 * starts on the configured models. A swap loads the new version into this JVM
 * ({@link LoadedModels}) on the task thread before the next event is stamped with it; a version
 * that this JVM cannot load (it passed the validator elsewhere) is logged and counted in
 * {@code recstream.models-load-failed}, and the subtask keeps its previous version.
 *
 * <p>Gauges {@code recstream.live-ranking-model} and {@code recstream.live-intent-model}: the
 * store version each subtask stamps, or "configured".
 */
public class ModelStamper extends BroadcastProcessFunction<Event, ModelVersion, Event> implements CheckpointedFunction {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ModelStamper.class);
    private static final String CONFIGURED = "configured";

    /** The live version of each model by its store name. */
    public static final MapStateDescriptor<String, ModelVersion> LIVE_VERSIONS = new MapStateDescriptor<>(
            "live-models", Types.STRING, TypeInformation.of(ModelVersion.class));

    /** How each enabled model is loaded; a model that is off is not loaded (its versions are still kept). */
    private final Map<ModelKind, ModelSettings> enabled;

    /** The store version each model is served by here, null for the configured model. */
    private transient Map<ModelKind, String> live;
    private transient List<ModelVersion> restored;
    private transient String rankerVersion;
    private transient String intentVersion;
    private transient Counter loadFailures;

    /** @param enabled the models the job runs and their settings (pool size, ONNX Runtime threads) */
    public ModelStamper(Map<ModelKind, ModelSettings> enabled) {
        this.enabled = new EnumMap<>(ModelKind.class);
        this.enabled.putAll(enabled);
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        restored = new ArrayList<>();
        BroadcastState<String, ModelVersion> state = context.getOperatorStateStore().getBroadcastState(LIVE_VERSIONS);
        for (Map.Entry<String, ModelVersion> e : state.entries()) {
            restored.add(e.getValue());
        }
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) {
        // the broadcast state is the whole state, and Flink snapshots it
    }

    @Override
    public void open(OpenContext openContext) {
        live = new EnumMap<>(ModelKind.class);
        MetricGroup group = getRuntimeContext().getMetricGroup().addGroup("recstream");
        loadFailures = group.counter("models-load-failed");
        group.gauge("live-ranking-model", (Gauge<String>) () -> shown(rankerVersion));
        group.gauge("live-intent-model", (Gauge<String>) () -> shown(intentVersion));
        for (ModelVersion version : restored) {
            goLive(version);
        }
        restored = null;
    }

    @Override
    public void processElement(Event event, ReadOnlyContext ctx, Collector<Event> out) {
        event.rankerVersion = rankerVersion;
        if (event.type == EventType.SEARCH) {
            event.intentVersion = intentVersion;
        }
        out.collect(event);
    }

    @Override
    public void processBroadcastElement(ModelVersion version, Context ctx, Collector<Event> out) throws Exception {
        ctx.getBroadcastState(LIVE_VERSIONS).put(version.name, version);
        goLive(version);
    }

    /** Serves {@code version} from now on, when its model is on and this JVM can load it. */
    private void goLive(ModelVersion version) {
        ModelKind kind = ModelKind.of(version.name);
        ModelSettings settings = enabled.get(kind);
        String previous = live.get(kind);
        if (settings == null || version.version.equals(previous)) {
            return;
        }
        try {
            LoadedModels.hold(kind.storeName(), version.version,
                    () -> kind.load(version, settings.poolSize, settings.intraOpThreads));
        } catch (RuntimeException e) {
            loadFailures.inc();
            LOG.error("Cannot load {}; {} keeps serving", version, shown(previous), e);
            return;
        }
        if (previous != null) {
            LoadedModels.release(kind.storeName(), previous);
        }
        live.put(kind, version.version);
        rankerVersion = live.get(ModelKind.RANKING);
        intentVersion = live.get(ModelKind.INTENT);
        LOG.info("{} model {} is live (was {})", kind.storeName(), version.version, shown(previous));
    }

    private static String shown(String version) {
        return version == null ? CONFIGURED : version;
    }

    @Override
    public void close() throws Exception {
        if (live != null) {
            live.forEach((kind, version) -> LoadedModels.release(kind.storeName(), version));
            live.clear();
        }
        super.close();
    }
}
