package io.wanjia.commons.inbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.wanjia.commons.cloudevents.CloudEvent;
import io.wanjia.commons.cloudevents.EventContract;
import io.wanjia.commons.problem.Failures;
import io.wanjia.commons.problem.Redaction;
import io.wanjia.commons.outbox.DeadLetter;
import io.wanjia.commons.outbox.Outbox;
import io.wanjia.commons.tracing.EventTracing;
import io.wanjia.contracts.EventType;

/**
 * Idempotent consumption, written once for every consumer. An event's {@code ce_id} is recorded in
 * {@code processed_event} in the same transaction as its effect, so a redelivered event changes nothing.
 * Every record is read here, headers included ({@link CloudEvent#read(ConsumerRecord, CloudEvent.JsonParser)}),
 * and checked against the contract ({@link EventContract}) before a handler sees it, so whatever is wrong with a
 * record, it is recorded as dead-lettered and copied to {@code <topic>.dlq} with the reason (through the outbox,
 * in its own transaction), and the consumer goes on with the next. Each event is processed in a span that continues
 * the trace its record carries ({@link EventTracing}).
 */
@ApplicationScoped
public class EventInbox {

    private static final Logger LOG = Logger.getLogger(EventInbox.class);
    /** A record that failed on a write conflict is tried this often before it counts as bad. */
    private static final int TRANSIENT_ATTEMPTS = 3;
    /** How long a consumer first waits for a database that went away, doubling up to {@link #LONGEST_WAIT}. */
    private static final Duration FIRST_WAIT = Duration.ofMillis(250);
    private static final Duration LONGEST_WAIT = Duration.ofSeconds(10);
    /** A dead-letter reason is cut to this many characters (it travels in a header and the log). */
    private static final int MAX_REASON = 300;
    private static final String CLAIM = """
            INSERT INTO processed_event (consumer, event_id, processed_at, outcome) VALUES (?, ?, ?, ?)
            ON CONFLICT DO NOTHING""";
    private static final Set<EventType> EVERY_TYPE = Collections.unmodifiableSet(EnumSet.allOf(EventType.class));
    private static final String CLAIM_ALL = """
            INSERT INTO processed_event (consumer, event_id, processed_at, outcome)
            SELECT ?, event_id, ?, 'PROCESSED' FROM unnest(?::text[]) AS event_id
            ON CONFLICT DO NOTHING RETURNING event_id""";

    @Inject
    DataSource dataSource;
    @Inject
    ObjectMapper json;
    @Inject
    Outbox outbox;
    @Inject
    EventContract contract;
    @Inject
    Clock clock;
    @Inject
    MeterRegistry metrics;
    @Inject
    EventTracing tracing;
    /** The service's persistence context, when it has one (every service does; the commons test app has not). */
    @Inject
    Instance<EntityManager> entityManagers;

    /**
     * Processes a polled batch in one transaction, {@code handler} applying each new event; if anything fails,
     * processes the records one by one so that only the failing ones are dead-lettered. Returns the number of
     * records applied (not duplicates).
     */
    public int process(String consumer, Iterable<ConsumerRecord<String, String>> records, EventHandler handler) {
        return process(consumer, EVERY_TYPE, records, handler);
    }

    /** Like {@link #process(String, Iterable, EventHandler)}, for a consumer that acts on the {@code handled} types only (below). */
    public int process(String consumer, Set<EventType> handled, Iterable<ConsumerRecord<String, String>> records, EventHandler handler) {
        return process(consumer, handled, records, events -> {
            for (CloudEvent event : events) {
                tracing.asCurrent(event, () -> handler.handle(event));
                endOfRecord();
            }
        }, handler);
    }

    /**
     * Processes a polled batch in one transaction, {@code all} applying the new events together; if anything
     * fails, processes the records one by one with {@code one}, so that only the failing ones are dead-lettered.
     */
    public int process(String consumer, Iterable<ConsumerRecord<String, String>> records, BatchEventHandler all,
            EventHandler one) {
        return process(consumer, EVERY_TYPE, records, all, one);
    }

    /**
     * Like {@link #process(String, Iterable, BatchEventHandler, EventHandler)}, for a consumer that acts on the
     * {@code handled} types only. A record of another type is neither recorded as processed nor handed to the handlers:
     * an event that changes nothing needs no duplicate check, and its row cost the database as much as any other
     * (bench/README.md, session 13). Where its {@code ce_type} header names a type of its topic, it is passed over unread
     * (no parsing, no schema, no transaction: a registration is read by four consumers and acted on by one); whether
     * the rest of it keeps the contract is for the consumers that act on its type, which dead-letter it if not (a type
     * that no consumer acts on changes nothing, and is dead-lettered by none). A record whose header names no such type
     * is read and held to the contract, and dead-lettered if it breaks it.
     */
    public int process(String consumer, Set<EventType> handled, Iterable<ConsumerRecord<String, String>> records,
            BatchEventHandler all, EventHandler one) {
        List<ConsumerRecord<String, String>> batch = new ArrayList<>();
        int passedOver = 0;
        for (ConsumerRecord<String, String> record : records) {
            if (CloudEvent.declaredType(record).filter(type -> !handled.contains(type)).isPresent()) {
                passedOver++;
            } else {
                batch.add(record);
            }
        }
        if (passedOver > 0) {
            metrics.counter("wanjia.inbox.ignored", "consumer", consumer).increment(passedOver);
        }
        if (batch.isEmpty()) {
            return 0;
        }
        // The database away is nobody's fault and no record's: wait for it, then take the batch again (what was
        // committed before it went is recognised as processed). Dead-lettering here would lose good records, and
        // throwing would stop the channel for good. processOnce throws only when the database did not answer a
        // moment ago, so it is waited for even if it answers again by now (a restart is that quick).
        Duration wait = FIRST_WAIT;
        while (true) {
            try {
                return processOnce(consumer, handled, batch, all, one);
            } catch (RuntimeException e) {
                if (!Failures.isUnavailable(e)) {
                    throw e;
                }
                dropDeadConnections();
                LOG.warnf("%s waits %d ms for the database: %s", consumer, wait.toMillis(), reasonOf(e));
                metrics.counter("wanjia.inbox.database-waits", "consumer", consumer).increment();
                try {
                    Thread.sleep(wait.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                wait = wait.multipliedBy(2).compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait.multipliedBy(2);
            }
        }
    }

    /**
     * Lets the pool forget the connections that died with a database restart: idle ones would otherwise fail the
     * next transactions that borrow them until background validation finds them.
     */
    private void dropDeadConnections() {
        if (dataSource instanceof AgroalDataSource pool) {
            pool.flush(AgroalDataSource.FlushMode.INVALID);
        }
    }

    /** Whether a fresh connection gets an answer: an "unavailable" failure while it does is not an outage. */
    private boolean databaseAnswers() {
        try (Connection connection = dataSource.getConnection(); PreparedStatement ping = connection.prepareStatement("SELECT 1")) {
            ping.executeQuery().close();
            return true;
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    private int processOnce(String consumer, Set<EventType> handled, List<ConsumerRecord<String, String>> batch, BatchEventHandler all,
            EventHandler one) {
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                List<Received> wanted = new ArrayList<>();
                for (ConsumerRecord<String, String> record : batch) {
                    Received read = read(record);
                    if (handled.contains(read.type())) {
                        wanted.add(read);
                    }
                }
                List<Received> received = claimNew(consumer, wanted);
                List<CloudEvent> events = received.stream().map(Received::event).toList();
                try (EventTracing.Processing spans = tracing.process(consumer, received.stream().map(Received::record).toList(), events)) {
                    try {
                        all.handleAll(events);
                    } catch (Exception e) {
                        spans.failed(e);
                        throw e;
                    }
                }
                metrics.counter("wanjia.inbox.processed", "consumer", consumer).increment(events.size());
                metrics.counter("wanjia.inbox.duplicates", "consumer", consumer).increment(wanted.size() - events.size());
                metrics.counter("wanjia.inbox.ignored", "consumer", consumer).increment(batch.size() - wanted.size());
                return events.size();
            });
        } catch (RuntimeException batchFailure) {
            if (Failures.isUnavailable(batchFailure)) {
                dropDeadConnections();
                if (!databaseAnswers()) {
                    throw batchFailure;
                }
            }
            LOG.debugf("%s applies a batch of %d one by one: %s", consumer, batch.size(), reasonOf(batchFailure));
            metrics.counter("wanjia.inbox.batches-split", "consumer", consumer).increment();
            int applied = 0;
            for (ConsumerRecord<String, String> record : batch) {
                applied += processAlone(consumer, handled, record, one) ? 1 : 0;
            }
            return applied;
        }
    }

    /** An event of the catalogue and the record it was read from. */
    private record Received(ConsumerRecord<String, String> record, CloudEvent event, EventType type) {
    }

    /**
     * Records every event of {@code batch} as processed in one statement and returns those not processed
     * before, in batch order (an id repeated within the batch counts once).
     */
    private List<Received> claimNew(String consumer, List<Received> batch) throws SQLException {
        Map<String, Received> events = new LinkedHashMap<>();
        for (Received received : batch) {
            events.putIfAbsent(received.event().id(), received);
        }
        if (events.isEmpty()) {
            return List.of();
        }
        Set<String> claimed = new HashSet<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement claim = connection.prepareStatement(CLAIM_ALL)) {
            claim.setString(1, consumer);
            claim.setTimestamp(2, Timestamp.from(clock.instant()));
            claim.setArray(3, connection.createArrayOf("text", events.keySet().toArray()));
            try (ResultSet rows = claim.executeQuery()) {
                while (rows.next()) {
                    claimed.add(rows.getString(1));
                }
            }
        }
        return events.values().stream().filter(e -> claimed.contains(e.event().id())).toList();
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

    private boolean processAlone(String consumer, Set<EventType> handled, ConsumerRecord<String, String> record, EventHandler handler) {
        RuntimeException failure = null;
        for (int attempt = 1; attempt <= TRANSIENT_ATTEMPTS; attempt++) {
            try {
                return QuarkusTransaction.requiringNew().call(() -> {
                    Received read = read(record);
                    if (!handled.contains(read.type())) {
                        return false;
                    }
                    CloudEvent event = read.event();
                    try (EventTracing.Processing span = tracing.process(consumer, List.of(record), List.of(event))) {
                        try {
                            return apply(consumer, event, e -> tracing.asCurrent(e, () -> handler.handle(e)));
                        } catch (RuntimeException e) {
                            span.failed(e);
                            throw e;
                        }
                    }
                });
            } catch (RuntimeException e) {
                boolean unavailable = Failures.isUnavailable(e);
                if (unavailable) {
                    dropDeadConnections();
                    if (!databaseAnswers()) {
                        throw e;
                    }
                }
                failure = e;
                // A connection lost while the database answers (one that died in a restart, one an administrator
                // ended) is tried again like a write conflict: the record is not at fault.
                if (!Failures.isTransient(e) && !unavailable) {
                    break;
                }
            }
        }
        String reason = reasonOf(failure);
        String origin = record.topic() + "-" + record.partition() + "@" + record.offset();
        LOG.warnf("%s dead-letters %s: %s", consumer, origin, reason);
        // Recorded under where it was read and its ce_id together: a redelivery of this record is recognised, while the
        // same event sent again once its cause is mended (a consumer upgraded for a new type, a replay from the DLQ)
        // is processed, and a topic recreated from offset 0 does not meet the old records' entries.
        String id = CloudEvent.headersOf(record).get(CloudEvent.ID);
        String claimed = CloudEvent.usableId(id) ? origin + " " + id : origin;
        QuarkusTransaction.requiringNew().run(() -> {
            if (claim(consumer, claimed, "DEAD_LETTERED")) {
                outbox.deadLetter(DeadLetter.of(record, consumer, origin, reason));
            }
        });
        metrics.counter("wanjia.inbox.dead-lettered", "consumer", consumer).increment();
        return false;
    }

    /** The record as an event of the contract, or a {@link RejectedEventException} saying why it is not one. */
    private Received read(ConsumerRecord<String, String> record) {
        CloudEvent event = CloudEvent.read(record, json::readTree);
        return new Received(record, event, contract.check(record.topic(), event));
    }

    private static String reasonOf(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause && !(cause instanceof RejectedEventException)) {
            cause = cause.getCause();
        }
        String reason = cause instanceof RejectedEventException ? cause.getMessage()
                : "processing failed: " + cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
        String masked = Redaction.mask(reason);
        return masked.length() > MAX_REASON ? masked.substring(0, MAX_REASON) : masked;
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
