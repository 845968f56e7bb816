package io.wanjia.household.rest;

import java.time.LocalDate;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.wanjia.contracts.Gender;
import io.wanjia.household.Household;
import io.wanjia.household.Member;
import io.wanjia.contracts.Cohort;
import io.wanjia.contracts.Education;
import io.wanjia.household.domain.EmploymentStatus;
import io.wanjia.household.domain.ExitReason;
import io.wanjia.household.domain.LabourCapacity;
import io.wanjia.household.domain.OccupationCategory;
import io.wanjia.household.domain.Relation;
import io.wanjia.household.service.HouseholdRegister.Enrolment;

/** The bodies household-service accepts, and how each becomes what {@code HouseholdRegister} takes. */
public final class HouseholdRequests {

    private HouseholdRequests() {
    }

    /** Register a household with its members. */
    public record RegisterHousehold(
            @NotBlank @Pattern(regexp = "\\d{6}", message = "must be a 6-digit GB/T 2260 division code") String districtCode,
            @NotBlank @Size(max = 100) String street,
            @NotBlank @Size(max = 100) String community,
            @NotBlank @Size(max = 300) String address,
            @NotNull Cohort cohort,
            @NotEmpty @Size(max = 30) List<@Valid @NotNull NewMember> members,
            LocalDate movedBackOn,
            Boolean minimumLivingAllowance) {

        /** The household to register, without its members. */
        public Household toHousehold() {
            Household household = new Household();
            household.districtCode = districtCode;
            household.street = street.trim();
            household.community = community.trim();
            household.address = address.trim();
            household.cohort = cohort;
            household.movedBackOn = movedBackOn;
            household.minimumLivingAllowance = Boolean.TRUE.equals(minimumLivingAllowance);
            return household;
        }

        /** The members, as the register enrols them. */
        public List<Enrolment> enrolments() {
            return members.stream().map(NewMember::toEnrolment).toList();
        }
    }

    /** A member to add: the national ID fixes birth date and gender, which must agree with it. */
    public record NewMember(
            @NotBlank String nationalId,
            @NotBlank @Size(max = 50) String name,
            @NotNull Relation relation,
            @NotNull LocalDate birthDate,
            @NotNull Gender gender,
            Education education,
            List<@NotBlank @Size(max = 40) @Pattern(regexp = "[^,]+", message = "must not contain a comma") String> skills,
            @NotNull LabourCapacity labourCapacity,
            @NotNull Boolean willingToWork,
            @NotNull OccupationCategory occupationCategory,
            @NotNull EmploymentStatus status,
            LocalDate statusSince,
            Boolean businessIncome,
            LocalDate graduatedOn) {

        /** The national ID as typed, the rest on an unsaved member: the register checks the two agree. */
        public Enrolment toEnrolment() {
            Member member = new Member();
            member.name = name.trim();
            member.relation = relation;
            member.birthDate = birthDate;
            member.gender = gender;
            member.education = education;
            member.skills = skills == null ? "" : String.join(",", skills);
            member.labourCapacity = labourCapacity;
            member.willingToWork = willingToWork;
            member.occupationCategory = occupationCategory;
            member.status = status;
            member.statusSince = statusSince; // null: began before registration, date unknown
            member.businessIncome = Boolean.TRUE.equals(businessIncome);
            member.graduatedOn = graduatedOn;
            return new Enrolment(nationalId, member);
        }
    }

    /** Change a member: absent fields stay as they are; {@code effectiveOn} is the change's business date (default today). */
    public record MemberChange(
            @Size(max = 50) String name,
            Relation relation,
            Education education,
            List<@NotBlank @Size(max = 40) @Pattern(regexp = "[^,]+", message = "must not contain a comma") String> skills,
            LabourCapacity labourCapacity,
            Boolean willingToWork,
            OccupationCategory occupationCategory,
            EmploymentStatus status,
            Boolean businessIncome,
            LocalDate graduatedOn,
            LocalDate effectiveOn) {

        /** Sets the facts this change gives on {@code member}; the status goes to the register apart. */
        public void applyTo(Member member) {
            if (name != null) {
                member.name = name.trim();
            }
            if (relation != null) {
                member.relation = relation;
            }
            if (education != null) {
                member.education = education;
            }
            if (skills != null) {
                member.skills = String.join(",", skills);
            }
            if (labourCapacity != null) {
                member.labourCapacity = labourCapacity;
            }
            if (willingToWork != null) {
                member.willingToWork = willingToWork;
            }
            if (occupationCategory != null) {
                member.occupationCategory = occupationCategory;
            }
            if (businessIncome != null) {
                member.businessIncome = businessIncome;
            }
            if (graduatedOn != null) {
                member.graduatedOn = graduatedOn;
            }
        }
    }

    /** Set a household's cohort; {@code movedBackOn} only for SHANTYTOWN_RELOCATION (the date it moved back). */
    public record CohortChange(@NotNull Cohort cohort, LocalDate movedBackOn) {
    }

    /** Set whether a household receives the minimum living allowance (低保) as of {@code effectiveOn} (default today). */
    public record MinimumLivingAllowanceChange(@NotNull Boolean minimumLivingAllowance, LocalDate effectiveOn) {
    }

    /** Record an exit (退出) with its reason. */
    public record Exit(@NotNull ExitReason reason, @Size(max = 500) String note, LocalDate on) {
    }

    /** Find a person by the national ID typed in full: in a body, so the number never reaches a URL or an access log. */
    public record Lookup(@NotBlank @Size(max = 18) String nationalId) {
    }

    /** Show a member's national ID in full: why, for the audit trail. */
    public record Reveal(@NotBlank @Size(min = 4, max = 500) String reason) {
    }
}
