package io.wanjia.commons.outbox;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A record that a consumer gave up on, bound for {@code <topic>.dlq}: its key, headers and value as they came
 * (bytes, so a NUL or a header that is not UTF-8 travels unchanged), plus the {@code dlq-*} headers.
 *
 * @param key the record's key, or null
 * @param headers the original headers in order (names may repeat), then the {@code dlq-*} ones
 * @param value the record's value, or null for a tombstone
 */
public record DeadLetter(String topic, byte[] key, List<Header> headers, byte[] value) {

    public static final String REASON = "dlq-reason";
    public static final String CONSUMER = "dlq-consumer";
    public static final String ORIGIN = "dlq-origin";
    /** Set when the copy had to be cut to fit a Kafka record: the original value's size in bytes. */
    public static final String VALUE_TRUNCATED = "dlq-value-truncated";
    /** Set when original headers had to be left out to fit a Kafka record: how many. */
    public static final String HEADERS_DROPPED = "dlq-headers-dropped";

    /** One Kafka header. */
    public record Header(String name, byte[] value) {

        static Header text(String name, String value) {
            return new Header(name, value.getBytes(StandardCharsets.UTF_8));
        }

        int size() {
            return name.getBytes(StandardCharsets.UTF_8).length + (value == null ? 0 : value.length);
        }
    }

    /** A dead letter for {@code record}, read at {@code origin} (topic-partition@offset), that {@code consumer} gave up on. */
    public static DeadLetter of(ConsumerRecord<String, String> record, String consumer, String origin, String reason) {
        List<Header> headers = new ArrayList<>();
        record.headers().forEach(h -> headers.add(new Header(h.key(), h.value())));
        headers.add(Header.text(REASON, reason));
        headers.add(Header.text(CONSUMER, consumer));
        headers.add(Header.text(ORIGIN, origin));
        return new DeadLetter(record.topic(), bytes(record.key()), headers, bytes(record.value()));
    }

    /**
     * This letter cut to at most {@code maxBytes} of key, headers and value together: the {@code dlq-*} headers
     * always stay (the reason is the point of the copy), original headers stay while they fit, and the value is
     * cut to what remains. A copy of a record near the broker's size limit would otherwise never be accepted.
     */
    public DeadLetter fittedTo(int maxBytes) {
        int keySize = key == null ? 0 : key.length;
        int valueSize = value == null ? 0 : value.length;
        int headersSize = headers.stream().mapToInt(Header::size).sum();
        if (keySize + headersSize + valueSize <= maxBytes) {
            return this;
        }
        List<Header> ours = headers.stream().filter(h -> h.name().startsWith("dlq-")).toList();
        int room = maxBytes - keySize - ours.stream().mapToInt(Header::size).sum() - 100; // the two notes below
        List<Header> kept = new ArrayList<>();
        int dropped = 0;
        for (Header header : headers) {
            if (header.name().startsWith("dlq-")) {
                continue;
            }
            if (header.size() <= room) {
                kept.add(header);
                room -= header.size();
            } else {
                dropped++;
            }
        }
        kept.addAll(ours);
        byte[] cut = value;
        if (value != null && value.length > Math.max(room, 0)) {
            cut = java.util.Arrays.copyOf(value, Math.max(room, 0));
            kept.add(Header.text(VALUE_TRUNCATED, Integer.toString(value.length)));
        }
        if (dropped > 0) {
            kept.add(Header.text(HEADERS_DROPPED, Integer.toString(dropped)));
        }
        return new DeadLetter(topic, key, kept, cut);
    }

    private static byte[] bytes(String text) {
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }
}
