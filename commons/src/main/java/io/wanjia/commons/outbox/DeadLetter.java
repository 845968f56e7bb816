package io.wanjia.commons.outbox;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A record that a consumer gave up on, bound for {@code <topic>.dlq}.
 *
 * @param headers the original headers plus the {@code dlq-*} ones
 */
public record DeadLetter(String topic, String key, Map<String, String> headers, String value) {

    public static final String REASON = "dlq-reason";
    public static final String CONSUMER = "dlq-consumer";
    public static final String ORIGIN = "dlq-origin";

    /** A dead letter for a record read at {@code origin} (topic-partition@offset, or the HTTP path). */
    public static DeadLetter of(String topic, String key, Map<String, String> originalHeaders, String value,
            String consumer, String origin, String reason) {
        Map<String, String> headers = new LinkedHashMap<>(originalHeaders);
        headers.put(REASON, reason);
        headers.put(CONSUMER, consumer);
        headers.put(ORIGIN, origin);
        return new DeadLetter(topic, key, headers, value);
    }
}
