package io.wanjia.deadline.service;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.wanjia.commons.jdbc.SqlValues;
import io.wanjia.commons.outbox.Outbox;
import io.wanjia.commons.tx.AfterCommit;
import io.wanjia.commons.tx.WriteBehind;
import io.wanjia.contracts.Cohort;
import io.wanjia.contracts.EventType;
import io.wanjia.contracts.escalation.CaseClockStarted;
import io.wanjia.contracts.escalation.CaseClosed;
import io.wanjia.contracts.escalation.CaseOpened;
import io.wanjia.contracts.household.ZeroEmploymentEnded;
import io.wanjia.contracts.household.ZeroEmploymentStarted;
import io.wanjia.deadline.AssistanceCase;
import io.wanjia.deadline.CaseStep;
import io.wanjia.deadline.domain.CalendarCoverage;
import io.wanjia.deadline.domain.DayKind;
import io.wanjia.deadline.domain.EscalationLadder;
import io.wanjia.deadline.domain.EscalationLadder.PlannedStep;
import io.wanjia.deadline.domain.GraduateTarget;
import io.wanjia.deadline.domain.Outcome;
import io.wanjia.deadline.domain.Policy;
import io.wanjia.deadline.domain.Target;

/**
 * Opens a case when a household becomes zero-employment and closes it when it stops being so; placement
 * events join the case's timeline. The clock of a case runs from the event's business date, not from when
 * it was processed — or, under a policy whose clock starts at confirmation, from the date the household's
 * identification (认定) was confirmed.
 *
 * <p>Every change is safe to replay long after its event id left the processed-event log (100 days, while the topics
 * keep events for ever): a case stands for one episode, its household and its day 1 ({@code since}), so a start for an
 * episode that has a case, open or closed, changes nothing; the event that closed a case is kept with it, so the same
 * end read again does not close the household's next case; a placement event joins at most one timeline.
 */
@ApplicationScoped
public class CaseLifecycle {

    /** The household's own targets, which follow its promise; a graduate's target follows the member's need instead. */
    private static final Set<Target> HOUSEHOLDS_OWN = EnumSet.of(Target.DOUBLE_EMPLOYMENT, Target.UNSTABLE_TO_STABLE);

    private static final Logger LOG = Logger.getLogger(CaseLifecycle.class);

    @Inject
    MeterRegistry metrics;
    private static final Object WAKE_ENGINE = new Object();
    /** Where the numbers of identification sub-deadline steps start on a case (the ladder's and breaches' stay below). */
    private static final int IDENTIFICATION_SEQ = 10_000;

    @Inject
    Policies policies;
    @Inject
    Outbox outbox;
    @Inject
    EntityManager em;
    @Inject
    ObjectMapper json;
    @Inject
    Clock clock;
    @Inject
    AfterCommit afterCommit;
    @Inject
    EscalationEngine engine;
    @Inject
    WriteBehind writes;
    @Inject
    NewCases newCases;

    /** A household event that concerns the deadline ({@link ZeroEmploymentStarted} or {@link ZeroEmploymentEnded}) and its id. */
    public record Change(String eventId, Record fact) {

        public UUID householdId() {
            return fact instanceof ZeroEmploymentStarted started ? started.householdId() : ((ZeroEmploymentEnded) fact).householdId();
        }
    }

    /**
     * Opens and closes cases for a polled batch of household events (in order) with the same result as one by one:
     * the households' open cases are read in one query and what they had before in another, the new cases and their
     * steps written together at commit ({@link NewCases}).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void openAndClose(List<Change> changes) {
        if (changes.isEmpty()) {
            return; // (and the cases an earlier part of the transaction opened stay in memory for its identifications)
        }
        newCases.write(); // those an earlier part of the transaction opened: the queries below must see them
        UUID[] households = changes.stream().map(Change::householdId).distinct().toArray(UUID[]::new);
        Map<UUID, AssistanceCase> open = new HashMap<>();
        Set<String> episodes = new HashSet<>();
        Set<String> closers = new HashSet<>();
        Map<UUID, List<AssistanceCase>> targets = new HashMap<>();
        if (households.length > 0) {
            // One array parameter and 'OPEN' written into the SQL: PostgreSQL then uses the partial unique index on open
            // cases whatever plan it caches. Panache's "householdId in ?1 and status = ?2" got a generic plan scanning
            // the district index: 0.7 s per batch at 230,000 cases (EXPLAIN ANALYZE in a full bench run).
            @SuppressWarnings("unchecked")
            List<AssistanceCase> cases = em.createNativeQuery(
                    "SELECT * FROM assistance_case WHERE household_id = ANY(?1) AND status = 'OPEN' AND target = 'HOUSEHOLD'",
                    AssistanceCase.class).setParameter(1, households).getResultList();
            cases.forEach(c -> open.put(c.householdId, c));
            // Open second-stage targets: zero-employment again withdraws the household's 双就业, leaving the programme all.
            @SuppressWarnings("unchecked")
            List<AssistanceCase> open2 = em.createNativeQuery("SELECT * FROM assistance_case WHERE household_id = ANY(?1)"
                    + " AND status = 'OPEN' AND target <> 'HOUSEHOLD'", AssistanceCase.class).setParameter(1, households).getResultList();
            open2.forEach(c -> targets.computeIfAbsent(c.householdId, h -> new ArrayList<>()).add(c));
            // Every episode the households had, and the events that closed them: read, not loaded as entities.
            @SuppressWarnings("unchecked")
            List<Object[]> before = em.createNativeQuery(
                    "SELECT household_id, since, closing_event, target FROM assistance_case WHERE household_id = ANY(?1)")
                    .setParameter(1, households).getResultList();
            for (Object[] row : before) {
                if (Target.HOUSEHOLD.name().equals(row[3])) {
                    episodes.add(episode((UUID) row[0], SqlValues.date(row[1])));
                }
                if (row[2] != null) {
                    closers.add((String) row[2]);
                }
            }
        }
        for (Change change : changes) {
            if (change.fact() instanceof ZeroEmploymentStarted started) {
                if (!open.containsKey(started.householdId()) && episodes.add(episode(started.householdId(), started.since()))) {
                    open.put(started.householdId(), openCase(started));
                    withdraw(targets.get(started.householdId()), EnumSet.of(Target.DOUBLE_EMPLOYMENT), started.since(), "ZERO_EMPLOYMENT_AGAIN",
                            change.eventId());
                }
            } else if (change.fact() instanceof ZeroEmploymentEnded ended && closers.add(change.eventId())) {
                AssistanceCase c = open.remove(ended.householdId());
                if (c != null) {
                    closeCase(c, ended, change.eventId());
                    List<AssistanceCase> mine = targets.computeIfAbsent(c.householdId, h -> new ArrayList<>());
                    if (c.outcome == Outcome.TRANSFERRED) {
                        // Every target goes with the household: the new district's case (and a graduate's target there) carries
                        // each on from its own first day.
                        close(mine, EnumSet.allOf(Target.class), ended.on(), "TRANSFERRED", change.eventId(), Outcome.TRANSFERRED);
                    } else if (c.outcome == Outcome.WITHDRAWN) {
                        // An exit takes every target with it; ineligibility takes the household's own (双就业, unstable → stable),
                        // not a graduate's, whose need household-service judges by the member (a 低保 household keeps it).
                        withdraw(mine, ended.reason() == ZeroEmploymentEnded.Reason.EXITED ? EnumSet.allOf(Target.class) : HOUSEHOLDS_OWN,
                                ended.on(), "LEFT_THE_PROGRAMME: " + ended.reason(), change.eventId());
                    } else if (openOf(mine, Target.DOUBLE_EMPLOYMENT, null).isEmpty()) {
                        // The first member in work: the second-stage target 双就业 starts, where a policy turns it on.
                        openTarget(c.householdId, c.districtCode, c.cohort, Target.DOUBLE_EMPLOYMENT, null, ended.on(), ended.on(),
                                "FIRST_MEMBER_IN_WORK", Map.of()).ifPresent(mine::add);
                    }
                }
            }
        }
    }

    /** {@link #openAndClose} for one change (a record retried alone). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void openOrClose(Change change) {
        openAndClose(List.of(change));
    }

    private static String episode(UUID household, LocalDate since) {
        return household + " " + since;
    }

    /**
     * Opens a case with the policy in force for its district and cohort. Its clock starts at once (day 1 the episode's
     * first day, or a relocated household's move-back date), unless the policy starts it at the identification's
     * confirmation: the case is then open without a deadline.
     */
    private AssistanceCase openCase(ZeroEmploymentStarted started) {
        Policy policy = policies.forCase(started.districtCode(), cohort(started.cohort()));
        AssistanceCase c = newCase(started.householdId(), started.districtCode(), started.cohort(), Target.HOUSEHOLD, null,
                started.since(), policy);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("since", c.since.toString());
        detail.put("candidates", started.candidates().size());
        LocalDate clockFrom = policy.clockStarts().clockFrom(c.since, started.movedBackOn());
        if (started.transferredFrom() != null) {
            // It moved here from another district mid-episode (issue #18): day 1 is the episode's first day there, so the
            // promise keeps its day count; its identification, confirmed there, stands.
            detail.put("transferredFrom", started.transferredFrom());
            if (clockFrom == null && started.identificationConfirmedOn() != null) {
                clockFrom = started.identificationConfirmedOn();
            }
        }
        opened(c, policy, clockFrom, detail);
        return c;
    }

    /**
     * Opens a case of a {@code target} other than the household's promise (issue #17) from {@code since}, its clock from
     * {@code clockFrom}, under the policy of its district and cohort; none when the target is off there (no policy set, and
     * none built in). {@code more} joins the OPENED entry of its timeline.
     */
    private Optional<AssistanceCase> openTarget(UUID household, String district, String cohort, Target target, UUID memberId,
            LocalDate since, LocalDate clockFrom, String cause, Map<String, Object> more) {
        return policies.forTarget(district, cohort(cohort), target).map(policy -> {
            AssistanceCase c = newCase(household, district, cohort, target, memberId, since, policy);
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("since", since.toString());
            detail.put("target", target.name());
            if (memberId != null) {
                detail.put("memberId", memberId.toString());
            }
            detail.put("cause", cause);
            detail.putAll(more);
            opened(c, policy, clockFrom, detail);
            return c;
        });
    }

    private AssistanceCase newCase(UUID household, String district, String cohort, Target target, UUID memberId, LocalDate since,
            Policy policy) {
        AssistanceCase c = new AssistanceCase();
        c.id = UUID.randomUUID();
        c.householdId = household;
        c.districtCode = district;
        c.cohort = cohort;
        c.target = target;
        c.memberId = memberId;
        c.since = since;
        c.policyId = policies.idOf(policy);
        c.status = AssistanceCase.Status.OPEN;
        c.openedAt = clock.instant();
        return c;
    }

    /**
     * A new case's clock starts on {@code clockFrom} (null: at the identification's confirmation), the case is written with
     * the transaction's other new cases, and the world is told.
     */
    private void opened(AssistanceCase c, Policy policy, LocalDate clockFrom, Map<String, Object> detail) {
        newCases.add(c);
        if (clockFrom != null) {
            if (!clockFrom.equals(c.since)) {
                detail.put("clockFrom", clockFrom.toString()); // the day the household moved back, or a graduate graduated
            }
            startClock(c, policy, clockFrom, detail);
        } else {
            detail.put("clock", "starts when the identification is confirmed");
        }
        outbox.publish(c.householdId, new CaseOpened(c.id, c.householdId, c.districtCode, c.since, c.deadlineAt,
                policy.lengthDays(), policy.dayKind().name(), c.cohort, c.clockFrom, c.target.onEvents(), c.memberId));
        timeline(c.id, "OPENED", detail);
    }

    /** The cohort an event names, or null for a name this service does not know (general policies only then). */
    private static Cohort cohort(String name) {
        try {
            return name == null ? null : Cohort.valueOf(name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Starts the promise's clock of a case on {@code from}: its deadline, and its ladder's steps scheduled. A clock that
     * starts late (a backdated episode, a confirmation read late) fires only the highest step already due; the lower
     * ones are recorded as skipped. What a timeline should say of it goes into {@code detail}.
     */
    private void startClock(AssistanceCase c, Policy policy, LocalDate from, Map<String, Object> detail) {
        EscalationLadder ladder = policies.ladder(policy);
        Instant now = clock.instant();
        c.clockFrom = from;
        c.lastDay = ladder.lastDay(from);
        c.deadlineAt = ladder.deadline(from);
        List<PlannedStep> steps = ladder.planAt(c.districtCode, from, now);
        List<PlannedStep> skipped = EscalationLadder.alreadyDueToSkip(steps, now);
        for (PlannedStep step : steps) {
            schedule(c.id, step, skipped.contains(step) ? CaseStep.State.SKIPPED : CaseStep.State.PENDING);
        }
        detail.put("deadline", c.deadlineAt.toString());
        if (!skipped.isEmpty()) {
            detail.put("skipped", skipped.stream().map(s -> s.level() + " day " + s.day()).toList());
        }
        if (policy.dayKind() == DayKind.WORKING && !CalendarCoverage.covers(policies.calendar(), from, c.lastDay)) {
            // Never a silent wrong deadline: the clock runs (the household's promise runs regardless), and the timeline
            // says why its working days may be off until the year's notice is loaded.
            detail.put("calendar", "the holiday calendar lacks a year between " + from + " and " + c.lastDay
                    + ": its holidays were counted as working days");
            LOG.errorf("case %s has a working-day deadline through a year the holiday calendar lacks", c.id);
            metrics.counter("wanjia.calendar.uncovered-deadlines").increment();
        }
        afterCommit.run(WAKE_ENGINE, engine::wake);
    }

    /**
     * Closes a case as its household's zero-employment ended. A placement counts from the later of its start and the day
     * it was recorded: a start entered back-dated does not make a late placement look in time (issue #17).
     */
    private void closeCase(AssistanceCase c, ZeroEmploymentEnded ended, String eventId) {
        LocalDate judgedOn = ended.recordedOn() != null && ended.recordedOn().isAfter(ended.on()) ? ended.recordedOn() : ended.on();
        close(c, ended.on(), judgedOn, ended.reason().name(), ended.channel(), eventId, ladder -> switch (ended.reason()) {
            case EXITED, NO_LONGER_ELIGIBLE -> Outcome.WITHDRAWN;
            case TRANSFERRED -> Outcome.TRANSFERRED;
            // Placed before the clock even started (during the identification): the promise was kept.
            case PLACED, EMPLOYED_ELSEWHERE -> c.clockFrom == null ? Outcome.MET : ladder.outcomeOfPlacement(c.clockFrom, judgedOn);
        });
    }

    /**
     * Closes a case on {@code on} for {@code reason}, with the outcome {@code outcome} gives under the case's policy; its
     * day counts to {@code judgedOn} (later than {@code on} for a placement recorded after its start).
     */
    private void close(AssistanceCase c, LocalDate on, LocalDate judgedOn, String reason, String eventId,
            java.util.function.Function<EscalationLadder, Outcome> outcome) {
        close(c, on, judgedOn, reason, null, eventId, outcome);
    }

    /** {@link #close}, by a placement in work of kind {@code channel} (null: not a placement), carried on {@code case.closed}. */
    private void close(AssistanceCase c, LocalDate on, LocalDate judgedOn, String reason, String channel, String eventId,
            java.util.function.Function<EscalationLadder, Outcome> outcome) {
        boolean stored = !newCases.isNew(c); // else opened in this transaction: nobody else has seen it or its steps
        if (stored) {
            // Steps first, then the case: the engine locks in the same order, so the two never deadlock.
            em.createNativeQuery("UPDATE case_step SET state = 'CANCELLED' WHERE case_id = ?1 AND state = 'PENDING'")
                    .setParameter(1, c.id).executeUpdate();
            em.refresh(c, LockModeType.PESSIMISTIC_WRITE); // as the engine left it, if it fired a step meanwhile
        }
        newCases.cancelPending(c.id); // its steps scheduled in this transaction, not written yet
        Policy policy = policies.ofCase(c.policyId);
        c.outcome = outcome.apply(policies.ladder(policy));
        c.status = AssistanceCase.Status.CLOSED;
        c.closedOn = on;
        c.closingEvent = eventId;
        Integer day = promiseDay(c, judgedOn);
        int days = day == null ? 0 : day;
        outbox.publish(c.householdId, new CaseClosed(c.id, c.householdId, c.districtCode, c.outcome.name(), on, days, c.target.onEvents(),
                c.outcome == Outcome.WITHDRAWN ? null : channel));
        Map<String, Object> detail = new LinkedHashMap<>(Map.of("outcome", c.outcome.name(), "reason", reason, "on", on.toString(), "day", days));
        if (!judgedOn.equals(on)) {
            detail.put("recordedOn", judgedOn.toString()); // a back-dated start: judged by the day it was recorded
        }
        if (channel != null) {
            detail.put("channel", channel);
        }
        timeline(c.id, "CLOSED", detail);
        if (stored) {
            // Written now: the household's next case, if the batch opens one, may be written before Hibernate's next flush
            // (NewCases.write) and must not meet this one still open (one open case per household).
            em.flush();
        }
    }

    /** An identification event of household-service for a household's case. */
    public record IdentificationEvent(UUID householdId, String eventId, EventType type, JsonNode data) {
    }

    /**
     * Follows the households' identifications (认定) on their open cases, in order: the stage shows on the case and each
     * step joins the timeline; a rejection withdraws the case with its reason (DESIGN.md: "Rejection withdraws the case").
     * An event of a household without an open case (a declaration the register does not agree with, a case already
     * closed) changes nothing, and one already on a timeline (a replay) changes nothing either. Set-based like
     * {@link #openAndClose}: the cases, the events already seen and the sub-deadline steps are read in three queries
     * for the whole batch (a query per event flushed the batch's entities each time: quadratic in the bench); a case the
     * same transaction opened is taken as it stands in memory, so its identification's stage is part of its insert.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void identifications(List<IdentificationEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        em.flush();
        UUID[] households = events.stream().map(IdentificationEvent::householdId).distinct().toArray(UUID[]::new);
        @SuppressWarnings("unchecked")
        List<AssistanceCase> cases = em.createNativeQuery("SELECT * FROM assistance_case WHERE household_id = ANY(?1) AND status = 'OPEN'"
                + " AND target = 'HOUSEHOLD'", AssistanceCase.class).setParameter(1, households).getResultList();
        Map<UUID, AssistanceCase> open = new HashMap<>();
        cases.forEach(c -> open.put(c.householdId, c));
        for (UUID household : households) {
            newCases.of(household).stream().filter(c -> c.status == AssistanceCase.Status.OPEN && c.target == Target.HOUSEHOLD)
                    .forEach(c -> open.put(household, c));
        }
        @SuppressWarnings("unchecked")
        List<String> seenBefore = em.createNativeQuery("SELECT event_id FROM case_event WHERE event_id = ANY(?1)")
                .setParameter(1, events.stream().map(IdentificationEvent::eventId).toArray(String[]::new)).getResultList();
        Set<String> seen = new HashSet<>(seenBefore);
        Map<UUID, List<CaseStep>> subDeadlines = new HashMap<>();
        if (!cases.isEmpty()) {
            @SuppressWarnings("unchecked")
            List<CaseStep> steps = em.createNativeQuery("SELECT * FROM case_step WHERE case_id = ANY(?1) AND identification_stage IS NOT NULL",
                    CaseStep.class).setParameter(1, cases.stream().map(c -> c.id).toArray(UUID[]::new)).getResultList();
            steps.forEach(step -> subDeadlines.computeIfAbsent(step.caseId, id -> new ArrayList<>()).add(step));
        }
        for (AssistanceCase c : open.values()) { // and those scheduled in this transaction, not written yet
            newCases.stepsOf(c.id).stream().filter(step -> step.identificationStage != null)
                    .forEach(step -> subDeadlines.computeIfAbsent(c.id, id -> new ArrayList<>()).add(step));
        }
        List<Long> met = new ArrayList<>();
        for (IdentificationEvent event : events) {
            AssistanceCase c = open.get(event.householdId());
            if (c == null || !seen.add(event.eventId())) {
                continue;
            }
            JsonNode data = event.data();
            writes.addInOrder("case_event", """
                    INSERT INTO case_event (case_id, at, type, detail, event_id) VALUES (?, ?, ?, CAST(? AS jsonb), ?)
                    ON CONFLICT (event_id) WHERE event_id IS NOT NULL DO NOTHING""",
                    c.id, java.sql.Timestamp.from(clock.instant()), event.type().name(), data.toString(), event.eventId());
            List<CaseStep> steps = subDeadlines.computeIfAbsent(c.id, id -> new ArrayList<>());
            switch (event.type()) {
                case IDENTIFICATION_OPENED -> reach(c, "VERIFY", LocalDate.parse(data.get("openedOn").asText()), steps, met);
                case IDENTIFICATION_STEP_COMPLETED -> reach(c, data.get("stage").asText(), LocalDate.parse(data.get("on").asText()), steps, met);
                case IDENTIFICATION_CONFIRMED -> {
                    LocalDate confirmedOn = LocalDate.parse(data.get("confirmedOn").asText());
                    reach(c, "CONFIRMED", confirmedOn, steps, met);
                    if (c.clockFrom == null) {
                        startClockAtConfirmation(c, confirmedOn);
                    }
                }
                case IDENTIFICATION_REJECTED -> {
                    LocalDate rejectedOn = LocalDate.parse(data.get("on").asText());
                    close(c, rejectedOn, rejectedOn, "IDENTIFICATION_REJECTED: " + data.get("reason").asText(), event.eventId(),
                            ladder -> Outcome.WITHDRAWN);
                    c.identificationStage = "REJECTED";
                    open.remove(c.householdId);
                    @SuppressWarnings("unchecked")
                    List<AssistanceCase> open2 = new ArrayList<>(em.createNativeQuery("SELECT * FROM assistance_case WHERE household_id = ?1"
                            + " AND status = 'OPEN' AND target <> 'HOUSEHOLD'", AssistanceCase.class).setParameter(1, c.householdId).getResultList());
                    open2.addAll(newCases.of(c.householdId).stream().filter(t -> t.target != Target.HOUSEHOLD).toList());
                    withdraw(open2, HOUSEHOLDS_OWN, rejectedOn, "IDENTIFICATION_REJECTED", event.eventId()); // not a graduate's
                }
                default -> throw new IllegalArgumentException(event.type() + " is not an identification event");
            }
        }
        if (!met.isEmpty()) {
            // Only those still pending: the engine may have fired one meanwhile (it locks steps, then their cases).
            em.createNativeQuery("UPDATE case_step SET state = 'CANCELLED' WHERE id = ANY(?1) AND state = 'PENDING'")
                    .setParameter(1, met.toArray(Long[]::new)).executeUpdate();
        }
    }

    /** The clock of a case that waited for the identification's confirmation starts on its date. */
    private void startClockAtConfirmation(AssistanceCase c, LocalDate confirmedOn) {
        Policy policy = policies.ofCase(c.policyId);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("clockFrom", confirmedOn.toString());
        startClock(c, policy, confirmedOn, detail);
        outbox.publish(c.householdId, new CaseClockStarted(c.id, c.householdId, c.districtCode, c.clockFrom, c.deadlineAt,
                policy.lengthDays(), policy.dayKind().name()));
        timeline(c.id, "CLOCK_STARTED", detail);
    }

    /**
     * The identification reached {@code stage} on {@code on}: the previous stage's sub-deadline is met (cancelled if it
     * had not fired), and the new stage's is scheduled by the policy the case opened with. A sub-deadline already past
     * when its event arrives fires at once: the step was late. {@code steps} are the case's sub-deadline steps so far;
     * a pending one scheduled in this transaction (no id yet) is cancelled at once (nobody else has seen it), a stored one
     * is added to {@code met} and cancelled by one conditional statement at the end of the batch.
     */
    private void reach(AssistanceCase c, String stage, LocalDate on, List<CaseStep> steps, List<Long> met) {
        for (CaseStep step : steps) {
            if (step.state != CaseStep.State.PENDING) {
                continue;
            }
            if (step.id == null) {
                step.state = CaseStep.State.CANCELLED;
            } else if (!met.contains(step.id)) {
                met.add(step.id);
            }
        }
        c.identificationStage = stage;
        Policy policy = policies.ofCase(c.policyId);
        policy.identification().of(stage, on, policies.calendar(), clock.getZone()).ifPresent(sub -> {
            CaseStep step = new CaseStep();
            step.caseId = c.id;
            step.seq = IDENTIFICATION_SEQ + steps.size(); // apart from the ladder's and the breaches' numbers
            step.breach = false;
            step.repeat = -1;
            step.level = sub.level();
            step.day = policies.calendar().dayOf(c.since, sub.dueAt().atZone(clock.getZone()).toLocalDate(), policy.dayKind());
            step.recipientRole = sub.recipientRole();
            step.area = c.districtCode.substring(0, sub.areaDigits());
            step.dueAt = sub.dueAt();
            step.identificationStage = stage;
            step.state = CaseStep.State.PENDING;
            newCases.add(step);
            steps.add(step);
            afterCommit.run(WAKE_ENGINE, engine::wake);
        });
    }

    /**
     * A household's {@code member-changed} event (issue #17's second-stage targets follow them), or its
     * {@code graduate-registered} (a member's GRADUATE target opens): {@code type} says which.
     */
    public record MemberChange(UUID householdId, String eventId, EventType type, JsonNode data) {
    }

    /**
     * Follows members' changes for the second-stage targets, in order: a member placed in unstable work (a placement,
     * counted by the rule) of a household in the programme opens UNSTABLE_TO_STABLE for that member where a policy turns it
     * on; that member in stable work closes it MET (or MET_LATE past its deadline), out of work or removed WITHDRAWN; a
     * second counted member in stable work ({@code stableMembers} of 2) closes the household's DOUBLE_EMPLOYMENT. A
     * {@code graduate-registered} opens the member's GRADUATE target (one open per member), which that member's changes
     * close by {@link GraduateTarget#after}. Set-based: the households' second-stage cases and programme membership are
     * read in two queries per batch. A change read again (a replay) opens nothing twice: a member's target is keyed by the
     * day it began (its unstable work, or its need).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void memberChanges(List<MemberChange> changes) {
        if (changes.isEmpty()) {
            return;
        }
        em.flush();
        newCases.write(); // the queries below must see the cases the transaction opened
        UUID[] households = changes.stream().map(MemberChange::householdId).distinct().toArray(UUID[]::new);
        @SuppressWarnings("unchecked")
        List<AssistanceCase> cases = em.createNativeQuery("SELECT * FROM assistance_case WHERE household_id = ANY(?1) AND target <> 'HOUSEHOLD'",
                AssistanceCase.class).setParameter(1, households).getResultList();
        Map<UUID, List<AssistanceCase>> targets = new HashMap<>();
        cases.forEach(c -> targets.computeIfAbsent(c.householdId, h -> new ArrayList<>()).add(c));
        // A change that closed a case already, read again (a replay long after the inbox forgot its id), closes nothing else.
        Set<String> seen = new HashSet<>();
        cases.stream().filter(c -> c.closingEvent != null).forEach(c -> seen.add(c.closingEvent));
        // The households in the programme (they had a case of their promise), with the cohort of their latest.
        @SuppressWarnings("unchecked")
        List<Object[]> programme = em.createNativeQuery("SELECT DISTINCT ON (household_id) household_id, cohort FROM assistance_case"
                + " WHERE household_id = ANY(?1) AND target = 'HOUSEHOLD' ORDER BY household_id, opened_at DESC")
                .setParameter(1, households).getResultList();
        Map<UUID, String> cohorts = new HashMap<>();
        programme.forEach(r -> cohorts.put((UUID) r[0], (String) r[1]));
        for (MemberChange change : changes) {
            if (seen.contains(change.eventId())) {
                continue;
            }
            JsonNode data = change.data();
            if (change.type() == EventType.GRADUATE_REGISTERED) {
                openGraduate(change.householdId(), data, targets.computeIfAbsent(change.householdId(), h -> new ArrayList<>()));
                continue;
            }
            if (change.type() == EventType.HOUSEHOLD_EXITED) {
                // In work or not, a household that exits leaves its targets: each is withdrawn (its promise's case, if it
                // was zero-employment, closed on the zero-employment-ended just before). One that moved to another district
                // of the city takes them there (issue #18): they close here as transferred.
                LocalDate on = LocalDate.parse(data.get("on").asText());
                if ("TRANSFERRED".equals(data.get("reason").asText())) {
                    close(targets.get(change.householdId()), EnumSet.allOf(Target.class), on,
                            "TRANSFERRED to " + data.path("toDistrictCode").asText(), change.eventId(), Outcome.TRANSFERRED);
                } else {
                    withdraw(targets.get(change.householdId()), EnumSet.allOf(Target.class), on,
                            "LEFT_THE_PROGRAMME: EXITED " + data.get("reason").asText(), change.eventId());
                }
                continue;
            }
            JsonNode member = data.get("member");
            UUID memberId = UUID.fromString(member.get("memberId").asText());
            String status = member.path("employmentStatus").asText();
            LocalDate on = LocalDate.parse(data.get("effectiveOn").asText());
            // A placement entered back-dated is judged by the day it was recorded, as the household's promise is (issue #17).
            LocalDate recorded = data.hasNonNull("recordedOn") ? LocalDate.parse(data.get("recordedOn").asText()) : null;
            LocalDate judged = recorded != null && recorded.isAfter(on) ? recorded : on;
            boolean removed = "REMOVED".equals(data.path("change").asText());
            List<AssistanceCase> mine = targets.computeIfAbsent(change.householdId(), h -> new ArrayList<>());
            if (data.path("stableMembers").asInt() >= 2) {
                // (a change dated before the target began is older news: it cannot close it)
                openOf(mine, Target.DOUBLE_EMPLOYMENT, null).filter(pair -> !on.isBefore(pair.since)).ifPresent(pair -> close(pair, on, judged,
                        "SECOND_MEMBER_IN_STABLE_WORK", change.eventId(), ladder -> ladder.outcomeOfPlacement(pair.clockFrom, judged)));
            }
            Optional<AssistanceCase> unstable = openOf(mine, Target.UNSTABLE_TO_STABLE, memberId).filter(c -> !on.isBefore(c.since));
            if (unstable.isPresent()) {
                AssistanceCase c = unstable.get();
                if (removed) {
                    close(c, on, on, "MEMBER_REMOVED", change.eventId(), ladder -> Outcome.WITHDRAWN);
                } else if ("EMPLOYED_STABLE".equals(status)) {
                    close(c, on, judged, "STABLE_WORK", change.eventId(), ladder -> ladder.outcomeOfPlacement(c.clockFrom, judged));
                } else if (!"EMPLOYED_UNSTABLE".equals(status)) {
                    close(c, on, on, "LEFT_UNSTABLE_WORK: " + status, change.eventId(), ladder -> Outcome.WITHDRAWN);
                }
            } else if (!removed && "PLACEMENT".equals(data.path("source").asText()) && "EMPLOYED_UNSTABLE".equals(status)
                    && member.path("counted").asBoolean() && cohorts.containsKey(change.householdId())
                    && mine.stream().noneMatch(c -> c.target == Target.UNSTABLE_TO_STABLE && memberId.equals(c.memberId) && on.equals(c.since))) {
                openTarget(change.householdId(), data.get("districtCode").asText(), cohorts.get(change.householdId()),
                        Target.UNSTABLE_TO_STABLE, memberId, on, on, "PLACED_IN_UNSTABLE_WORK", Map.of()).ifPresent(mine::add);
            }
            // A graduate's target follows that member's own changes only (dated on or after its first day, as above).
            openOf(mine, Target.GRADUATE, memberId).filter(c -> !on.isBefore(c.since)).ifPresent(c ->
                    GraduateTarget.after(removed, status, member.path("counted").asBoolean()).ifPresent(closing -> close(c, on,
                            closing.met() ? judged : on, closing.reason(), change.eventId(),
                            ladder -> closing.met() ? ladder.outcomeOfPlacement(c.clockFrom, judged) : Outcome.WITHDRAWN)));
        }
    }

    /**
     * Opens the member's GRADUATE target from the day they became a graduate in need, its clock from the later of that day
     * and the graduation, unless one is open for the member (one need at a time) or the need of that day has a case
     * already (a replay).
     */
    private void openGraduate(UUID household, JsonNode data, List<AssistanceCase> mine) {
        UUID memberId = UUID.fromString(data.get("memberId").asText());
        LocalDate registeredOn = LocalDate.parse(data.get("registeredOn").asText());
        LocalDate graduatedOn = LocalDate.parse(data.get("graduatedOn").asText());
        if (openOf(mine, Target.GRADUATE, memberId).isPresent()
                || mine.stream().anyMatch(c -> c.target == Target.GRADUATE && memberId.equals(c.memberId) && registeredOn.equals(c.since))) {
            return;
        }
        Map<String, Object> more = new LinkedHashMap<>();
        more.put("graduatedOn", graduatedOn.toString());
        List<String> grounds = new ArrayList<>();
        data.path("grounds").forEach(g -> grounds.add(g.asText()));
        more.put("grounds", grounds);
        openTarget(household, data.get("districtCode").asText(), data.path("cohort").asText(null), Target.GRADUATE, memberId,
                registeredOn, GraduateTarget.clockFrom(graduatedOn, registeredOn), "GRADUATE_IN_NEED", more).ifPresent(mine::add);
    }

    /** Withdraws a household's open target cases of {@code targets} on {@code on}. */
    private void withdraw(List<AssistanceCase> cases, Set<Target> targets, LocalDate on, String reason, String eventId) {
        close(cases, targets, on, reason, eventId, Outcome.WITHDRAWN);
    }

    /** Closes a household's open target cases of {@code targets} on {@code on} with {@code outcome}. */
    private void close(List<AssistanceCase> cases, Set<Target> targets, LocalDate on, String reason, String eventId, Outcome outcome) {
        if (cases == null) {
            return;
        }
        for (AssistanceCase c : cases) {
            if (c.status == AssistanceCase.Status.OPEN && targets.contains(c.target)) {
                close(c, on, on, reason, eventId, ladder -> outcome);
            }
        }
    }

    /**
     * Whether some second-stage case is open anywhere: members' changes must be followed then, even after the last
     * policy for a target was removed (one look at the partial index of open targets).
     */
    public boolean anyOpenTarget() {
        return (Boolean) em.createNativeQuery("SELECT EXISTS (SELECT 1 FROM assistance_case WHERE status = 'OPEN' AND target <> 'HOUSEHOLD')")
                .getSingleResult();
    }

    /** The open case of {@code target} (for {@code memberId}, or the household's) among a household's second-stage cases. */
    private static Optional<AssistanceCase> openOf(List<AssistanceCase> cases, Target target, UUID memberId) {
        return cases.stream().filter(c -> c.status == AssistanceCase.Status.OPEN && c.target == target
                && java.util.Objects.equals(c.memberId, memberId)).findFirst();
    }

    /** Adds a placement event (offer, refusal, placement, end) to the household's open case, unless a timeline has it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void note(UUID householdId, String eventId, String type, JsonNode data) {
        AssistanceCase c = AssistanceCase.openFor(householdId);
        if (c != null) {
            writes.addInOrder("case_event", """
                    INSERT INTO case_event (case_id, at, type, detail, event_id) VALUES (?, ?, ?, CAST(? AS jsonb), ?)
                    ON CONFLICT (event_id) WHERE event_id IS NOT NULL DO NOTHING""",
                    c.id, java.sql.Timestamp.from(clock.instant()), type, data.toString(), eventId);
        }
    }

    /** Schedules one planned step of a case: written with the transaction's other new steps ({@link NewCases}). */
    void schedule(UUID caseId, PlannedStep planned, CaseStep.State state) {
        CaseStep step = new CaseStep();
        step.caseId = caseId;
        step.seq = planned.seq();
        step.breach = planned.breach();
        step.repeat = planned.repeat();
        step.level = planned.level();
        step.day = planned.day();
        step.recipientRole = planned.recipientRole();
        step.area = planned.area();
        step.dueAt = planned.dueAt();
        step.state = state;
        newCases.add(step);
    }

    /**
     * Appends to a case's timeline when the transaction commits, in order with its other timeline entries
     * ({@link WriteBehind}: nothing reads the timeline back in the transaction that writes it).
     */
    void timeline(UUID caseId, String type, Object detail) {
        writes.addInOrder("case_event", "INSERT INTO case_event (case_id, at, type, detail) VALUES (?, ?, ?, CAST(? AS jsonb))",
                caseId, java.sql.Timestamp.from(clock.instant()), type, json.valueToTree(detail).toString());
    }

    /**
     * The day of the promise {@code date} is under a case's policy snapshot: 1 on the clock's first day, 0 before it,
     * null while the clock waits for the identification's confirmation.
     */
    public Integer promiseDay(AssistanceCase c, LocalDate date) {
        if (c.clockFrom == null) {
            return null;
        }
        return date.isBefore(c.clockFrom) ? 0 : policies.calendar().dayOf(c.clockFrom, date, policies.ofCase(c.policyId).dayKind());
    }
}
