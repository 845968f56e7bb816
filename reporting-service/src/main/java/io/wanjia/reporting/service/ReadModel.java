package io.wanjia.reporting.service;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Identifier;
import io.wanjia.commons.audit.AuditTrail;
import io.wanjia.commons.cloudevents.CloudEvent;
import io.wanjia.commons.cloudevents.EventContract;
import io.wanjia.commons.inbox.RejectedEventException;
import io.wanjia.commons.jdbc.SqlValues;
import io.wanjia.commons.problem.ProblemException;
import io.wanjia.commons.problem.Redaction;
import io.wanjia.commons.tx.WriteBehind;

/**
 * Which generation of the read model answers queries, and the rebuild that makes the next one from the
 * topics without stopping the API: the new generation is filled beside the active one; the last stretch
 * and the switch happen under an exclusive lock that live consumption waits on, so no event is missed or
 * applied out of order; the old generation is then deleted.
 */
@ApplicationScoped
public class ReadModel {

    private static final Logger LOG = Logger.getLogger(ReadModel.class);
    private static final long SWITCH_LOCK = 0x52455045L;
    /** Under which a rebuild's batch lets its commit return before its WAL is on disk. */
    private static final Object ASYNC_COMMIT = new Object();
    /** Every table whose rows belong to a generation: the facts, then the counters kept from them (V2__tally.sql). */
    private static final List<String> GENERATION_TABLES = List.of("episode", "case_fact", "escalation_fact", "placement_fact",
            "identification_fact", "training_fact", "target_case_fact",
            "member_status", "report_fact", "household_employment", "tally_delta", "tally");

    /** The topics the live consumer reads (one district's, or every district's for a city): a rebuild reads the same. */
    @ConfigProperty(name = "mp.messaging.incoming.all-events.topics")
    List<String> topics;
    @Inject
    EntityManager em;
    @Inject
    Projection projection;
    @Inject
    EventContract contract;
    @Inject
    ObjectMapper json;
    @Inject
    Clock clock;
    @Inject
    AuditTrail audit;
    @Inject
    WriteBehind writes;
    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    private static final Object GENERATION = new Object();

    @Inject
    jakarta.transaction.TransactionSynchronizationRegistry transactions;

    private volatile Thread rebuilding;

    /** The state of the read model and of the last rebuild. */
    public record State(int activeGeneration, Integer buildingGeneration, Instant rebuildStartedAt, Instant rebuildFinishedAt,
            Long rebuildEvents, String rebuildError) {
    }

    /**
     * For live consumption: waits while a rebuild switches generations, then returns the active one; call
     * inside the transaction that applies the events.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int activeForWriting() {
        Object known = transactions.getResource(GENERATION);
        if (known != null) {
            return (Integer) known;
        }
        em.createNativeQuery("SELECT pg_advisory_xact_lock_shared(?1)").setParameter(1, SWITCH_LOCK).getSingleResult();
        int generation = active();
        transactions.putResource(GENERATION, generation);
        return generation;
    }

    /** The generation queries read. */
    public int active() {
        return ((Number) em.createNativeQuery("SELECT active_generation FROM read_model WHERE id = 1").getSingleResult()).intValue();
    }

    public State state() {
        Object[] r = (Object[]) em.createNativeQuery("""
                SELECT active_generation, building_generation, rebuild_started_at, rebuild_finished_at, rebuild_events, rebuild_error
                FROM read_model WHERE id = 1""").getSingleResult();
        return new State(((Number) r[0]).intValue(), r[1] == null ? null : ((Number) r[1]).intValue(),
                r[2] == null ? null : SqlValues.instant(r[2]), r[3] == null ? null : SqlValues.instant(r[3]),
                r[4] == null ? null : ((Number) r[4]).longValue(), (String) r[5]);
    }

    /** Starts a rebuild in the background; 409 if one runs. */
    public synchronized State startRebuild(String actor) {
        if (rebuilding != null && rebuilding.isAlive()) {
            throw ProblemException.conflict("rebuild", "one-at-a-time", "a rebuild is already running");
        }
        int next = QuarkusTransaction.requiringNew().call(() -> {
            int active = active();
            audit.recordAs(actor, "read-model", "generation", "REBUILD", Map.of("activeGeneration", active),
                    Map.of("building", active + 1));
            em.createNativeQuery("""
                    UPDATE read_model SET building_generation = ?1, rebuild_started_at = ?2, rebuild_finished_at = NULL,
                    rebuild_events = 0, rebuild_error = NULL WHERE id = 1""")
                    .setParameter(1, active + 1).setParameter(2, Timestamp.from(clock.instant())).executeUpdate();
            return active + 1;
        });
        QuarkusTransaction.requiringNew().run(() -> deleteGeneration(next));
        rebuilding = new Thread(() -> rebuild(next), "read-model-rebuild");
        rebuilding.setDaemon(true);
        rebuilding.start();
        return QuarkusTransaction.requiringNew().call(this::state);
    }

    /** Waits for a running rebuild (tests and benchmarks); returns the state after it. */
    public State awaitRebuild(Duration timeout) throws InterruptedException {
        Thread thread = rebuilding;
        if (thread != null) {
            thread.join(timeout.toMillis());
        }
        return QuarkusTransaction.requiringNew().call(this::state);
    }

    private void rebuild(int generation) {
        AtomicLong applied = new AtomicLong();
        Properties props = new Properties();
        props.putAll(kafkaConfig);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            readUpToEnd(consumer, partitions, generation, applied, true);
            // The generation's counters, from what its transactions wrote with the counters deferred; the last stretch
            // below is counted by the triggers, on top, as live facts are.
            QuarkusTransaction.requiringNew().run(() -> {
                requireEveryBatchKept(applied.get());
                em.createNativeQuery("SELECT recount(?1)").setParameter(1, generation).getSingleResult();
            });
            QuarkusTransaction.requiringNew().run(() -> {
                em.createNativeQuery("SELECT pg_advisory_xact_lock(?1)").setParameter(1, SWITCH_LOCK).getSingleResult();
                readUpToEnd(consumer, partitions, generation, applied, false);
                // Labour reports read from the raw topic before reporting counted them from household-service's events
                // (one row per report, no '#' in its id) are in no topic this rebuild reads: carried over as they are.
                em.createNativeQuery("""
                        INSERT INTO report_fact (generation, event_id, district_code, type, occurred_on, reports)
                        SELECT ?1, event_id, district_code, type, occurred_on, reports FROM report_fact
                        WHERE generation = ?1 - 1 AND strpos(event_id, '#') = 0 ON CONFLICT DO NOTHING""")
                        .setParameter(1, generation).executeUpdate();
                em.createNativeQuery("""
                        UPDATE read_model SET active_generation = ?1, building_generation = NULL, rebuild_finished_at = ?2,
                        rebuild_events = ?3 WHERE id = 1""").setParameter(1, generation)
                        .setParameter(2, Timestamp.from(clock.instant())).setParameter(3, applied.get()).executeUpdate();
            });
            QuarkusTransaction.requiringNew().run(() -> deleteGeneration(generation - 1));
            LOG.infof("read model rebuilt as generation %d from %d events", generation, applied.get());
        } catch (RuntimeException e) {
            LOG.errorf("read model rebuild of generation %d failed: %s", generation, Redaction.stackTrace(e));
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                    "UPDATE read_model SET building_generation = NULL, rebuild_error = ?1 WHERE id = 1")
                    .setParameter(1, e.getClass().getSimpleName()).executeUpdate());
        }
    }

    /** A batch read ahead of its transaction; the last one marks the end, or the reader's failure. */
    private record ReadAhead(List<CloudEvent> events, boolean last, Throwable failure) {
    }

    /**
     * Applies every record up to the end offsets taken now, in batches of one transaction each; with {@code deferred}
     * the counters' triggers pass over the batches ({@link Projection#deferCounters}). A second thread polls the next
     * batches and reads them (parses each record and checks it against the contract) while this one's transaction
     * writes, so that on two cores the rebuild reads while PostgreSQL writes (bench/README.md, session 21); it has the
     * consumer to itself until the end is read. Two read batches wait in the queue at most, and a third in the reader's
     * hands.
     */
    private void readUpToEnd(KafkaConsumer<String, String> consumer, List<TopicPartition> partitions, int generation,
            AtomicLong applied, boolean deferred) {
        BlockingQueue<ReadAhead> ready = new ArrayBlockingQueue<>(2);
        Thread reader = new Thread(() -> readAhead(consumer, partitions, ready), "read-model-rebuild-reader");
        reader.start();
        try {
            ReadAhead batch;
            while (!(batch = ready.take()).last()) {
                List<CloudEvent> events = batch.events();
                QuarkusTransaction.joiningExisting().run(() -> {
                    if (deferred) {
                        projection.deferCounters();
                        commitWithoutWaitingForTheDisk();
                        // Counted up with the batch, so that a batch lost to a PostgreSQL stop is missed at the end.
                        em.createNativeQuery("UPDATE read_model SET rebuild_events = rebuild_events + ?1 WHERE id = 1")
                                .setParameter(1, events.size()).executeUpdate();
                    }
                    events.forEach(event -> projection.apply(generation, event));
                });
                applied.addAndGet(events.size());
            }
            if (batch.failure() instanceof Error error) {
                throw error;
            }
            if (batch.failure() instanceof RuntimeException exception) {
                throw exception;
            }
            if (batch.failure() != null) {
                throw new IllegalStateException("the rebuild's reader failed", batch.failure());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the rebuild was interrupted", e);
        } finally {
            stop(reader);
        }
    }

    /** Stops the reader (still reading only if a batch failed here) and waits until it lets the consumer go. */
    private static void stop(Thread reader) {
        boolean interrupted = Thread.interrupted();
        reader.interrupt();
        while (true) {
            try {
                reader.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The reader's part of {@link #readUpToEnd}: every record up to the end offsets taken now, read, in batches; then the
     * end, with whatever stopped it — an error too, or the applying side would wait for the end forever.
     */
    private void readAhead(KafkaConsumer<String, String> consumer, List<TopicPartition> partitions, BlockingQueue<ReadAhead> ready) {
        Throwable failure = null;
        try {
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions));
            while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                List<CloudEvent> events = new ArrayList<>();
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    try {
                        CloudEvent event = CloudEvent.read(record, json::readTree);
                        contract.check(record.topic(), event);
                        events.add(event);
                    } catch (RejectedEventException e) {
                        // dead-lettered when it was first consumed
                    }
                }
                if (!events.isEmpty()) {
                    ready.put(new ReadAhead(events, false, null));
                }
            }
        } catch (InterruptedException e) {
            return; // the applying side stopped
        } catch (Throwable e) {
            failure = e;
        }
        try {
            ready.put(new ReadAhead(List.of(), true, failure));
        } catch (InterruptedException e) {
            // the applying side stopped
        }
    }

    /**
     * Lets this transaction's commit return before its WAL reaches the disk ({@code synchronous_commit = off}, for the
     * transaction only): a rebuild's batch, whose generation nothing reads until the switch. Should PostgreSQL stop
     * meanwhile, the batches it had not written yet are lost, and with each its count of events
     * ({@link #requireEveryBatchKept} then fails the rebuild, which is started again and deletes what it wrote); the
     * recount before the switch commits as every transaction does, and so makes the batches before it durable with it
     * (the WAL is one sequence).
     */
    private void commitWithoutWaitingForTheDisk() {
        writes.first(ASYNC_COMMIT, connection -> {
            try (PreparedStatement async = connection.prepareStatement("SET LOCAL synchronous_commit = off")) {
                async.execute();
            }
        });
    }

    /**
     * Fails the rebuild unless every batch it applied is still there: each counted its events up in the read model's
     * row in its own transaction, so a batch PostgreSQL lost in a stop (its commit had not waited for the disk) is missing
     * from the sum.
     */
    private void requireEveryBatchKept(long applied) {
        long kept = ((Number) em.createNativeQuery("SELECT rebuild_events FROM read_model WHERE id = 1").getSingleResult()).longValue();
        if (kept != applied) {
            throw new IllegalStateException("the rebuild applied " + applied + " events, of which PostgreSQL kept " + kept
                    + " (it stopped meanwhile): rebuild again");
        }
    }

    private void deleteGeneration(int generation) {
        TallyCompactor.lockOutFolds(em);
        for (String table : GENERATION_TABLES) {
            em.createNativeQuery("DELETE FROM " + table + " WHERE generation = ?1").setParameter(1, generation).executeUpdate();
        }
    }
}
