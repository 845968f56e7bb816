package io.wanjia.deadline;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.wanjia.deadline.domain.Level;
import io.wanjia.deadline.domain.Outcome;
import io.wanjia.deadline.domain.Target;

/** An assistance case (援助案例): one zero-employment episode of a household, against its deadline. */
@Entity
@Table(name = "assistance_case")
public class AssistanceCase extends PanacheEntityBase {

    /** OPEN until the household leaves zero-employment. */
    public enum Status {
        OPEN, CLOSED
    }

    @Id
    public UUID id;
    @Column(name = "household_id")
    public UUID householdId;
    @Column(name = "district_code")
    public String districtCode;
    public String cohort;
    /** What the case is for: the household's promise, or a second-stage target after the first placement. */
    @Enumerated(EnumType.STRING)
    public Target target = Target.HOUSEHOLD;
    /** The member an UNSTABLE_TO_STABLE case is about; else null. */
    @Column(name = "member_id")
    public UUID memberId;
    /** The business date the household became zero-employment: day 1 of the episode. */
    public LocalDate since;
    /**
     * Day 1 of the promise: {@link #since}, or under a policy whose clock starts at confirmation the date the
     * identification was confirmed — null until then, and so are {@link #lastDay} and {@link #deadlineAt}.
     */
    @Column(name = "clock_from")
    public LocalDate clockFrom;
    /** The last day on which a placement meets the promise. */
    @Column(name = "last_day")
    public LocalDate lastDay;
    @Column(name = "deadline_at")
    public Instant deadlineAt;
    /**
     * The policy in force when the case opened (later changes do not apply to it), by the hash of its content: its
     * definition is stored once in {@code case_policy} ({@code Policies.ofCase}).
     */
    @Column(name = "policy_id")
    public String policyId;
    @Enumerated(EnumType.STRING)
    public Status status;
    @Enumerated(EnumType.STRING)
    public Outcome outcome;
    @Column(name = "closed_on")
    public LocalDate closedOn;
    @Column(name = "opened_at")
    public Instant openedAt;
    /** The highest level fired so far. */
    @Enumerated(EnumType.STRING)
    @Column(name = "current_level")
    public Level currentLevel;
    /**
     * Where the household's identification (认定) stands: VERIFY, REVIEW, POSTING, CONFIRM, CONFIRMED, REJECTED or ENDED;
     * null until household-service says an identification opened.
     */
    @Column(name = "identification_stage")
    public String identificationStage;
    /** The id of the event that closed the case: the same event read again (a replay) closes nothing else. */
    @Column(name = "closing_event")
    public String closingEvent;
    @Version
    public long version;

    /**
     * The open case of a household's promise, if any. 'OPEN' and 'HOUSEHOLD' are written into the SQL so that PostgreSQL
     * can use the partial unique index on open cases; as a parameter, a cached generic plan scanned the district index
     * instead (0.7 s at 230,000 cases).
     */
    public static AssistanceCase openFor(UUID householdId) {
        @SuppressWarnings("unchecked")
        List<AssistanceCase> open = getEntityManager()
                .createNativeQuery("SELECT * FROM assistance_case WHERE household_id = ?1 AND status = 'OPEN' AND target = 'HOUSEHOLD'",
                        AssistanceCase.class)
                .setParameter(1, householdId).getResultList();
        return open.isEmpty() ? null : open.get(0);
    }
}
