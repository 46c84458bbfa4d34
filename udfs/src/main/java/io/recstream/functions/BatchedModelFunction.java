package io.recstream.functions;

import io.recstream.models.LoadedModels;
import io.recstream.models.ModelKind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.ThreadSafeSimpleCounter;
import org.apache.flink.streaming.api.functions.async.ResultFuture;
import org.apache.flink.streaming.api.functions.async.RichAsyncFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An async operator that enriches elements with a model's answer and never holds the stream up:
 * requests are micro-batched ({@link MicroBatcher}) into model calls on threads of their own, and
 * when the model fails, refuses an element, or does not answer within
 * {@link ModelSettings#timeoutMillis} of the element's arrival, the element passes on unchanged
 * and the fallback is counted.
 *
 * <p>The deadline is checked here, when the answer arrives, not left to a timeout timer on the task
 * thread: on a loaded machine such a timer can fire after a late answer has already completed the
 * element (seen: lists ranked although their batches waited 2 s past a 10 ms timeout). An answer
 * that never comes (a model call that hangs) is found by a sweep of the waiting elements every
 * quarter of the timeout ({@link ModelTimeouts}): such an element passes on within a quarter of
 * the timeout after its deadline. The job wires the operator without a timeout of its own, which
 * would register and cancel a timer on the task thread per element (docs/BENCHMARKS.md "The list,
 * third pass"); an operator timeout, where one is set, completes the element as a fallback too.
 *
 * <p>The model is the configured one (loaded in {@link #open}) unless an element names a version
 * of the model store ({@link #storeVersion}): a model call then borrows that version from the
 * versions this JVM loaded ({@link LoadedModels}, held by the {@link ModelStamper}). The elements
 * of a version this JVM does not have fall back.
 *
 * <p>Metrics, under {@code recstream.<name>}: {@code fallbacks} and the count of answered
 * elements (counters), {@code batches} and {@code meanBatchRows} (gauges).
 *
 * <p>Wire it with {@code AsyncDataStream.orderedWait(stream, function, 0, MILLISECONDS, capacity)}:
 * the capacity bounds how many elements wait at once, and 0 sets no operator timeout (the sweep
 * times elements out).
 *
 * @param <T> the element, in and out
 * @param <Q> a model request made from one element
 * @param <A> the model's answer to one request
 */
public abstract class BatchedModelFunction<T, Q, A, M extends AutoCloseable> extends RichAsyncFunction<T, T> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(BatchedModelFunction.class);
    /** How long close() waits for model calls in flight before leaving the model open. */
    private static final long CLOSE_WAIT_MILLIS = 30_000;

    protected final ModelSettings settings;
    private final ModelKind kind;
    private final String name;
    private final String answeredMetric;

    private transient MicroBatcher<Q, A> batcher;
    /** An element waiting for its answer, until {@code deadline} ({@link #nanoTime}). */
    private record Waiting<T, A>(T input, CompletableFuture<A> answer, long deadline) {}

    /** Elements waiting for the model, so that a timeout can take over exactly once. */
    private transient Map<ResultFuture<T>, Waiting<T, A>> waiting;
    /** The sweep for overdue elements, every quarter of the timeout. */
    private transient ModelTimeouts.Sweep sweeps;
    private transient Counter fallbacks;
    private transient Counter answered;
    private transient long timeoutNanos;

    /**
     * @param name names the metric group and the model threads, e.g. "ranker"
     * @param answeredMetric the counter of elements the model answered, e.g. "scored"
     */
    protected BatchedModelFunction(ModelSettings settings, ModelKind kind, String name, String answeredMetric) {
        this.settings = settings;
        this.kind = kind;
        this.name = name;
        this.answeredMetric = answeredMetric;
    }

    /** The configured model, loaded in open(). */
    protected transient M model;

    /** Loads the model named by the settings (a missing or corrupt one fails here, at start-up); tests substitute their own. */
    protected abstract M loadModel(ModelSettings settings);

    private void openModel(ModelSettings settings) {
        model = loadModel(settings);
    }

    /** Closes the model; also called after a failed {@link #openModel}. */
    private void closeModel() throws Exception {
        if (model != null) {
            model.close();
            model = null;
        }
    }

    /**
     * The model request for {@code input}, or null when it passes on untouched without a model
     * call (not a fallback). Throwing refuses the input: it passes on unchanged as a fallback.
     */
    protected abstract Q request(T input);

    /** How many rows {@code request} adds to a batch. */
    protected int rows(Q request) {
        return 1;
    }

    /** The model-store version {@code request} is to be answered by, null for the configured model. */
    protected abstract String storeVersion(Q request);

    /** One call of {@code model} for a batch of requests: one answer per request, in order. */
    protected abstract List<A> callModel(M model, List<Q> requests) throws Exception;

    /**
     * A batch's model calls: one per run of requests that name the same version (a batch holds
     * more than one only around a swap). A run whose version this JVM does not have is answered
     * with nulls: its elements fall back, the others are answered.
     */
    private List<A> callModels(List<Q> requests) throws Exception {
        List<A> answers = null;
        int from = 0;
        while (from < requests.size()) {
            String version = storeVersion(requests.get(from));
            int to = from + 1;
            while (to < requests.size() && Objects.equals(version, storeVersion(requests.get(to)))) {
                to++;
            }
            if (from == 0 && to == requests.size()) {
                return callVersion(version, requests);
            }
            if (answers == null) {
                answers = new ArrayList<>(requests.size());
            }
            answers.addAll(callVersion(version, requests.subList(from, to)));
            from = to;
        }
        return answers;
    }

    @SuppressWarnings("unchecked")
    private List<A> callVersion(String version, List<Q> requests) throws Exception {
        if (version == null) {
            return callModel(model, requests);
        }
        LoadedModels.Loaded loaded = LoadedModels.borrow(kind.storeName(), version);
        if (loaded == null) {
            return Collections.nCopies(requests.size(), null);
        }
        try {
            return callModel((M) loaded.model(), requests);
        } finally {
            LoadedModels.giveBack(loaded);
        }
    }

    /** The output for {@code input} given the model's answer; null rejects the answer (a fallback). */
    protected abstract T apply(T input, A answer);

    /** How long an element may wait for its answer. */
    public long timeoutMillis() {
        return settings.timeoutMillis;
    }

    /** The clock of the answer deadline; tests substitute their own. */
    protected long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        MetricGroup group = getRuntimeContext().getMetricGroup().addGroup("recstream").addGroup(name);
        // incremented on model threads as well as on the task thread
        fallbacks = group.counter("fallbacks", new ThreadSafeSimpleCounter());
        answered = group.counter(answeredMetric, new ThreadSafeSimpleCounter());
        waiting = new ConcurrentHashMap<>();
        timeoutNanos = TimeUnit.MILLISECONDS.toNanos(settings.timeoutMillis);
        openModel(settings);
        batcher = new MicroBatcher<>(name, settings.poolSize, settings.maxBatchRows,
                settings.maxBatchDelayMillis, this::rows, this::callModels);
        sweeps = ModelTimeouts.SHARED.every(Math.max(timeoutNanos / 4, TimeUnit.MILLISECONDS.toNanos(1)), this::timeOutOverdue);
        MicroBatcher<Q, A> b = batcher;
        group.gauge("batches", (Gauge<Long>) b::batches);
        group.gauge("meanBatchRows", (Gauge<Double>) () -> b.batches() == 0 ? 0.0 : (double) b.rows() / b.batches());
    }

    @Override
    public void asyncInvoke(T input, ResultFuture<T> resultFuture) {
        Q request;
        try {
            request = request(input);
        } catch (RuntimeException e) {
            fallBack(input, resultFuture);
            return;
        }
        if (request == null) {
            resultFuture.complete(List.of(input));
            return;
        }
        long deadline = nanoTime() + timeoutNanos;
        CompletableFuture<A> answer = batcher.submit(request);
        waiting.put(resultFuture, new Waiting<>(input, answer, deadline));
        answer.whenComplete((a, error) -> {
            if (waiting.remove(resultFuture) == null) {
                return; // timed out: the timeout already passed the input on
            }
            T output = null;
            if (error == null && a != null && nanoTime() - deadline <= 0) {
                try {
                    output = apply(input, a);
                } catch (RuntimeException e) {
                    output = null;
                }
            }
            if (output == null) {
                fallBack(input, resultFuture);
            } else {
                answered.inc();
                resultFuture.complete(List.of(output));
            }
        });
    }

    /** The operator's timeout, where one is set: the input passes on unchanged. */
    @Override
    public void timeout(T input, ResultFuture<T> resultFuture) {
        Waiting<T, A> element = waiting.remove(resultFuture);
        if (element == null) {
            resultFuture.complete(List.of(input)); // answered meanwhile; completing again is a no-op
            return;
        }
        element.answer().cancel(false); // still queued: it leaves its batch
        fallBack(input, resultFuture);
    }

    /** Passes on unchanged every element past its deadline whose answer has not come (the sweep, on its own thread). */
    private void timeOutOverdue() {
        long now = nanoTime();
        for (Map.Entry<ResultFuture<T>, Waiting<T, A>> entry : waiting.entrySet()) {
            Waiting<T, A> element = entry.getValue();
            if (now - element.deadline() > 0 && waiting.remove(entry.getKey(), element)) {
                element.answer().cancel(false); // still queued: it leaves its batch
                fallBack(element.input(), entry.getKey());
            }
        }
    }

    private void fallBack(T input, ResultFuture<T> resultFuture) {
        fallbacks.inc();
        resultFuture.complete(List.of(input));
    }

    @Override
    public void close() throws Exception {
        if (sweeps != null) {
            sweeps.close();
            sweeps = null;
        }
        boolean idle = true;
        if (batcher != null) {
            idle = batcher.close(CLOSE_WAIT_MILLIS);
            batcher = null;
        }
        if (idle) {
            closeModel();
        } else {
            LOG.warn("{} model calls still running after {} ms; leaving the model open", name, CLOSE_WAIT_MILLIS);
        }
        super.close();
    }
}
