package io.wanjia.deadline.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.wanjia.commons.cloudevents.CloudEvent;
import io.wanjia.commons.jdbc.SqlValues;
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

/**
 * Fires every due step of every case exactly once. It sleeps until the next due time (read from an index of
 * pending steps, so a pass costs what is due, not what is open), wakes when a case opens or the clock moves,
 * and catches up at once after downtime. Steps are claimed with {@code FOR UPDATE SKIP LOCKED} and fired in
 * the same transaction as their event is written to the outbox, so two instances never fire one step twice.
 */
@ApplicationScoped
public class EscalationEngine {

    @Inject
    EntityManager em;
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

    private WakeableLoop loop;
    private Timer lateness;

    void onStart(@Observes StartupEvent event) {
        lateness = Timer.builder("wanjia.escalation.lateness").description("from a step's due time to its firing")
                .publishPercentiles(0.5, 0.99).register(metrics);
        loop = new WakeableLoop("escalation-engine", this::pass, Duration.ofSeconds(30));
        adjustableClock.onMove(this::wake);
        if (config.engineEnabled()) {
            loop.start();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    /** Starts the engine (after {@link #stop()}, as after a restart). */
    public void start() {
        loop.start();
    }

    /** Stops the engine, as a shutdown would; due steps wait in the table. */
    public void stop() {
        if (loop != null) {
            loop.stop();
        }
    }

    /** Looks for due steps now. */
    public void wake() {
        if (loop != null) {
            loop.wake();
        }
    }

    private Duration pass() {
        if (fireDue(config.engineBatchSize()) == config.engineBatchSize()) {
            return Duration.ZERO;
        }
        Instant next = nextDue();
        if (next == null) {
            return config.engineMaxSleep();
        }
        Duration until = Duration.between(clock.instant(), next);
        if (until.isNegative() || until.isZero()) {
            return Duration.ZERO;
        }
        return until.compareTo(config.engineMaxSleep()) < 0 ? until : config.engineMaxSleep();
    }

    /** The earliest due time of a pending step. */
    Instant nextDue() {
        List<?> rows = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "SELECT due_at FROM case_step WHERE state = 'PENDING' ORDER BY due_at LIMIT 1").getResultList());
        return rows.isEmpty() ? null : SqlValues.instant(rows.get(0));
    }

    /** Fires up to {@code limit} due steps in one transaction; returns how many it fired or cancelled. */
    public int fireDue(int limit) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Instant now = clock.instant();
            @SuppressWarnings("unchecked")
            List<CaseStep> due = em.createNativeQuery("""
                    SELECT * FROM case_step WHERE state = 'PENDING' AND due_at <= ?1
                    ORDER BY due_at, id LIMIT ?2 FOR UPDATE SKIP LOCKED""", CaseStep.class)
                    .setParameter(1, java.sql.Timestamp.from(now)).setParameter(2, limit).getResultList();
            if (!due.isEmpty()) {
                // Their cases in one query, locked (after the steps, in id order: the order close() locks in), so a
                // concurrent close waits for this pass instead of failing it at commit; fire() finds them in the context.
                em.createQuery("FROM AssistanceCase WHERE id IN :ids ORDER BY id", AssistanceCase.class)
                        .setParameter("ids", due.stream().map(step -> step.caseId).distinct().toList())
                        .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList();
            }
            for (CaseStep step : due) {
                fire(step, now);
            }
            return due.size();
        });
    }

    private void fire(CaseStep step, Instant now) {
        AssistanceCase c = em.find(AssistanceCase.class, step.caseId);
        if (c.status != AssistanceCase.Status.OPEN) {
            step.state = CaseStep.State.CANCELLED;
            return;
        }
        step.state = CaseStep.State.FIRED;
        step.firedAt = now;
        if (c.currentLevel == null || step.level.compareTo(c.currentLevel) > 0) {
            c.currentLevel = step.level;
        }
        CloudEvent event;
        if (step.breach) {
            event = outbox.publish(c.householdId, new DeadlineBreached(c.id, c.householdId, c.districtCode, step.day,
                    step.repeat, step.level.name(), step.recipientRole, step.area, step.dueAt, c.target.onEvents()));
            EscalationLadder ladder = policies.ladder(policies.ofCase(c.policyId));
            PlannedStep fired = new PlannedStep(step.seq, true, step.repeat, step.level, step.day, step.recipientRole,
                    step.area, step.dueAt);
            lifecycle.schedule(c, ladder.nextBreach(c.districtCode, c.clockFrom, fired), CaseStep.State.PENDING);
        } else {
            event = outbox.publish(c.householdId, new CaseEscalated(c.id, c.householdId, c.districtCode, step.seq,
                    step.level.name(), step.day, step.recipientRole, step.area, step.dueAt, step.identificationStage, c.target.onEvents()));
        }
        Map<String, Object> detail = new java.util.LinkedHashMap<>(Map.of("level", step.level.name(), "day", step.day,
                "recipientRole", step.recipientRole, "area", step.area));
        if (step.identificationStage != null) {
            detail.put("identificationStage", step.identificationStage); // a sub-deadline of the identification was missed
        }
        lifecycle.timeline(c.id, step.breach ? "DEADLINE_BREACHED" : "ESCALATED", detail);
        webhooks.enqueue(c, step, event);
        lateness.record(Duration.between(step.dueAt, now));
    }
}
