package io.wanjia.household;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Version;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.wanjia.contracts.Cohort;
import io.wanjia.household.domain.ExitReason;
import io.wanjia.household.domain.HouseholdStatus;
import io.wanjia.household.domain.MemberFacts;

/** A registered household (户) and its members; {@code status} is the zero-employment rule's last answer. */
@Entity
public class Household extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "district_code")
    public String districtCode;
    public String street;
    public String community;
    public String address;
    @Enumerated(EnumType.STRING)
    public Cohort cohort;
    /** For a SHANTYTOWN_RELOCATION household, the date it moved back (its target runs from there); else null. */
    @Column(name = "moved_back_on")
    public LocalDate movedBackOn;
    /** Whether the household receives the urban minimum living allowance (低保): it is then in difficulty (issue #17). */
    @Column(name = "minimum_living_allowance")
    public boolean minimumLivingAllowance;
    @Enumerated(EnumType.STRING)
    public HouseholdStatus status;
    @Column(name = "zero_employment_since")
    public LocalDate zeroEmploymentSince;
    @Column(name = "registered_on")
    public LocalDate registeredOn;
    @Column(name = "unreasonable_refusals")
    public int unreasonableRefusals;
    @Enumerated(EnumType.STRING)
    @Column(name = "exit_reason")
    public ExitReason exitReason;
    @Column(name = "exit_note")
    public String exitNote;
    @Column(name = "exited_on")
    public LocalDate exitedOn;
    @Column(name = "exited_by")
    public String exitedBy;
    /** For a household that moved away, the district it moved to (its record here is closed: README, "Transfers"). */
    @Column(name = "transferred_to")
    public String transferredTo;
    /** For a household that moved here from another district of the city, that district. */
    @Column(name = "transferred_from")
    public String transferredFrom;
    /** The transfer that moved it, either way. */
    @Column(name = "transfer_id")
    public UUID transferId;
    @Version
    public long version;

    @OneToMany(mappedBy = "household", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("birthDate")
    public List<Member> members = new ArrayList<>();

    /** The members as the zero-employment rule sees them. */
    public List<MemberFacts> memberFacts() {
        return members.stream().map(Member::facts).toList();
    }

    /** Whether the household has left the programme by an exit. */
    public boolean exited() {
        return status == HouseholdStatus.EXITED;
    }
}
