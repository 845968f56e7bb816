package io.wanjia.commons.cloudevents;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import com.fasterxml.jackson.databind.JsonNode;

import io.wanjia.commons.inbox.RejectedEventException;

/**
 * A CloudEvent 1.0 in binary mode, as it travels on our topics: the attributes in {@code ce_*} headers
 * and the JSON data as the record value. Parsing refuses what the contract does not allow.
 *
 * @param key the record key: the aggregate (household) id
 */
public record CloudEvent(String id, String type, String source, Instant time, String key, JsonNode data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String ID = "ce_id";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";
    public static final String TIME = "ce_time";
    public static final String SPECVERSION = "ce_specversion";
    public static final String CONTENT_TYPE = "content-type";
    public static final String JSON = "application/json";

    /** The binary-mode headers for this event. */
    public Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(SPECVERSION, SPEC_VERSION);
        headers.put(ID, id);
        headers.put(TYPE, type);
        headers.put(SOURCE, source);
        headers.put(TIME, time.toString());
        headers.put(CONTENT_TYPE, JSON);
        return headers;
    }

    /** The headers of a Kafka record as strings (last value wins). */
    public static Map<String, String> headersOf(ConsumerRecord<?, ?> record) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8));
        }
        return headers;
    }

    /**
     * Reads an event from its binary-mode headers and JSON value, or says what is wrong with it.
     *
     * @param parse turns the value into JSON, throwing on malformed text
     */
    public static CloudEvent read(Map<String, String> headers, String key, String value, JsonParser parse) {
        String specVersion = headers.get(SPECVERSION);
        if (!SPEC_VERSION.equals(specVersion)) {
            throw new RejectedEventException(SPECVERSION, "must be 1.0 (CloudEvents binary mode), was " + specVersion);
        }
        String id = required(headers, ID);
        String type = required(headers, TYPE);
        String source = required(headers, SOURCE);
        Instant time;
        try {
            time = Instant.parse(required(headers, TIME));
        } catch (DateTimeParseException e) {
            throw new RejectedEventException(TIME, "must be an RFC 3339 timestamp");
        }
        if (value == null || value.isBlank()) {
            throw new RejectedEventException("data", "is empty");
        }
        JsonNode data;
        try {
            data = parse.parse(value);
        } catch (Exception e) {
            throw new RejectedEventException("data", "is not valid JSON");
        }
        if (data == null || !data.isObject()) {
            throw new RejectedEventException("data", "must be a JSON object");
        }
        return new CloudEvent(id, type, source, time, key, data);
    }

    private static String required(Map<String, String> headers, String name) {
        String value = headers.get(name);
        if (value == null || value.isBlank()) {
            throw new RejectedEventException(name, "is missing");
        }
        return value;
    }

    /** Parses JSON text. */
    @FunctionalInterface
    public interface JsonParser {
        JsonNode parse(String text) throws Exception;
    }
}
