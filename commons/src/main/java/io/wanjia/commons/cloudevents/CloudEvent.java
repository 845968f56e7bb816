package io.wanjia.commons.cloudevents;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import com.fasterxml.jackson.databind.JsonNode;

import io.wanjia.commons.inbox.RejectedEventException;
import io.wanjia.contracts.EventType;

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
    /** The attributes binary mode carries in headers; each must be UTF-8 text without control characters. */
    private static final List<String> ATTRIBUTES = List.of(SPECVERSION, ID, TYPE, SOURCE, TIME);
    /** Longest {@code ce_id} accepted: ids are recorded in an index (PostgreSQL refuses entries over ~2.7 kB). */
    public static final int MAX_ID_LENGTH = 200;
    /** Longest {@code ce_type} or {@code ce_source} accepted. */
    private static final int MAX_ATTRIBUTE_LENGTH = 500;

    /** The binary-mode headers for this event. */
    public Map<String, String> headers() {
        return headers(id, type, source, time);
    }

    /** The binary-mode headers of an event with these attributes. */
    public static Map<String, String> headers(String id, String type, String source, Instant time) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(SPECVERSION, SPEC_VERSION);
        headers.put(ID, id);
        headers.put(TYPE, type);
        headers.put(SOURCE, source);
        headers.put(TIME, time.toString());
        headers.put(CONTENT_TYPE, JSON);
        return headers;
    }

    /**
     * The catalogue type a record's {@code ce_type} header names (last value wins, as {@link #read} takes it), if it names
     * one that travels on the record's topic (which may carry a deployment's prefix): what the record says it is, read
     * from its header alone. Nothing says the rest of the record keeps the contract.
     */
    public static Optional<EventType> declaredType(ConsumerRecord<?, ?> record) {
        Header header = record.headers().lastHeader(TYPE);
        if (header == null || header.value() == null) {
            return Optional.empty();
        }
        return EventType.ofType(new String(header.value(), StandardCharsets.UTF_8)).filter(t -> record.topic().endsWith(t.topic()));
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
     * Reads an event from a Kafka record in binary mode, or says what is wrong with it. The {@code ce_*} headers
     * are decoded here, strictly (a header that is not UTF-8 text is named as such), not by the connector: a
     * connector that fails to parse a header fails the whole channel before any of our code sees the record.
     */
    public static CloudEvent read(ConsumerRecord<String, String> record, JsonParser parse) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            if (ATTRIBUTES.contains(header.key())) {
                headers.put(header.key(), strictUtf8(header.key(), header.value()));
            }
        }
        return read(headers, record.key(), record.value(), parse);
    }

    /**
     * A {@code ce_id} that may stand for its event in the processed-event log: present, not too long, no control
     * characters. A record whose id is not usable is recorded under where it was read instead.
     */
    public static boolean usableId(String id) {
        return id != null && !id.isBlank() && id.length() <= MAX_ID_LENGTH && !hasControlCharacter(id);
    }

    /**
     * Reads an event from its binary-mode headers and JSON value, or says what is wrong with it.
     *
     * @param parse turns the value into JSON, throwing on malformed text
     */
    public static CloudEvent read(Map<String, String> headers, String key, String value, JsonParser parse) {
        String specVersion = headers.get(SPECVERSION);
        if (!SPEC_VERSION.equals(specVersion)) {
            throw new RejectedEventException(SPECVERSION, specVersion == null ? "is missing" : "must be 1.0 (CloudEvents binary mode)");
        }
        String id = required(headers, ID, MAX_ID_LENGTH);
        String type = required(headers, TYPE, MAX_ATTRIBUTE_LENGTH);
        String source = required(headers, SOURCE, MAX_ATTRIBUTE_LENGTH);
        Instant time;
        try {
            time = Instant.parse(required(headers, TIME, MAX_ATTRIBUTE_LENGTH));
        } catch (DateTimeParseException e) {
            throw new RejectedEventException(TIME, "must be an RFC 3339 timestamp");
        }
        if (value == null || value.isBlank()) {
            throw new RejectedEventException("data", "is empty");
        }
        // PostgreSQL stores no NUL in text or JSON, and no field of the contract needs one.
        if (value.indexOf('\0') >= 0 || value.contains("\\u0000")) {
            throw new RejectedEventException("data", "contains a NUL character");
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

    private static String required(Map<String, String> headers, String name, int maxLength) {
        String value = headers.get(name);
        if (value == null || value.isBlank()) {
            throw new RejectedEventException(name, "is missing");
        }
        if (value.length() > maxLength) {
            throw new RejectedEventException(name, "is longer than " + maxLength + " characters");
        }
        if (hasControlCharacter(value)) {
            throw new RejectedEventException(name, "contains a control character");
        }
        return value;
    }

    private static boolean hasControlCharacter(String text) {
        return text.chars().anyMatch(Character::isISOControl);
    }

    private static String strictUtf8(String name, byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new RejectedEventException(name, "is not UTF-8 text");
        }
    }

    /** Parses JSON text. */
    @FunctionalInterface
    public interface JsonParser {
        JsonNode parse(String text) throws Exception;
    }
}
