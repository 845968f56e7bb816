package io.wanjia.commons.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/** A dead-letter copy always carries its reason and fits a Kafka record, whatever the original held. */
class DeadLetterTest {

    private static final int LIMIT = 10_000;

    @Test
    void shouldKeepALetterThatFitsAsItIs() {
        DeadLetter letter = DeadLetter.of(record("k", "{\"a\":1}", 10), "ledger", "t-0@1", "data is not valid JSON");

        DeadLetter fitted = letter.fittedTo(LIMIT);

        assertThat(fitted).isSameAs(letter);
        assertThat(names(fitted)).containsExactly("h0", "h1", "h2", "h3", "h4", "h5", "h6", "h7", "h8", "h9", "dlq-reason",
                "dlq-consumer", "dlq-origin");
    }

    @Test
    void shouldKeepTheNotesAndCutTheValueToFit() {
        DeadLetter letter = DeadLetter.of(record("k", "x".repeat(2 * LIMIT), 3), "ledger", "t-0@1", "data breaks the schema");

        DeadLetter fitted = letter.fittedTo(LIMIT);

        assertThat(size(fitted)).isLessThanOrEqualTo(LIMIT);
        assertThat(names(fitted)).contains("h0", "h1", "h2", "dlq-reason", "dlq-consumer", "dlq-origin", DeadLetter.VALUE_TRUNCATED);
        assertThat(header(fitted, DeadLetter.VALUE_TRUNCATED)).isEqualTo(Integer.toString(2 * LIMIT));
    }

    @Test
    void shouldDropAnOriginalHeaderNamedLikeOursWhenItDoesNotFit() {
        ConsumerRecord<String, String> record = record("k", "{}", 0);
        record.headers().add("dlq-reason", "y".repeat(2 * LIMIT).getBytes(StandardCharsets.UTF_8));

        DeadLetter fitted = DeadLetter.of(record, "ledger", "t-0@1", "ce_id is missing").fittedTo(LIMIT);

        assertThat(size(fitted)).isLessThanOrEqualTo(LIMIT);
        assertThat(header(fitted, "dlq-reason")).isEqualTo("ce_id is missing");
        assertThat(header(fitted, DeadLetter.HEADERS_DROPPED)).isEqualTo("1");
    }

    @Test
    void shouldCutAKeyThatAloneWouldNotFit() {
        DeadLetter fitted = DeadLetter.of(record("k".repeat(3 * LIMIT), "{}", 1), "ledger", "t-0@1", "key must be data.householdId")
                .fittedTo(LIMIT);

        assertThat(size(fitted)).isLessThanOrEqualTo(LIMIT);
        assertThat(header(fitted, DeadLetter.KEY_TRUNCATED)).isEqualTo(Integer.toString(3 * LIMIT));
        assertThat(header(fitted, "dlq-reason")).isEqualTo("key must be data.householdId");
    }

    private static ConsumerRecord<String, String> record(String key, String value, int headers) {
        RecordHeaders kafkaHeaders = new RecordHeaders();
        for (int i = 0; i < headers; i++) {
            kafkaHeaders.add("h" + i, ("value " + i).getBytes(StandardCharsets.UTF_8));
        }
        return new ConsumerRecord<>("household.events.v1", 0, 1, 0L, TimestampType.CREATE_TIME, key.length(), value.length(), key, value,
                kafkaHeaders, Optional.empty());
    }

    private static int size(DeadLetter letter) {
        return (letter.key() == null ? 0 : letter.key().length) + (letter.value() == null ? 0 : letter.value().length)
                + letter.allHeaders().stream().mapToInt(h -> h.name().length() + (h.value() == null ? 0 : h.value().length)).sum();
    }

    private static java.util.List<String> names(DeadLetter letter) {
        return letter.allHeaders().stream().map(DeadLetter.Header::name).toList();
    }

    private static String header(DeadLetter letter, String name) {
        return letter.allHeaders().stream().filter(h -> h.name().equals(name)).reduce((a, b) -> b)
                .map(h -> new String(h.value(), StandardCharsets.UTF_8)).orElse(null);
    }
}
