package io.wanjia.household;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.wanjia.contracts.Gender;
import io.wanjia.contracts.Education;
import io.wanjia.household.domain.EmploymentStatus;
import io.wanjia.household.domain.LabourCapacity;
import io.wanjia.household.domain.MemberFacts;
import io.wanjia.household.domain.OccupationCategory;
import io.wanjia.household.domain.Relation;
import io.wanjia.household.domain.Situation;

/** A member of a household in the real-name register; the national ID is held only encrypted, hashed and masked. */
@Entity
public class Member extends PanacheEntityBase {

    @Id
    public UUID id;
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "household_id")
    public Household household;
    @Column(name = "national_id_cipher")
    public byte[] nationalIdCipher;
    /** The id of the key that sealed {@link #nationalIdCipher}. */
    @Column(name = "national_id_key")
    public String nationalIdKey;
    @Column(name = "national_id_hash")
    public String nationalIdHash;
    /** The id of the key that made {@link #nationalIdHash}. */
    @Column(name = "national_id_hash_key")
    public String nationalIdHashKey;
    @Column(name = "national_id_masked")
    public String nationalIdMasked;
    public String name;
    @Enumerated(EnumType.STRING)
    public Relation relation;
    @Column(name = "birth_date")
    public LocalDate birthDate;
    @Enumerated(EnumType.STRING)
    public Gender gender;
    @Enumerated(EnumType.STRING)
    public Education education;
    /** Comma-separated skill tags. */
    public String skills;
    @Enumerated(EnumType.STRING)
    @Column(name = "labour_capacity")
    public LabourCapacity labourCapacity;
    @Column(name = "willing_to_work")
    public boolean willingToWork;
    @Enumerated(EnumType.STRING)
    @Column(name = "occupation_category")
    public OccupationCategory occupationCategory;
    @Enumerated(EnumType.STRING)
    public EmploymentStatus status;
    /** When the current status began; null when it began before registration on an unknown date. */
    @Column(name = "status_since")
    public LocalDate statusSince;
    @Column(name = "business_income")
    public boolean businessIncome;
    @Column(name = "current_placement_id")
    public UUID currentPlacementId;
    @Column(name = "working_age_from")
    public LocalDate workingAgeFrom;
    @Column(name = "retirement_on")
    public LocalDate retirementOn;
    /** The day the member graduated from college or technical school (大中专毕业生); null: not a graduate. */
    @Column(name = "graduated_on")
    public LocalDate graduatedOn;
    /**
     * The business date the member last became a graduate in need ({@code graduate-registered} went out then); null while
     * not one. Only {@code ZeroEmploymentTransitions} sets it.
     */
    @Column(name = "graduate_need_since")
    public LocalDate graduateNeedSince;
    /** Whether the member's identity claim went out (README, "Identity across a city"); only {@code IdentityClaims} sets it. */
    @Column(name = "claim_published")
    public boolean claimPublished;

    /** The member's employment situation: status, since when, from which placement. */
    public Situation situation() {
        return new Situation(status, statusSince, currentPlacementId);
    }

    /** Takes {@code situation} as the member's (only {@code ZeroEmploymentTransitions}' door calls this). */
    public void moveTo(Situation situation) {
        status = situation.status();
        statusSince = situation.since();
        currentPlacementId = situation.placementId();
    }

    /** The facts the zero-employment rule decides on. */
    public MemberFacts facts() {
        return new MemberFacts(id, birthDate, gender, occupationCategory, labourCapacity, willingToWork, status, businessIncome);
    }

    /** Keeps the age-derived dates in step with the birth date, gender and category. */
    public void refreshAgeDates() {
        MemberFacts facts = facts();
        workingAgeFrom = facts.workingAgeFrom();
        retirementOn = facts.retirementOn();
    }

    public List<String> skillList() {
        return skills == null || skills.isBlank() ? List.of() : Arrays.asList(skills.split(","));
    }

    /** The member with exactly this hash; a lookup by a typed ID uses {@link #byNationalIdHashes} (every key of the ring). */
    public static Member byNationalIdHash(String hash) {
        return find("nationalIdHash", hash).firstResult();
    }

    /**
     * The member whose national ID has one of these hashes (the typed ID under each hash key of the ring), if
     * registered: rows hashed under an older key are found until they are re-keyed.
     */
    public static Member byNationalIdHashes(List<String> hashes) {
        return find("nationalIdHash in ?1", hashes).firstResult();
    }
}
