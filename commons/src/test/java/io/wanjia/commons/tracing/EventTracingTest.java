package io.wanjia.commons.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;

/** What the inbox makes of a record's trace headers: the trace it carries, or none; never a failure. */
class EventTracingTest {

    @Test
    void shouldContinueTheTraceARecordCarries() {
        ConsumerRecord<String, String> record = record("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01".getBytes(StandardCharsets.UTF_8));

        SpanContext parent = Span.fromContext(EventTracing.extract(record)).getSpanContext();

        assertThat(parent.getTraceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(parent.getSpanId()).isEqualTo("00f067aa0ba902b7");
        assertThat(parent.isRemote()).isTrue();
        assertThat(parent.isSampled()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "yesterday", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7", "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
            "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "00-4BF92F3577B34DA6A3CE929D0E0E4736-00F067AA0BA902B7-01\u0000"})
    void shouldStartAfreshFromATraceHeaderThatCannotBeRead(String traceparent) {
        assertThat(Span.fromContext(EventTracing.extract(record(traceparent.getBytes(StandardCharsets.UTF_8)))).getSpanContext().isValid()).isFalse();
    }

    @Test
    void shouldStartAfreshFromATraceHeaderThatIsNotTextOrHasNoValue() {
        assertThat(Span.fromContext(EventTracing.extract(record(new byte[] {(byte) 0xC3, 0x28, 0, (byte) 0xFF}))).getSpanContext().isValid()).isFalse();
        assertThat(Span.fromContext(EventTracing.extract(record(null))).getSpanContext().isValid()).isFalse();
    }

    private static ConsumerRecord<String, String> record(byte[] traceparent) {
        ConsumerRecord<String, String> record = new ConsumerRecord<>("household.events.v1", 0, 0, "key", "{}");
        record.headers().add(EventTracing.TRACEPARENT, traceparent);
        return record;
    }
}
