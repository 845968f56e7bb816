package io.wanjia.commons.outbox;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A record that a consumer gave up on, bound for {@code <topic>.dlq}: its key, headers and value as they came
 * (bytes, so a NUL or a header that is not UTF-8 travels unchanged), plus our notes ({@code dlq-*} headers).
 *
 * @param key the record's key, or null
 * @param headers the original headers in order (names may repeat)
 * @param notes what we add: {@code dlq-reason}, {@code dlq-consumer}, {@code dlq-origin}, and what fitting cut
 * @param value the record's value, or null for a tombstone
 */
public record DeadLetter(String topic, byte[] key, List<Header> headers, List<Header> notes, byte[] value) {

    public static final String REASON = "dlq-reason";
    public static final String CONSUMER = "dlq-consumer";
    public static final String ORIGIN = "dlq-origin";
    /** Set when the copy had to be cut to fit a Kafka record: the original value's size in bytes. */
    public static final String VALUE_TRUNCATED = "dlq-value-truncated";
    /** Set when original headers had to be left out to fit a Kafka record: how many. */
    public static final String HEADERS_DROPPED = "dlq-headers-dropped";
    /** Set when the key had to be cut to fit a Kafka record: its original size in bytes. */
    public static final String KEY_TRUNCATED = "dlq-key-truncated";
    /** Room kept for the notes fitting adds. */
    private static final int ROOM_FOR_FITTING_NOTES = 100;

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
        List<Header> notes = List.of(Header.text(REASON, reason), Header.text(CONSUMER, consumer), Header.text(ORIGIN, origin));
        return new DeadLetter(record.topic(), bytes(record.key()), headers, notes, bytes(record.value()));
    }

    /** Every header of the copy: the original ones, then the notes. */
    public List<Header> allHeaders() {
        List<Header> all = new ArrayList<>(headers);
        all.addAll(notes);
        return all;
    }

    /**
     * This letter cut to at most {@code maxBytes} of key, headers and value together: the notes always stay (the
     * reason is the point of the copy), then the key (cut if it alone would not fit), the original headers while they
     * fit, and the value cut to what remains. A copy of a record near the broker's size limit would otherwise never
     * be accepted.
     */
    public DeadLetter fittedTo(int maxBytes) {
        int valueSize = value == null ? 0 : value.length;
        if (size(key) + headers.stream().mapToInt(Header::size).sum() + notes.stream().mapToInt(Header::size).sum() + valueSize <= maxBytes) {
            return this;
        }
        List<Header> fittedNotes = new ArrayList<>(notes);
        int room = maxBytes - notes.stream().mapToInt(Header::size).sum() - ROOM_FOR_FITTING_NOTES;
        byte[] fittedKey = key;
        if (size(key) > Math.max(room, 0)) {
            fittedKey = Arrays.copyOf(key, Math.max(room, 0));
            fittedNotes.add(Header.text(KEY_TRUNCATED, Integer.toString(key.length)));
        }
        room -= size(fittedKey);
        List<Header> kept = new ArrayList<>();
        int dropped = 0;
        for (Header header : headers) {
            if (header.size() <= room) {
                kept.add(header);
                room -= header.size();
            } else {
                dropped++;
            }
        }
        byte[] cut = value;
        if (value != null && value.length > Math.max(room, 0)) {
            cut = Arrays.copyOf(value, Math.max(room, 0));
            fittedNotes.add(Header.text(VALUE_TRUNCATED, Integer.toString(value.length)));
        }
        if (dropped > 0) {
            fittedNotes.add(Header.text(HEADERS_DROPPED, Integer.toString(dropped)));
        }
        return new DeadLetter(topic, fittedKey, kept, fittedNotes, cut);
    }

    private static int size(byte[] bytes) {
        return bytes == null ? 0 : bytes.length;
    }

    private static byte[] bytes(String text) {
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }
}
