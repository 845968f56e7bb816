package io.wanjia.deadline.service;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.wanjia.commons.jdbc.SqlValues;
import io.wanjia.commons.problem.ProblemException;
import io.wanjia.commons.query.Where;
import io.quarkus.security.identity.SecurityIdentity;
import io.wanjia.commons.security.AreaScope;
import io.wanjia.commons.security.Roles;
import io.wanjia.deadline.AssistanceCase;
import io.wanjia.deadline.CaseStep;
import io.wanjia.deadline.domain.Level;
import io.wanjia.deadline.rest.DeadlineViews.CaseView;
import io.wanjia.commons.rest.Page;
import io.wanjia.deadline.rest.DeadlineViews.StepView;
import io.wanjia.deadline.rest.DeadlineViews.TimelineEntry;

/**
 * Reads cases and alerts, always within the caller's area: supervisors oversee every alert of their area, case workers
 * read the ones addressed to case workers (day 10).
 */
@ApplicationScoped
public class CaseQueries {

    @Inject
    EntityManager em;
    @Inject
    AreaScope scope;
    @Inject
    SecurityIdentity identity;
    @Inject
    CaseLifecycle lifecycle;
    @Inject
    Clock clock;
    @Inject
    ObjectMapper json;

    /**
     * Cases in the caller's area, most urgent (fewest days left) first. A household's filter narrows the area, never
     * widens it: another area's household gives an empty page, the same as one without cases.
     */
    public Page<CaseView> cases(AssistanceCase.Status status, Integer maxDaysLeft, Level level, String district, UUID householdId,
            int page, int size) {
        Where where = Where.of("c.districtCode like :area", "area", narrowed(district))
                .and("c.status = :status", "status", status)
                .and("c.lastDay <= :lastDay", "lastDay", maxDaysLeft == null ? null : LocalDate.now(clock).plusDays(maxDaysLeft))
                .and("c.currentLevel = :level", "level", level)
                .and("c.householdId = :household", "household", householdId);
        TypedQuery<AssistanceCase> query = where.bind(em.createQuery("select c from AssistanceCase c where " + where
                + " order by c.lastDay, c.id", AssistanceCase.class));
        TypedQuery<Long> count = where.bind(em.createQuery("select count(c) from AssistanceCase c where " + where, Long.class));
        List<CaseView> items = query.setFirstResult(page * size).setMaxResults(size).getResultList().stream()
                .map(c -> view(c, false)).toList();
        return new Page<>(items, page, size, count.getSingleResult());
    }

    /** One case with its steps and timeline; 404 outside the caller's area. */
    public CaseView caseView(UUID id) {
        AssistanceCase c = em.find(AssistanceCase.class, id);
        if (c == null) {
            throw ProblemException.notFound("case", id);
        }
        scope.require(c.districtCode, "case", id);
        return view(c, true);
    }

    /** Fired alerts the caller reads in their area: unacknowledged first, then the highest level and the oldest. */
    public Page<StepView> inbox(Level level, String district, Boolean acknowledged, int page, int size) {
        Where where = Where.of("c.districtCode like :area", "area", narrowed(district))
                .and("c.id = s.caseId")
                .and("s.state = :fired", "fired", CaseStep.State.FIRED)
                .and("s.recipientRole = :recipient", "recipient", readableRecipient())
                .and("s.level = :level", "level", level)
                .and(acknowledged == null ? null : acknowledged ? "s.acknowledgedAt is not null" : "s.acknowledgedAt is null");
        TypedQuery<Object[]> query = where.bind(em.createQuery("select s, c from CaseStep s, AssistanceCase c where " + where
                + " order by case when s.acknowledgedAt is null then 0 else 1 end, s.level desc, s.firedAt, s.id", Object[].class));
        TypedQuery<Long> count = where.bind(em.createQuery("select count(s) from CaseStep s, AssistanceCase c where " + where,
                Long.class));
        List<StepView> items = query.setFirstResult(page * size).setMaxResults(size).getResultList().stream()
                .map(r -> StepView.of((CaseStep) r[0], (AssistanceCase) r[1])).toList();
        return new Page<>(items, page, size, count.getSingleResult());
    }

    /** A fired step the caller reads in their area (as in their inbox), or 404. */
    public CaseStep alert(long id) {
        CaseStep step = em.find(CaseStep.class, id);
        AssistanceCase c = step == null ? null : em.find(AssistanceCase.class, step.caseId);
        String recipient = readableRecipient();
        if (c == null || step.state != CaseStep.State.FIRED || !scope.covers(c.districtCode)
                || recipient != null && !recipient.equals(step.recipientRole)) {
            throw ProblemException.notFound("escalation", id);
        }
        return step;
    }

    /** The recipient role whose alerts the caller reads, or null for every alert (a supervisor's). */
    private String readableRecipient() {
        return identity.hasRole(Roles.SUPERVISOR) ? null : Roles.CASEWORKER;
    }

    /** The case of a step. */
    public AssistanceCase caseOf(CaseStep step) {
        return em.find(AssistanceCase.class, step.caseId);
    }

    private String narrowed(String district) {
        String area = scope.area();
        if (district == null || district.isBlank() || area.startsWith(district)) {
            return area + "%";
        }
        return district.startsWith(area) ? district + "%" : "-";
    }

    private CaseView view(AssistanceCase c, boolean full) {
        LocalDate today = LocalDate.now(clock);
        LocalDate asOf = c.closedOn != null ? c.closedOn : today;
        List<StepView> steps = null;
        List<TimelineEntry> timeline = null;
        if (full) {
            steps = em.createQuery("select s from CaseStep s where s.caseId = :id order by s.seq", CaseStep.class)
                    .setParameter("id", c.id).getResultList().stream().map(s -> StepView.of(s, c)).toList();
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("SELECT at, type, detail::text FROM case_event WHERE case_id = ?1 ORDER BY id")
                    .setParameter(1, c.id).getResultList();
            timeline = rows.stream().map(r -> new TimelineEntry(SqlValues.instant(r[0]), (String) r[1], readTree((String) r[2]))).toList();
        }
        return new CaseView(c.id, c.householdId, c.districtCode, c.cohort, c.target, c.memberId, c.since, c.clockFrom, c.lastDay, c.deadlineAt, c.status,
                c.outcome, c.closedOn, lifecycle.promiseDay(c, asOf), c.lastDay == null ? null : c.lastDay.toEpochDay() - today.toEpochDay(),
                c.currentLevel, c.identificationStage, steps, timeline);
    }

    private com.fasterxml.jackson.databind.JsonNode readTree(String text) {
        try {
            return json.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
