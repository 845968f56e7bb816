package io.wanjia.placement;

import java.math.BigDecimal;
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
import io.wanjia.contracts.JobKind;

/** A member in work through a post: the facts household-service judges stability by, and how it ended. */
@Entity
public class Placement extends PanacheEntityBase {

    /** ACTIVE while the member works there. */
    public enum Status {
        ACTIVE, ENDED
    }

    @Id
    public UUID id;
    @Column(name = "offer_id")
    public UUID offerId;
    @Column(name = "member_id")
    public UUID memberId;
    @Column(name = "household_id")
    public UUID householdId;
    @Column(name = "post_id")
    public UUID postId;
    @Column(name = "district_code")
    public String districtCode;
    @Enumerated(EnumType.STRING)
    public JobKind kind;
    public String employer;
    @Column(name = "start_date")
    public LocalDate startDate;
    @Column(name = "monthly_wage")
    public BigDecimal monthlyWage;
    @Column(name = "contract_months")
    public Integer contractMonths;
    @Column(name = "social_insurance_paid")
    public boolean socialInsurancePaid;
    @Column(name = "business_licence")
    public boolean businessLicence;
    @Enumerated(EnumType.STRING)
    public Status status;
    @Column(name = "ended_on")
    public LocalDate endedOn;
    @Column(name = "end_reason")
    public String endReason;
    /** When it was made: orders the lists, newest first. */
    @Column(name = "created_at")
    public Instant createdAt;
    @Version
    public long version;
}
