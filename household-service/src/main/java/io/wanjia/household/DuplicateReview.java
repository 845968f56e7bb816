package io.wanjia.household;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * A person this deployment holds whom another deployment of the city holds too, found from the shared identity claims:
 * one row per pair on each side, for a caseworker of the member's district to resolve. Nothing is merged by itself.
 */
@Entity
@Table(name = "duplicate_review")
public class DuplicateReview extends PanacheEntityBase {

    /** Where a review stands. */
    public enum Status {
        /** Waiting for a caseworker here. */
        OPEN,
        /** A caseworker here checked and keeps the person; the other district is to remove its registration. */
        KEPT_HERE,
        /** The member was removed here (by this review or otherwise); the other district keeps the person. */
        REMOVED_HERE,
        /** The other district released its claim: the person is held here alone. */
        RESOLVED_ELSEWHERE
    }

    @Id
    public UUID id;
    @Column(name = "household_id")
    public UUID householdId;
    @Column(name = "member_id")
    public UUID memberId;
    @Column(name = "district_code")
    public String districtCode;
    @Column(name = "other_deployment")
    public String otherDeployment;
    @Column(name = "other_district_code")
    public String otherDistrictCode;
    @Column(name = "other_member_id")
    public UUID otherMemberId;
    @Column(name = "found_at")
    public Instant foundAt;
    @Enumerated(EnumType.STRING)
    public Status status;
    @Column(name = "resolved_at")
    public Instant resolvedAt;
    @Column(name = "resolved_by")
    public String resolvedBy;
    public String note;
}
