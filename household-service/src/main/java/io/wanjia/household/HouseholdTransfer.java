package io.wanjia.household;

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
import io.wanjia.contracts.transfer.TransferFailed;
import io.wanjia.contracts.transfer.TransferRefused;

/**
 * A household moving between two districts of the city (README, "Transfers between districts"), as this side sees it:
 * the district that asked for it keeps an IN record, the district asked an OUT record, under the same id.
 */
@Entity
@Table(name = "household_transfer")
public class HouseholdTransfer extends PanacheEntityBase {

    /** Which side of the transfer this deployment is. */
    public enum Direction {
        /** This deployment asked for the household (it moved here). */
        IN,
        /** This deployment was asked to release it (it moved away). */
        OUT
    }

    /** Where a transfer stands. */
    public enum Status {
        /** Asked, waiting for the sending district's caseworker. */
        REQUESTED,
        /** OUT: released, on its way: the household stays here, unchanged, until the other district has registered it. */
        RELEASED,
        /** The household is registered in the district that asked; OUT: its record here is closed, pointing there. */
        COMPLETED,
        /** The sending district would not release it ({@link #refusalReason}). */
        REFUSED,
        /** The district that asked could not take the released household ({@link #failureReason}); it stays where it was. */
        FAILED
    }

    @Id
    public UUID id;
    @Enumerated(EnumType.STRING)
    public Direction direction;
    @Enumerated(EnumType.STRING)
    public Status status;
    /** This side's district: the one area scope narrows by. */
    @Column(name = "district_code")
    public String districtCode;
    @Column(name = "from_deployment")
    public String fromDeployment;
    @Column(name = "from_district_code")
    public String fromDistrictCode;
    @Column(name = "to_deployment")
    public String toDeployment;
    @Column(name = "to_district_code")
    public String toDistrictCode;
    /** OUT: the household asked for; IN: the household registered here on completion (null before). */
    @Column(name = "household_id")
    public UUID householdId;
    /** IN: the household in the sending district, once released. */
    @Column(name = "from_household_id")
    public UUID fromHouseholdId;
    public String street;
    public String community;
    public String address;
    @Column(name = "requested_on")
    public LocalDate requestedOn;
    @Column(name = "requested_at")
    public Instant requestedAt;
    @Column(name = "requested_by")
    public String requestedBy;
    @Enumerated(EnumType.STRING)
    @Column(name = "refusal_reason")
    public TransferRefused.Reason refusalReason;
    @Enumerated(EnumType.STRING)
    @Column(name = "failure_reason")
    public TransferFailed.Reason failureReason;
    @Column(name = "decided_at")
    public Instant decidedAt;
    @Column(name = "decided_by")
    public String decidedBy;
    public String note;
    @Column(name = "member_count")
    public int memberCount;
}
