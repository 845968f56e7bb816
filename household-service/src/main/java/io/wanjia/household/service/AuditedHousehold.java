package io.wanjia.household.service;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.wanjia.contracts.Education;
import io.wanjia.contracts.Gender;
import io.wanjia.household.Household;
import io.wanjia.household.Member;
import io.wanjia.contracts.Cohort;
import io.wanjia.household.domain.EmploymentStatus;
import io.wanjia.household.domain.ExitReason;
import io.wanjia.household.domain.HouseholdStatus;
import io.wanjia.household.domain.LabourCapacity;
import io.wanjia.household.domain.OccupationCategory;
import io.wanjia.household.domain.Relation;
import io.wanjia.household.domain.ZeroEmploymentRule;

/**
 * What the audit trail keeps of a household before and after a case worker's change: the household and its members
 * as the register holds them, national IDs masked, so the history shows what the case worker saw and changed. Changes
 * an event or the passage of time made keep the reduced {@link AuditedState}.
 */
public record AuditedHousehold(UUID id, String districtCode, String street, String community, String address,
        Cohort cohort, LocalDate movedBackOn, boolean minimumLivingAllowance, HouseholdStatus status, LocalDate zeroEmploymentSince,
        LocalDate registeredOn,
        int unreasonableRefusals, ExitReason exitReason, String exitNote, LocalDate exitedOn, long version,
        List<AuditedMember> members) {

    /** A member; {@code counted} is whether the zero-employment rule counts them on the day. */
    public record AuditedMember(UUID id, String nationalId, String name, Relation relation, LocalDate birthDate,
            Gender gender, Education education, List<String> skills, LabourCapacity labourCapacity, boolean willingToWork,
            OccupationCategory occupationCategory, EmploymentStatus status, LocalDate statusSince, boolean businessIncome,
            boolean counted, LocalDate retirementOn, LocalDate graduatedOn) {

        static AuditedMember of(Member m, LocalDate on) {
            return new AuditedMember(m.id, m.nationalIdMasked, m.name, m.relation, m.birthDate, m.gender, m.education,
                    m.skillList(), m.labourCapacity, m.willingToWork, m.occupationCategory, m.status, m.statusSince,
                    m.businessIncome, ZeroEmploymentRule.counts(m.facts(), on), m.retirementOn, m.graduatedOn);
        }
    }

    /** {@code household} as it stands, the rule applied on {@code on}. */
    public static AuditedHousehold of(Household h, LocalDate on) {
        return new AuditedHousehold(h.id, h.districtCode, h.street, h.community, h.address, h.cohort, h.movedBackOn,
                h.minimumLivingAllowance, h.status, h.zeroEmploymentSince, h.registeredOn, h.unreasonableRefusals, h.exitReason, h.exitNote, h.exitedOn,
                h.version, h.members.stream().map(m -> AuditedMember.of(m, on)).toList());
    }
}
