package io.wanjia.commons.outbox;

import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
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
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.wanjia.commons.problem.Redaction;
import io.wanjia.commons.worker.WakeableLoop;

/**
 * Sends outbox rows to Kafka in commit order and deletes them once Kafka has them: Kafka is the record of what was
 * sent, and a row that stays after sending would cost the database an update now and a delete later for every event
 * (bench/README.md, session 13). A row Kafka can never take (too large, an
 * invalid topic), or that cannot be read back as a record, is marked failed with the reason, logged and counted ({@code wanjia.outbox.failed}), and the
 * rows behind it go on: one bad row must not hold back every event after it. A failure Kafka may get over
 * (a broker away, a timeout) leaves the batch unsent, to be sent again on the next pass.
 * <p> One instance sends at a time (a
 * transaction-scoped advisory lock), so order per key holds with several instances running. A crash
 * between the send and the delete's commit sends the rows again after restart; consumers deduplicate on
 * {@code ce_id}. The relay is woken after each commit that wrote the outbox and also looks every
 * {@code poll-interval} for rows it was not woken for.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final long RELAY_LOCK = 0x57414E4A4941L;
    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {
    };
    private static final TypeReference<List<List<String>>> BINARY_HEADERS = new TypeReference<>() {
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
    @Inject
    DeadLetterSeal seal;

    private Producer<byte[], byte[]> producer;
    private Counter sent;
    private Counter failed;
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
            failed = metrics.counter("wanjia.outbox.failed");
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
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return props;
    }

    private Duration pass() {
        return relayOnce() < config.batchSize() ? config.pollInterval() : Duration.ZERO;
    }

    /** Sends one batch of unsent rows in commit order and deletes them (or marks them failed for good); returns how many. */
    int relayOnce() {
        return QuarkusTransaction.requiringNew().call(() -> {
            try (Connection connection = dataSource.getConnection()) {
                if (!tryLock(connection)) {
                    return 0;
                }
                List<Long> seqs = new ArrayList<>();
                List<Future<RecordMetadata>> acks = new ArrayList<>();
                Map<Long, String> refused = new HashMap<>();
                int unreadable = 0;
                try (PreparedStatement select = connection.prepareStatement(
                        "SELECT seq, topic, event_key, headers::text, payload, encoding FROM outbox_event"
                                + " WHERE sent_at IS NULL AND failed_at IS NULL ORDER BY seq LIMIT ?")) {
                    select.setInt(1, config.batchSize());
                    try (ResultSet rows = select.executeQuery()) {
                        while (rows.next()) {
                            long seq = rows.getLong(1);
                            ProducerRecord<byte[], byte[]> record;
                            try {
                                record = record(rows.getString(2), rows.getString(3), rows.getString(4), rows.getString(5),
                                        rows.getString(6));
                            } catch (Exception broken) {
                                refused.put(seq, "the row cannot be read as a record: " + broken.getClass().getSimpleName());
                                unreadable++;
                                continue;
                            }
                            seqs.add(seq);
                            acks.add(producer.send(record));
                        }
                    }
                }
                if (seqs.isEmpty() && refused.isEmpty()) {
                    return 0;
                }
                producer.flush();
                List<Long> delivered = new ArrayList<>();
                for (int i = 0; i < acks.size(); i++) {
                    try {
                        acks.get(i).get(30, TimeUnit.SECONDS);
                        delivered.add(seqs.get(i));
                    } catch (ExecutionException e) {
                        if (!neverSendable(e.getCause())) {
                            throw new IllegalStateException("Kafka could not take an outbox record yet", e.getCause());
                        }
                        refused.put(seqs.get(i), e.getCause().getClass().getSimpleName() + ": " + e.getCause().getMessage());
                    }
                }
                forget(connection, delivered);
                markFailed(connection, refused);
                sent.increment(delivered.size());
                return seqs.size() + unreadable;
            }
        });
    }

    /**
     * Whether Kafka refused the record for what it is, so that sending it again can never succeed. Anything else — a
     * broker away, a timeout, a credential or ACL being changed — is worth another try of the whole batch.
     */
    private static boolean neverSendable(Throwable refusal) {
        return refusal instanceof RecordTooLargeException || refusal instanceof RecordBatchTooLargeException
                || refusal instanceof InvalidTopicException || refusal instanceof InvalidRecordException;
    }

    private static boolean tryLock(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
            lock.setLong(1, RELAY_LOCK);
            try (ResultSet result = lock.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }

    /** Deletes the rows Kafka has acknowledged, in the transaction that read them. */
    private static void forget(Connection connection, List<Long> seqs) throws SQLException {
        if (seqs.isEmpty()) {
            return;
        }
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM outbox_event WHERE seq = ANY(?)")) {
            Array array = connection.createArrayOf("bigint", seqs.toArray());
            delete.setArray(1, array);
            delete.executeUpdate();
        }
    }

    private void markFailed(Connection connection, Map<Long, String> refused) throws SQLException {
        if (refused.isEmpty()) {
            return;
        }
        try (PreparedStatement mark = connection.prepareStatement(
                "UPDATE outbox_event SET failed_at = now(), failure = ? WHERE seq = ?")) {
            for (Map.Entry<Long, String> row : refused.entrySet()) {
                String reason = Redaction.mask(row.getValue());
                LOG.errorf("Kafka refused outbox row %d for good, it stays in outbox_event as failed: %s", row.getKey(), reason);
                mark.setString(1, reason.length() > 500 ? reason.substring(0, 500) : reason);
                mark.setLong(2, row.getKey());
                mark.addBatch();
            }
            mark.executeBatch();
        }
        failed.increment(refused.size());
    }

    /**
     * A row as a Kafka record: an event's text as UTF-8, or a dead letter's bytes as they were kept (base64, opened
     * first where they were sealed).
     */
    private ProducerRecord<byte[], byte[]> record(String topic, String key, String headersJson, String payload, String encoding)
            throws Exception {
        if (!"text".equals(encoding)) {
            boolean sealed = "sealed".equals(encoding);
            ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, bytes(key, sealed), bytes(payload, sealed));
            for (List<String> header : json.readValue(headersJson, BINARY_HEADERS)) {
                record.headers().add(new String(bytes(header.get(0), sealed), StandardCharsets.UTF_8), bytes(header.get(1), sealed));
            }
            return record;
        }
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, utf8(key), utf8(payload));
        for (Map.Entry<String, String> header : json.readValue(headersJson, HEADERS).entrySet()) {
            if (header.getValue() != null) {
                record.headers().add(header.getKey(), header.getValue().getBytes(StandardCharsets.UTF_8));
            }
        }
        return record;
    }

    private byte[] bytes(String base64, boolean sealed) throws java.security.GeneralSecurityException {
        byte[] kept = base64 == null ? null : Base64.getDecoder().decode(base64);
        return sealed ? seal.open(kept) : kept;
    }

    private static byte[] utf8(String text) {
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }
}
