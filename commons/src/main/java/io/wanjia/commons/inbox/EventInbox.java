package io.wanjia.commons.inbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.wanjia.commons.cloudevents.CloudEvent;
import io.wanjia.commons.problem.Failures;
import io.wanjia.commons.problem.Redaction;
import io.wanjia.commons.outbox.DeadLetter;
import io.wanjia.commons.outbox.Outbox;

/**
 * Idempotent consumption, written once for every consumer. An event's {@code ce_id} is recorded in
 * {@code processed_event} in the same transaction as its effect, so a redelivered event changes nothing.
 * A record that cannot be processed is recorded as dead-lettered and copied to {@code <topic>.dlq} with
 * the reason (through the outbox, in that same transaction), and the consumer goes on with the next.
 */
@ApplicationScoped
public class EventInbox {

    private static final Logger LOG = Logger.getLogger(EventInbox.class);
    /** A record that failed on a write conflict is tried this often before it counts as bad. */
    private static final int TRANSIENT_ATTEMPTS = 3;
    private static final String CLAIM = """
            INSERT INTO processed_event (consumer, event_id, processed_at, outcome) VALUES (?, ?, ?, ?)
            ON CONFLICT DO NOTHING""";

    @Inject
    DataSource dataSource;
    @Inject
    ObjectMapper json;
    @Inject
    Outbox outbox;
    @Inject
    Clock clock;
    @Inject
    MeterRegistry metrics;
    /** The service's persistence context, when it has one (every service does; the commons test app has not). */
    @Inject
    Instance<EntityManager> entityManagers;

    /**
     * Processes a polled batch in one transaction; if any record fails, processes them one by one so that
     * only the failing ones are dead-lettered. Returns the number of records applied (not duplicates).
     */
    public int process(String consumer, Iterable<ConsumerRecord<String, String>> records, EventHandler handler) {
        List<ConsumerRecord<String, String>> batch = new ArrayList<>();
        records.forEach(batch::add);
        if (batch.isEmpty()) {
            return 0;
        }
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                int applied = 0;
                for (ConsumerRecord<String, String> record : batch) {
                    applied += apply(consumer, read(record), handler) ? 1 : 0;
                    endOfRecord();
                }
                return applied;
            });
        } catch (RuntimeException batchFailure) {
            int applied = 0;
            for (ConsumerRecord<String, String> record : batch) {
                applied += processAlone(consumer, record, handler) ? 1 : 0;
            }
            return applied;
        }
    }

    /**
     * Writes one record's changes and forgets its entities: a batch of a thousand records in one persistence
     * context would otherwise dirty-check every entity loaded so far before each query (quadratic; measured by
     * {@code ./platform bench} as ~150 labour reports/s).
     */
    private void endOfRecord() {
        if (entityManagers.isResolvable()) {
            EntityManager em = entityManagers.get();
            em.flush();
            em.clear();
        }
    }

    /**
     * Applies one event in the caller's transaction unless this consumer already processed its id;
     * returns whether it was applied. The HTTP path uses this directly and answers a rejection with 400.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean apply(String consumer, CloudEvent event, EventHandler handler) {
        if (!claim(consumer, event.id(), "PROCESSED")) {
            metrics.counter("wanjia.inbox.duplicates", "consumer", consumer).increment();
            return false;
        }
        try {
            handler.handle(event);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        metrics.counter("wanjia.inbox.processed", "consumer", consumer).increment();
        return true;
    }

    private boolean processAlone(String consumer, ConsumerRecord<String, String> record, EventHandler handler) {
        RuntimeException failure = null;
        for (int attempt = 1; attempt <= TRANSIENT_ATTEMPTS; attempt++) {
            try {
                return QuarkusTransaction.requiringNew().call(() -> apply(consumer, read(record), handler));
            } catch (RuntimeException e) {
                failure = e;
                if (!Failures.isTransient(e)) {
                    break;
                }
            }
        }
        String reason = reasonOf(failure);
        String origin = record.topic() + "-" + record.partition() + "@" + record.offset();
        LOG.warnf("%s dead-letters %s: %s", consumer, origin, reason);
        Map<String, String> headers = CloudEvent.headersOf(record);
        String id = headers.get(CloudEvent.ID);
        String claimed = id == null || id.isBlank() ? origin : id;
        QuarkusTransaction.requiringNew().run(() -> {
            if (claim(consumer, claimed, "DEAD_LETTERED")) {
                outbox.deadLetter(DeadLetter.of(record.topic(), record.key(), headers, record.value(), consumer, origin, reason));
            }
        });
        metrics.counter("wanjia.inbox.dead-lettered", "consumer", consumer).increment();
        return false;
    }

    private CloudEvent read(ConsumerRecord<String, String> record) {
        return CloudEvent.read(CloudEvent.headersOf(record), record.key(), record.value(), json::readTree);
    }

    private static String reasonOf(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause && !(cause instanceof RejectedEventException)) {
            cause = cause.getCause();
        }
        if (cause instanceof RejectedEventException) {
            return cause.getMessage();
        }
        String message = cause.getMessage() == null ? "" : ": " + Redaction.mask(cause.getMessage());
        return "processing failed: " + cause.getClass().getSimpleName() + (message.length() > 300 ? message.substring(0, 300) : message);
    }

    private boolean claim(String consumer, String eventId, String outcome) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement claim = connection.prepareStatement(CLAIM)) {
            claim.setString(1, consumer);
            claim.setString(2, eventId);
            claim.setTimestamp(3, Timestamp.from(clock.instant()));
            claim.setString(4, outcome);
            return claim.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("could not record the processed event", e);
        }
    }
}
