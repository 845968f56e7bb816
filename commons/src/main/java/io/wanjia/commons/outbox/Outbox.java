package io.wanjia.commons.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.wanjia.commons.cloudevents.CloudEvent;
import io.wanjia.commons.tracing.EventTracing;
import io.wanjia.commons.tx.AfterCommit;
import io.wanjia.commons.tx.WriteBehind;
import io.wanjia.contracts.EventType;
import io.wanjia.contracts.Topics;

/**
 * The transactional outbox: an event is a row written in the same transaction as the state change it
 * reports, and {@link OutboxRelay} sends it after commit. Nothing is sent for a transaction that rolls back.
 * The rows of one transaction are inserted together just before it commits ({@link WriteBehind}).
 */
@ApplicationScoped
public class Outbox {

    private static final String INSERT = """
            INSERT INTO outbox_event (topic, event_key, headers, payload) VALUES (?, ?, ?::jsonb, ?)""";
    private static final String INSERT_BINARY = """
            INSERT INTO outbox_event (topic, event_key, headers, payload, encoding) VALUES (?, ?, ?::jsonb, ?, ?)""";
    private static final Object WAKE_RELAY = new Object();

    @Inject
    ObjectMapper json;
    @Inject
    Clock clock;
    @Inject
    OutboxConfig config;
    @Inject
    OutboxRelay relay;
    @Inject
    AfterCommit afterCommit;
    @Inject
    WriteBehind writes;
    @Inject
    DeadLetterSeal seal;
    @Inject
    EventTracing tracing;
    /**
     * Put before every topic name when several deployments (one per district) share a Kafka cluster,
     * e.g. {@code 210102.}; consumers subscribe to the same prefixed names in their channel settings.
     */
    @ConfigProperty(name = "wanjia.topic-prefix")
    Optional<String> topicPrefix;
    /**
     * Put before the topics every deployment of a city shares ({@link Topics#cityWide}), e.g. {@code 2101.}: the
     * identity claims, which the districts' household-services publish and read together.
     */
    @ConfigProperty(name = "wanjia.city-topic-prefix")
    Optional<String> cityTopicPrefix;

    /** The attributes of an event {@link #publish} recorded, as its consumers will read them. */
    public record Published(String id, String type, String source, Instant time) {
    }

    /**
     * Records {@code payload} as a catalogue event keyed by {@code key} (the household id) and returns its attributes;
     * consumers deduplicate on its {@code ce_id}. The record carries the trace of what caused it
     * ({@link EventTracing#inject}). The payload is written to JSON once, as text: no tree of it is built.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Published publish(Object key, Record payload) {
        EventType type = EventType.of(payload);
        Published event = new Published(UUID.randomUUID().toString(), type.type(), config.source(), clock.instant());
        Map<String, String> headers = CloudEvent.headers(event.id(), event.type(), event.source(), event.time());
        tracing.inject(key, headers);
        String prefix = (Topics.cityWide(type.topic()) ? cityTopicPrefix : topicPrefix).orElse("");
        insert(prefix + type.topic(), key.toString(), headers, writeJson(payload));
        return event;
    }

    /**
     * Records a copy of a record that could not be processed on {@code <topic>.dlq}, with the original key,
     * headers and value byte for byte plus {@code dlq-reason}, {@code dlq-consumer} and where it came from; cut to
     * {@code wanjia.outbox.max-record-bytes} if it would not fit a Kafka record. Its bytes are kept in base64:
     * PostgreSQL's text and JSON refuse a NUL, and a bad record may hold anything; and sealed where the service
     * configures a key ({@link DeadLetterSeal}), since a bad labour report still holds a national ID.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void deadLetter(DeadLetter letter) {
        DeadLetter fitted = letter.fittedTo(config.maxRecordBytes());
        List<List<String>> headers = fitted.allHeaders().stream()
                .map(h -> Arrays.asList(kept(h.name().getBytes(StandardCharsets.UTF_8)), kept(h.value())))
                .toList();
        writes.add(INSERT_BINARY, Topics.deadLetter(letter.topic()), kept(fitted.key()), writeJson(headers),
                kept(fitted.value()), seal.enabled() ? "sealed" : "base64");
        afterCommit.run(WAKE_RELAY, relay::wake);
    }

    /** Bytes of a dead letter as the row keeps them: base64, of their sealed form where the service seals copies. */
    private String kept(byte[] bytes) {
        return bytes == null ? null : Base64.getEncoder().encodeToString(seal.enabled() ? seal.seal(bytes) : bytes);
    }

    private void insert(String topic, String key, Map<String, String> headers, String payload) {
        writes.add(INSERT, topic, key, writeJson(headers), payload);
        afterCommit.run(WAKE_RELAY, relay::wake);
    }

    private String writeJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }
}
