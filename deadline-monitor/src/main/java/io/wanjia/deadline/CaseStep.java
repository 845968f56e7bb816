package io.wanjia.deadline;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.wanjia.deadline.domain.Level;

/**
 * One step of a case's escalation: scheduled (PENDING), fired (an alert in the supervisors' inbox until
 * acknowledged), skipped (a late case fired a higher one instead) or cancelled (the case closed first).
 */
@Entity
@Table(name = "case_step")
public class CaseStep extends PanacheEntityBase {

    /** Where a step stands. */
    public enum State {
        PENDING, FIRED, SKIPPED, CANCELLED
    }

    /**
     * From the column's default, when the step is written: new steps are inserted set-based ({@code NewCases}), never by
     * Hibernate, so a step scheduled in the current transaction has none yet. The sequence still moves 50 at a time (V2,
     * from when Hibernate took blocks of ids with its pooled-lo optimizer): a default's value is never inside a block an
     * earlier version of the service took, so it stays so (moving it by 1 again would hand out ids already used).
     */
    @Id
    public Long id;
    @Column(name = "case_id")
    public UUID caseId;
    public int seq;
    public boolean breach;
    public int repeat;
    @Enumerated(EnumType.STRING)
    public Level level;
    public int day;
    @Column(name = "recipient_role")
    public String recipientRole;
    public String area;
    @Column(name = "due_at")
    public Instant dueAt;
    /** The identification stage whose sub-deadline this step watches; null for the ladder's steps and breaches. */
    @Column(name = "identification_stage")
    public String identificationStage;
    @Enumerated(EnumType.STRING)
    public State state;
    @Column(name = "fired_at")
    public Instant firedAt;
    @Column(name = "acknowledged_at")
    public Instant acknowledgedAt;
    @Column(name = "acknowledged_by")
    public String acknowledgedBy;
    @Column(name = "ack_note")
    public String ackNote;
}
