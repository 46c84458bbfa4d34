package io.recstream.event;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The job's entry gate: raw bytes from the {@code events} topic in, valid {@link Event}s out.
 * Refused records go to the {@link #DEAD_LETTERS} side output instead of failing the job, and are
 * counted per reason ({@code recstream.dlq.<reason>}) next to {@code recstream.events.valid}.
 */
public class EventValidation extends ProcessFunction<byte[], Event> {
    private static final long serialVersionUID = 1L;

    public static final OutputTag<DeadLetter> DEAD_LETTERS =
            new OutputTag<>("dead-letters", TypeInformation.of(DeadLetter.class));

    public static final String METRIC_GROUP = "recstream";

    private final EventLimits limits;

    private transient EventJson json;
    private transient Counter valid;
    /** Indexed by {@link RejectReason#ordinal()}: no map lookup per refused record. */
    private transient Counter[] rejected;

    public EventValidation() {
        this(EventLimits.defaults());
    }

    public EventValidation(EventLimits limits) {
        this.limits = limits;
    }

    @Override
    public void open(OpenContext openContext) {
        json = new EventJson(limits);
        MetricGroup recstream = getRuntimeContext().getMetricGroup().addGroup(METRIC_GROUP);
        valid = recstream.addGroup("events").counter("valid");
        // Every reason is registered up front so dashboards show a zero, not a gap.
        MetricGroup dlq = recstream.addGroup("dlq");
        RejectReason[] reasons = RejectReason.values();
        rejected = new Counter[reasons.length];
        for (RejectReason reason : reasons) {
            rejected[reason.ordinal()] = dlq.counter(reason.wireName());
        }
    }

    @Override
    public void processElement(byte[] raw, Context ctx, Collector<Event> out) {
        ParseOutcome outcome = json.parse(raw);
        if (outcome.isValid()) {
            valid.inc();
            out.collect(outcome.event());
        } else {
            rejected[outcome.reason().ordinal()].inc();
            long now = ctx.timerService().currentProcessingTime();
            ctx.output(DEAD_LETTERS, DeadLetter.of(raw, outcome.reason(), outcome.detail(), now));
        }
    }
}
