package io.wanjia.household.service;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.wanjia.household.Household;
import io.wanjia.household.domain.EmploymentStatus;
import io.wanjia.household.domain.HouseholdStatus;
import io.wanjia.household.domain.ZeroEmploymentRule;

/**
 * What the audit trail keeps of a household before and after a change an event or the passage of time made (a
 * labour report, a placement, a birthday): the decision and each member's situation, by member id — no name, no
 * national ID, no birth date. Case workers' changes keep the full {@link AuditedHousehold} instead.
 */
public record AuditedState(HouseholdStatus status, LocalDate zeroEmploymentSince, List<MemberState> members) {

    /** One member's situation as the rule sees it on the day. */
    public record MemberState(UUID memberId, EmploymentStatus status, LocalDate statusSince, boolean counted) {
    }

    /** {@code household} as it stands, the rule applied on {@code on}. */
    public static AuditedState of(Household household, LocalDate on) {
        return new AuditedState(household.status, household.zeroEmploymentSince, household.members.stream()
                .map(m -> new MemberState(m.id, m.status, m.statusSince, ZeroEmploymentRule.counts(m.facts(), on))).toList());
    }
}
