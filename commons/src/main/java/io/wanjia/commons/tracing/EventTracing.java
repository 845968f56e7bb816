package io.wanjia.commons.tracing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.wanjia.commons.cloudevents.CloudEvent;

/**
 * Carries a trace across Kafka through the outbox, written once for every service, so one labour report can be
 * followed through all four: an event written to the outbox keeps the W3C {@code traceparent} (and
 * {@code tracestate}) of what caused it among its headers, and the inbox continues that trace in a span per
 * event it processes.
 * <p>
 * Which cause an outgoing event belongs to: the span current on the thread (an HTTP request, or the one event a
 * handler is given), or else, inside a batch handler that takes many events at once, the last event of the batch
 * with the same key (the household id every event of ours is keyed by). An event published with neither carries
 * no trace (the deadline engine's escalations, days later, start their own).
 * <p>
 * Done in our code, not the connector's (whose messaging instrumentation is off): the inbox reads every header
 * itself (see {@link CloudEvent#read}), and a trace header that is missing, garbled or not text only means the
 * record starts a trace of its own; it never stops the record. Sampling, export and the exporter's address are
 * the deployment's ({@code quarkus.otel.*}, commons' README).
 */
@ApplicationScoped
public class EventTracing {

    public static final String TRACEPARENT = "traceparent";
    public static final String TRACESTATE = "tracestate";
    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();
    private static final TextMapGetter<ConsumerRecord<?, ?>> RECORD_HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(ConsumerRecord<?, ?> record) {
            List<String> keys = new ArrayList<>();
            record.headers().forEach(h -> keys.add(h.key()));
            return keys;
        }

        @Override
        public String get(ConsumerRecord<?, ?> record, String key) {
            if (record == null) {
                return null;
            }
            Header header = record.headers().lastHeader(key);
            return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
        }
    };

    private final ThreadLocal<Processing> open = new ThreadLocal<>();

    @Inject
    Tracer tracer;

    /**
     * Starts a span per event of a polled batch, each continuing the trace its record carries; they end when the
     * returned processing is closed. {@code records} and {@code events} are in the same order.
     */
    public Processing process(String consumer, List<? extends ConsumerRecord<?, ?>> records, List<CloudEvent> events) {
        Processing processing = new Processing(open.get());
        for (int i = 0; i < events.size(); i++) {
            CloudEvent event = events.get(i);
            ConsumerRecord<?, ?> record = records.get(i);
            Span span = tracer.spanBuilder(record.topic() + " process").setParent(extract(record)).setSpanKind(SpanKind.CONSUMER)
                    .setAttribute("messaging.system", "kafka")
                    .setAttribute("messaging.operation.type", "process")
                    .setAttribute("messaging.destination.name", record.topic())
                    .setAttribute("messaging.consumer.group.name", consumer)
                    .setAttribute("messaging.message.id", event.id())
                    .setAttribute("cloudevents.event_type", event.type())
                    .startSpan();
            processing.spans.put(event.id(), span);
            if (event.key() != null) {
                processing.byKey.put(event.key(), Context.root().with(span));
            }
        }
        open.set(processing);
        return processing;
    }

    /** Runs {@code work} with the span of {@code event} (of the batch being processed) as the current one. */
    public <E extends Exception> void asCurrent(CloudEvent event, Work<E> work) throws E {
        Processing processing = open.get();
        Span span = processing == null ? null : processing.spans.get(event.id());
        if (span == null) {
            work.run();
            return;
        }
        try (Scope scope = span.makeCurrent()) {
            work.run();
        }
    }

    /**
     * Adds the trace of what causes an event keyed by {@code key} to its headers: the current span, or the batch's
     * event with that key, or nothing.
     */
    public void inject(Object key, Map<String, String> headers) {
        Context cause = Context.current();
        if (!Span.fromContext(cause).getSpanContext().isValid()) {
            Processing processing = open.get();
            cause = processing == null || key == null ? null : processing.byKey.get(key.toString());
        }
        if (cause != null) {
            W3C.inject(cause, headers, Map::put);
        }
    }

    /** The trace a record carries, or none (root) where its headers hold none that can be read. */
    static Context extract(ConsumerRecord<?, ?> record) {
        try {
            return W3C.extract(Context.root(), record, RECORD_HEADERS);
        } catch (RuntimeException unreadable) {
            return Context.root();
        }
    }

    /** The spans of one batch; closing ends them and restores what was open before (a nested batch). */
    public final class Processing implements AutoCloseable {

        private final Processing outer;
        private final Map<String, Span> spans = new HashMap<>();
        private final Map<String, Context> byKey = new HashMap<>();

        private Processing(Processing outer) {
            this.outer = outer;
        }

        /** Marks every span of the batch as failed (the batch is then applied one record at a time, in spans of their own). */
        public void failed(Throwable failure) {
            spans.values().forEach(span -> span.setStatus(StatusCode.ERROR, failure.getClass().getSimpleName()));
        }

        @Override
        public void close() {
            spans.values().forEach(Span::end);
            if (outer == null) {
                open.remove();
            } else {
                open.set(outer);
            }
        }
    }

    /** Work that may throw what the handler it runs throws. */
    @FunctionalInterface
    public interface Work<E extends Exception> {
        void run() throws E;
    }
}
