package io.wanjia.placement;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Version;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A job post offered to a member, accepted or declined (with a reason, reasonable or not). */
@Entity
public class Offer extends PanacheEntityBase {

    /** Where an offer stands. */
    public enum Status {
        MADE, ACCEPTED, DECLINED
    }

    @Id
    public UUID id;
    @Column(name = "member_id")
    public UUID memberId;
    @Column(name = "household_id")
    public UUID householdId;
    @Column(name = "post_id")
    public UUID postId;
    @Column(name = "district_code")
    public String districtCode;
    @Enumerated(EnumType.STRING)
    public Status status;
    public String reason;
    public Boolean reasonable;
    @Column(name = "made_on")
    public LocalDate madeOn;
    @Column(name = "responded_on")
    public LocalDate respondedOn;
    /** When it was made: orders the lists, newest first. */
    @Column(name = "created_at")
    public Instant createdAt;
    @Version
    public long version;
}
