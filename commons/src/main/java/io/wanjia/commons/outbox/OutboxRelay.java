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
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

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
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;

/**
 * Sends outbox rows to Kafka in commit order and marks them sent. One instance sends at a time (a
 * transaction-scoped advisory lock), so order per key holds with several instances running. A crash
 * between the send and the mark sends the rows again after restart; consumers deduplicate on
 * {@code ce_id}. The relay is woken after each commit that wrote the outbox and also looks every
 * {@code poll-interval} for rows it was not woken for.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
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

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition woken = lock.newCondition();
    private boolean wakeRequested;
    private volatile Thread worker;
    private volatile boolean running;
    private Producer<String, String> producer;
    private Counter sent;

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
        if (running) {
            return;
        }
        if (producer == null) {
            producer = new KafkaProducer<>(producerConfig());
            sent = metrics.counter("wanjia.outbox.sent");
        }
        running = true;
        worker = new Thread(this::run, "outbox-relay");
        worker.setDaemon(true);
        worker.start();
    }

    /** Stops sending; rows written meanwhile wait in the table until {@link #start()}. */
    public synchronized void stop() {
        running = false;
        Thread thread = worker;
        if (thread != null) {
            wake();
            try {
                thread.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            worker = null;
        }
    }

    /** Asks the relay to look at the table now (called after a commit that wrote to it). */
    public void wake() {
        lock.lock();
        try {
            wakeRequested = true;
            woken.signalAll();
        } finally {
            lock.unlock();
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

    private void run() {
        Duration backoff = Duration.ofMillis(100);
        while (running) {
            try {
                int count = relayOnce();
                backoff = Duration.ofMillis(100);
                if (count < config.batchSize()) {
                    awaitWake(config.pollInterval());
                }
            } catch (RuntimeException e) {
                LOG.warnf("outbox relay failed, retrying in %d ms: %s", backoff.toMillis(), e.toString());
                awaitWake(backoff);
                backoff = backoff.multipliedBy(2).compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : backoff.multipliedBy(2);
            }
        }
    }

    private void awaitWake(Duration timeout) {
        lock.lock();
        try {
            long nanos = timeout.toNanos();
            while (!wakeRequested && running && nanos > 0) {
                nanos = woken.awaitNanos(nanos);
            }
            wakeRequested = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } finally {
            lock.unlock();
        }
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
