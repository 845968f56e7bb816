package io.wanjia.deadline.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.wanjia.commons.outbox.Outbox;
import io.wanjia.commons.time.AdjustableClock;
import io.wanjia.commons.worker.WakeableLoop;
import io.wanjia.contracts.escalation.CaseEscalated;
import io.wanjia.contracts.escalation.DeadlineBreached;
import io.wanjia.deadline.AssistanceCase;
import io.wanjia.deadline.CaseStep;
import io.wanjia.deadline.config.DeadlineConfig;
import io.wanjia.deadline.domain.EscalationLadder;
import io.wanjia.deadline.domain.EscalationLadder.PlannedStep;
import io.wanjia.deadline.domain.Level;
import io.wanjia.deadline.domain.Target;

/**
 * Fires every due step of every case exactly once. It sleeps until the next due time (read from an index of
 * pending steps, so a pass costs what is due, not what is open), wakes when a case opens or the clock moves,
 * and catches up at once after downtime. Steps are claimed with {@code FOR UPDATE SKIP LOCKED} and fired in
 * the same transaction as their event is written to the outbox, so two instances never fire one step twice — nor two
 * passes of one instance ({@code wanjia.deadline.engine-threads}, 2 by default: one works while the other waits on the
 * database).
 */
@ApplicationScoped
public class EscalationEngine {

    @Inject
    DataSource dataSource;
    @Inject
    Outbox outbox;
    @Inject
    Policies policies;
    @Inject
    CaseLifecycle lifecycle;
    @Inject
    WebhookDispatcher webhooks;
    @Inject
    Clock clock;
    @Inject
    AdjustableClock adjustableClock;
    @Inject
    DeadlineConfig config;
    @Inject
    MeterRegistry metrics;

    /** How soon a pass looks again for a due step it could not take (above: a case another transaction holds). */
    private static final Duration BUSY_PAUSE = Duration.ofMillis(20);

    private volatile List<WakeableLoop> loops = List.of();
    private Timer lateness;

    void onStart(@Observes StartupEvent event) {
        lateness = Timer.builder("wanjia.escalation.lateness").description("from a step's due time to its firing")
                .publishPercentiles(0.5, 0.99).register(metrics);
        List<WakeableLoop> threads = new ArrayList<>();
        int count = config.engineThreads();
        if (count < 1) {
            throw new IllegalStateException("wanjia.deadline.engine-threads must be at least 1 (engine-enabled=false turns the engine off)");
        }
        for (int i = 0; i < count; i++) {
            Share share = new Share(i, count);
            threads.add(new WakeableLoop("escalation-engine-" + (i + 1), () -> pass(share), Duration.ofSeconds(30)));
        }
        loops = List.copyOf(threads);
        adjustableClock.onMove(this::wake);
        if (config.engineEnabled()) {
            start();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    /** Starts the engine (after {@link #stop()}, as after a restart). */
    public void start() {
        loops.forEach(WakeableLoop::start);
    }

    /** Stops the engine, as a shutdown would; due steps wait in the table. */
    public void stop() {
        loops.forEach(WakeableLoop::stop);
    }

    /** Looks for due steps now. */
    public void wake() {
        loops.forEach(WakeableLoop::wake);
    }

    /**
     * The cases one of this instance's passes fires steps for: those whose id hashes to {@code index} of {@code of}. A
     * case's steps are always fired by the same pass, in due order: two passes never split them and commit the later
     * step's event first.
     */
    record Share(int index, int of) {
        static final Share ALL = new Share(0, 1);
        /** The condition on {@code case_step}, with {@code of} and {@code index} as its two parameters. */
        static final String MINE = "(hashtext(case_id::text) & 2147483647) % ? = ?";
    }

    private Duration pass(Share share) {
        if (fireDue(config.engineBatchSize(), share).claimed() == config.engineBatchSize()) {
            return Duration.ZERO; // more may be due
        }
        Instant next = nextDue(share);
        if (next == null) {
            return config.engineMaxSleep();
        }
        Duration until = Duration.between(clock.instant(), next);
        if (until.isNegative() || until.isZero()) {
            // A due step this pass did not take: its case (or the step) is held by another transaction, or it came due
            // just now. Look again shortly rather than at once, which would spin while that transaction runs.
            return BUSY_PAUSE;
        }
        return until.compareTo(config.engineMaxSleep()) < 0 ? until : config.engineMaxSleep();
    }

    /** The earliest due time of a pending step of {@code share}'s cases. */
    Instant nextDue(Share share) {
        return QuarkusTransaction.requiringNew().call(() -> {
            try (Connection db = dataSource.getConnection(); PreparedStatement select = db.prepareStatement(
                    "SELECT min(due_at) FROM case_step WHERE state = 'PENDING' AND " + Share.MINE)) {
                select.setInt(1, share.of());
                select.setInt(2, share.index());
                try (ResultSet rows = select.executeQuery()) {
                    rows.next();
                    Timestamp next = rows.getTimestamp(1);
                    return next == null ? null : next.toInstant();
                }
            }
        });
    }

    /**
     * Fires up to {@code limit} due steps in one transaction; returns how many it fired or cancelled (a step whose case
     * another transaction holds is left for a later pass). Set-based, in
     * plain SQL rather than through entities (bench/README.md, session 18: loading and flushing a pass's thousand
     * entities was most of the engine's time): the due steps claimed in one statement, their cases locked in another,
     * then one update for the fired steps, one for the cancelled, one for the cases whose level rose; events,
     * timeline entries, next breaches and alerts are written in batches at commit.
     */
    public int fireDue(int limit) {
        return fireDue(limit, Share.ALL).handled();
    }

    /** What a pass did: the due steps it claimed, and how many of them it fired or cancelled (the others' cases were busy). */
    private record Pass(int claimed, int handled) {
    }

    private Pass fireDue(int limit, Share share) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Instant now = clock.instant();
            try (Connection db = dataSource.getConnection()) {
                List<Due> due = claim(db, now, limit, share);
                if (due.isEmpty()) {
                    return new Pass(0, 0);
                }
                // Their cases locked after the steps, in id order (the order close() locks in), so a concurrent close
                // waits for this pass instead of failing it at commit. NO KEY UPDATE, as Hibernate's PESSIMISTIC_WRITE
                // (and close()) lock: the pass changes no key, so a timeline or step insert elsewhere, whose foreign key
                // takes KEY SHARE on the case, neither waits for it nor deadlocks with it. SKIP LOCKED: a case another
                // transaction has changed and not committed (a consumer's batch, which may go on to cancel this very
                // step) is left with its steps for a later pass — waiting for it while holding the step deadlocked.
                Map<UUID, Case> cases = lockCases(db, due);
                List<Long> fired = new ArrayList<>();
                List<Long> cancelled = new ArrayList<>();
                Map<UUID, Level> raised = new LinkedHashMap<>();
                List<WebhookDispatcher.Alert> alerts = new ArrayList<>();
                int busy = 0;
                for (Due step : due) {
                    Case c = cases.get(step.caseId());
                    if (c == null) {
                        busy++; // its case is held elsewhere: the step stays pending, released at this commit
                        continue;
                    }
                    if (!c.open()) {
                        cancelled.add(step.id());
                        continue;
                    }
                    fired.add(step.id());
                    Level level = raised.getOrDefault(c.id(), c.currentLevel());
                    if (level == null || step.planned().level().compareTo(level) > 0) {
                        raised.put(c.id(), step.planned().level());
                    }
                    alerts.add(fire(c, step, now));
                }
                update(db, "UPDATE case_step SET state = 'FIRED', fired_at = ? WHERE id = ANY(?)", fired, Timestamp.from(now));
                update(db, "UPDATE case_step SET state = 'CANCELLED' WHERE id = ANY(?)", cancelled, null);
                raiseLevels(db, raised);
                webhooks.enqueue(db, alerts);
                return new Pass(due.size(), due.size() - busy);
            }
        });
    }

    /** A due step, as claimed. */
    private record Due(long id, UUID caseId, PlannedStep planned, String identificationStage) {
    }

    /** What firing a step needs of its case. */
    private record Case(UUID id, UUID householdId, String districtCode, boolean open, Level currentLevel, Target target,
            LocalDate clockFrom, LocalDate lastDay, String policyId) {
    }

    private static List<Due> claim(Connection db, Instant now, int limit, Share share) throws SQLException {
        List<Due> due = new ArrayList<>();
        try (PreparedStatement select = db.prepareStatement("""
                SELECT id, case_id, seq, breach, repeat, level, day, recipient_role, area, due_at, identification_stage
                FROM case_step WHERE state = 'PENDING' AND due_at <= ? AND %s
                ORDER BY due_at, id LIMIT ? FOR UPDATE SKIP LOCKED""".formatted(Share.MINE))) {
            select.setTimestamp(1, Timestamp.from(now));
            select.setInt(2, share.of());
            select.setInt(3, share.index());
            select.setInt(4, limit);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    due.add(new Due(rows.getLong(1), rows.getObject(2, UUID.class), new PlannedStep(rows.getInt(3),
                            rows.getBoolean(4), rows.getInt(5), Level.valueOf(rows.getString(6)), rows.getInt(7),
                            rows.getString(8), rows.getString(9), rows.getTimestamp(10).toInstant()), rows.getString(11)));
                }
            }
        }
        return due;
    }

    private static Map<UUID, Case> lockCases(Connection db, List<Due> due) throws SQLException {
        Map<UUID, Case> cases = new HashMap<>();
        try (PreparedStatement select = db.prepareStatement("""
                SELECT id, household_id, district_code, status, current_level, target, clock_from, last_day, policy_id
                FROM assistance_case WHERE id = ANY(?) ORDER BY id FOR NO KEY UPDATE SKIP LOCKED""")) {
            select.setArray(1, db.createArrayOf("uuid", due.stream().map(Due::caseId).distinct().toArray()));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    String level = rows.getString(5);
                    Case c = new Case(rows.getObject(1, UUID.class), rows.getObject(2, UUID.class), rows.getString(3),
                            AssistanceCase.Status.OPEN.name().equals(rows.getString(4)), level == null ? null : Level.valueOf(level),
                            Target.valueOf(rows.getString(6)), rows.getObject(7, LocalDate.class), rows.getObject(8, LocalDate.class),
                            rows.getString(9));
                    cases.put(c.id(), c);
                }
            }
        }
        return cases;
    }

    /** Writes the step's event, its timeline entry and, for a breach, the next breach; returns its alert. */
    private WebhookDispatcher.Alert fire(Case c, Due due, Instant now) {
        PlannedStep step = due.planned();
        Record payload;
        if (step.breach()) {
            payload = new DeadlineBreached(c.id(), c.householdId(), c.districtCode(), step.day(), step.repeat(),
                    step.level().name(), step.recipientRole(), step.area(), step.dueAt(), c.target().onEvents());
            EscalationLadder ladder = policies.ladder(policies.ofCase(c.policyId()));
            lifecycle.schedule(c.id(), ladder.nextBreach(c.districtCode(), c.clockFrom(), step), CaseStep.State.PENDING);
        } else {
            payload = new CaseEscalated(c.id(), c.householdId(), c.districtCode(), step.seq(), step.level().name(),
                    step.day(), step.recipientRole(), step.area(), step.dueAt(), due.identificationStage(), c.target().onEvents());
        }
        Outbox.Published event = outbox.publish(c.householdId(), payload);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("level", step.level().name());
        detail.put("day", step.day());
        detail.put("recipientRole", step.recipientRole());
        detail.put("area", step.area());
        if (due.identificationStage() != null) {
            detail.put("identificationStage", due.identificationStage()); // a sub-deadline of the identification was missed
        }
        lifecycle.timeline(c.id(), step.breach() ? "DEADLINE_BREACHED" : "ESCALATED", detail);
        lateness.record(Duration.between(step.dueAt(), now));
        return new WebhookDispatcher.Alert(due.id(), c.districtCode(), step.level(), c.lastDay(), step.dueAt(), event, payload);
    }

    private static void update(Connection db, String sql, List<Long> ids, Timestamp at) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement update = db.prepareStatement(sql)) {
            int i = 1;
            if (at != null) {
                update.setTimestamp(i++, at);
            }
            update.setArray(i, db.createArrayOf("bigint", ids.toArray()));
            update.executeUpdate();
        }
    }

    /** The cases whose highest level fired rose, with their version moved on as Hibernate's optimistic lock expects. */
    private static void raiseLevels(Connection db, Map<UUID, Level> raised) throws SQLException {
        if (raised.isEmpty()) {
            return;
        }
        try (PreparedStatement update = db.prepareStatement("""
                UPDATE assistance_case c SET current_level = v.level, version = c.version + 1
                FROM unnest(?::uuid[], ?::text[]) AS v (id, level) WHERE c.id = v.id""")) {
            update.setArray(1, db.createArrayOf("uuid", raised.keySet().toArray()));
            update.setArray(2, db.createArrayOf("text", raised.values().stream().map(Level::name).toArray()));
            update.executeUpdate();
        }
    }
}
