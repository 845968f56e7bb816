package io.wanjia.commons.outbox;

import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.wanjia.commons.worker.WakeableLoop;

/**
 * Sends outbox rows to Kafka in commit order and marks them sent. One instance sends at a time (a
 * transaction-scoped advisory lock), so order per key holds with several instances running. A crash
 * between the send and the mark sends the rows again after restart; consumers deduplicate on
 * {@code ce_id}. The relay is woken after each commit that wrote the outbox and also looks every
 * {@code poll-interval} for rows it was not woken for.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final long RELAY_LOCK = 0x57414E4A4941L;
    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {
    };

    @Inject
    DataSource dataSource;
    @Inject
    ObjectMapper json;
    @Inject
    OutboxConfig config;
    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;
    @Inject
    MeterRegistry metrics;

    private Producer<String, String> producer;
    private Counter sent;
    private WakeableLoop loop;

    void onStart(@Observes StartupEvent event) {
        if (config.relayEnabled()) {
            start();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    /** Starts sending (on startup, or after {@link #stop()}). */
    public synchronized void start() {
        if (producer == null) {
            producer = new KafkaProducer<>(producerConfig());
            sent = metrics.counter("wanjia.outbox.sent");
            loop = new WakeableLoop("outbox-relay", this::pass, config.maxBackoff());
        }
        loop.start();
    }

    /** Stops sending; rows written meanwhile wait in the table until {@link #start()}. */
    public synchronized void stop() {
        if (loop != null) {
            loop.stop();
        }
    }

    /** Asks the relay to look at the table now (called after a commit that wrote to it). */
    public void wake() {
        if (loop != null) {
            loop.wake();
        }
    }

    private Map<String, Object> producerConfig() {
        Map<String, Object> props = new HashMap<>(kafkaConfig);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 2);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "outbox-relay-" + config.source().replaceAll("[^A-Za-z0-9-]", ""));
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return props;
    }

    private Duration pass() {
        return relayOnce() < config.batchSize() ? config.pollInterval() : Duration.ZERO;
    }

    /** Sends one batch of unsent rows in commit order and marks them sent; returns how many. */
    int relayOnce() {
        return QuarkusTransaction.requiringNew().call(() -> {
            try (Connection connection = dataSource.getConnection()) {
                if (!tryLock(connection)) {
                    return 0;
                }
                List<Long> seqs = new ArrayList<>();
                List<Future<RecordMetadata>> acks = new ArrayList<>();
                try (PreparedStatement select = connection.prepareStatement(
                        "SELECT seq, topic, event_key, headers::text, payload FROM outbox_event"
                                + " WHERE sent_at IS NULL ORDER BY seq LIMIT ?")) {
                    select.setInt(1, config.batchSize());
                    try (ResultSet rows = select.executeQuery()) {
                        while (rows.next()) {
                            seqs.add(rows.getLong(1));
                            acks.add(producer.send(record(rows.getString(2), rows.getString(3), rows.getString(4), rows.getString(5))));
                        }
                    }
                }
                if (seqs.isEmpty()) {
                    return 0;
                }
                producer.flush();
                for (Future<RecordMetadata> ack : acks) {
                    ack.get(30, TimeUnit.SECONDS);
                }
                markSent(connection, seqs);
                sent.increment(seqs.size());
                return seqs.size();
            } catch (ExecutionException e) {
                throw new IllegalStateException("Kafka refused an outbox record", e.getCause());
            }
        });
    }

    private static boolean tryLock(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
            lock.setLong(1, RELAY_LOCK);
            try (ResultSet result = lock.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }

    private static void markSent(Connection connection, List<Long> seqs) throws SQLException {
        try (PreparedStatement mark = connection.prepareStatement(
                "UPDATE outbox_event SET sent_at = now() WHERE seq = ANY(?)")) {
            Array array = connection.createArrayOf("bigint", seqs.toArray());
            mark.setArray(1, array);
            mark.executeUpdate();
        }
    }

    private ProducerRecord<String, String> record(String topic, String key, String headersJson, String payload) throws Exception {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, payload);
        for (Map.Entry<String, String> header : json.readValue(headersJson, HEADERS).entrySet()) {
            if (header.getValue() != null) {
                record.headers().add(header.getKey(), header.getValue().getBytes(StandardCharsets.UTF_8));
            }
        }
        return record;
    }
}
