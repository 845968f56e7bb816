package io.wanjia.household.rest;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import io.wanjia.contracts.Gender;
import io.wanjia.household.Household;
import io.wanjia.household.Member;
import io.wanjia.contracts.Cohort;
import io.wanjia.contracts.Education;
import io.wanjia.household.domain.EmploymentStatus;
import io.wanjia.household.domain.ExitReason;
import io.wanjia.household.domain.HouseholdStatus;
import io.wanjia.household.domain.LabourCapacity;
import io.wanjia.household.domain.OccupationCategory;
import io.wanjia.household.domain.Relation;
import io.wanjia.household.domain.ZeroEmploymentRule;

/** What household-service answers: national IDs masked, but for an audited reveal. */
public final class HouseholdViews {

    private HouseholdViews() {
    }

    /** A household with its members as of {@code today}. */
    public record HouseholdView(UUID id, String districtCode, String districtName, String street, String community,
            String address, Cohort cohort, LocalDate movedBackOn, boolean minimumLivingAllowance, HouseholdStatus status,
            LocalDate zeroEmploymentSince, LocalDate registeredOn,
            int unreasonableRefusals, ExitReason exitReason, String exitNote, LocalDate exitedOn, String transferredTo,
            String transferredFrom, UUID transferId, long version, List<MemberView> members) {

        public static HouseholdView of(Household h, String districtName, LocalDate today) {
            return new HouseholdView(h.id, h.districtCode, districtName, h.street, h.community, h.address, h.cohort, h.movedBackOn,
                    h.minimumLivingAllowance, h.status, h.zeroEmploymentSince, h.registeredOn, h.unreasonableRefusals, h.exitReason, h.exitNote, h.exitedOn,
                    h.transferredTo, h.transferredFrom, h.transferId, h.version, h.members.stream().map(m -> MemberView.of(m, today)).toList());
        }
    }

    /**
     * A member; {@code counted} is whether the zero-employment rule counts them today; {@code graduateInNeedSince} the day
     * they became a graduate in need (their GRADUATE target runs), else null.
     */
    public record MemberView(UUID id, String nationalId, String name, Relation relation, LocalDate birthDate, int age,
            Gender gender, Education education, List<String> skills, LabourCapacity labourCapacity, boolean willingToWork,
            OccupationCategory occupationCategory, EmploymentStatus status, LocalDate statusSince, boolean businessIncome,
            boolean counted, LocalDate retirementOn, LocalDate graduatedOn, LocalDate graduateInNeedSince) {

        public static MemberView of(Member m, LocalDate today) {
            return new MemberView(m.id, m.nationalIdMasked, m.name, m.relation, m.birthDate, Math.max(0, m.facts().ageOn(today)),
                    m.gender, m.education, m.skillList(), m.labourCapacity, m.willingToWork, m.occupationCategory, m.status,
                    m.statusSince, m.businessIncome, ZeroEmploymentRule.counts(m.facts(), today), m.retirementOn, m.graduatedOn,
                    m.graduateNeedSince);
        }
    }

    /** The person a typed national ID found: which member of which household. */
    public record IdentityMatch(UUID householdId, UUID memberId, HouseholdView household) {
    }

    /** A member's national ID in full, as an audited reveal answers it. */
    public record RevealedNationalId(UUID memberId, String nationalId) {
    }

    /** One audit entry of a household's history. */
    public record HistoryEntry(Instant at, String actor, String action, JsonNode before, JsonNode after) {
    }

    /** A labour report that matched no registered person yet. */
    public record UnmatchedReportView(String eventId, String nationalId, String districtCode, String type,
            LocalDate occurredOn, Instant receivedAt) {
    }

    /** A labour report sent by HTTP was taken (ACCEPTED) or had been before (DUPLICATE); never whether it matched anyone. */
    public record ReportReceipt(String eventId, String outcome) {
    }
}
