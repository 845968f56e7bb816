package io.wanjia.placement;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** 回访: a check on a placement, due some months after it started. */
@Entity
@Table(name = "follow_up")
public class FollowUp extends PanacheEntityBase {

    /** What the visit found. */
    public enum Result {
        STILL_EMPLOYED, LEFT, CHANGED_JOB
    }

    @Id
    public UUID id;
    @Column(name = "placement_id")
    public UUID placementId;
    @Column(name = "district_code")
    public String districtCode;
    @Column(name = "months_after")
    public int monthsAfter;
    @Column(name = "due_on")
    public LocalDate dueOn;
    @Enumerated(EnumType.STRING)
    public Result result;
    public String note;
    @Column(name = "recorded_at")
    public Instant recordedAt;
    @Column(name = "recorded_by")
    public String recordedBy;
}
