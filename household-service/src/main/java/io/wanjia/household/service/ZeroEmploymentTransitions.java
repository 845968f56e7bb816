package io.wanjia.household.service;

import java.time.LocalDate;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.wanjia.commons.outbox.Outbox;
import io.wanjia.contracts.household.Candidate;
import io.wanjia.contracts.household.MemberChanged;
import io.wanjia.contracts.household.MemberSummary;
import io.wanjia.contracts.household.ZeroEmploymentEnded;
import io.wanjia.contracts.household.ZeroEmploymentStarted;
import io.wanjia.household.Household;
import io.wanjia.household.Member;
import io.wanjia.household.domain.HouseholdStatus;
import io.wanjia.household.domain.MemberFacts;
import io.wanjia.household.domain.ZeroEmploymentRule;
import io.wanjia.household.domain.ZeroEmploymentRule.Decision;
import io.wanjia.household.domain.ZeroEmploymentRule.Why;

/**
 * Where a household becomes, or stops being, zero-employment. Every change to a member, whatever its source,
 * ends here: the rule is applied on the change's business date and a transition publishes
 * {@code zero-employment-started} or {@code -ended} through the outbox, in the caller's transaction.
 */
@ApplicationScoped
public class ZeroEmploymentTransitions {

    /** What caused a change: decides the reason an ended state gives. */
    public enum Cause {
        REST, LABOUR_REPORT, PLACEMENT, AGEING, EXIT, REGISTRATION
    }

    @Inject
    Outbox outbox;

    /**
     * Applies the rule to {@code household} as of {@code businessDate} and publishes a transition if the
     * answer changed. The state starts on the latest date a counted member's situation began (never before
     * the change), so late and out-of-order reports start the clock when it really started.
     */
    public void recompute(Household household, LocalDate businessDate, Cause cause) {
        if (household.exited()) {
            return;
        }
        Decision decision = ZeroEmploymentRule.decide(household.memberFacts(), businessDate);
        boolean was = household.status == HouseholdStatus.ZERO_EMPLOYMENT;
        if (decision.zeroEmployment() && !was) {
            LocalDate since = household.members.stream()
                    .filter(m -> decision.counted().stream().anyMatch(c -> c.memberId().equals(m.id)))
                    .map(m -> m.statusSince).filter(d -> d != null && d.isAfter(businessDate))
                    .max(LocalDate::compareTo).orElse(businessDate);
            household.status = HouseholdStatus.ZERO_EMPLOYMENT;
            household.zeroEmploymentSince = since;
            outbox.publish(household.id, new ZeroEmploymentStarted(household.id, household.districtCode, since,
                    household.cohort.name(), candidates(household, decision.counted(), since)));
        } else if (!decision.zeroEmployment() && was) {
            household.status = HouseholdStatus.NOT_ZERO_EMPLOYMENT;
            household.zeroEmploymentSince = null;
            outbox.publish(household.id, new ZeroEmploymentEnded(household.id, household.districtCode,
                    endReason(cause, decision.why()), businessDate));
        }
    }

    /** Leaves the programme by an exit: ends a zero-employment state with reason EXITED. */
    public void exit(Household household, LocalDate on) {
        boolean was = household.status == HouseholdStatus.ZERO_EMPLOYMENT;
        household.status = HouseholdStatus.EXITED;
        household.zeroEmploymentSince = null;
        if (was) {
            outbox.publish(household.id, new ZeroEmploymentEnded(household.id, household.districtCode,
                    ZeroEmploymentEnded.Reason.EXITED, on));
        }
    }

    /** Publishes {@code member-changed} for one member. */
    public void memberChanged(Household household, Member member, String change, Cause source, LocalDate on) {
        outbox.publish(household.id, new MemberChanged(household.id, household.districtCode, summary(member, on), change,
                source.name(), on));
    }

    /** A member as other services may see them on {@code date}: no name, no national ID. */
    public static MemberSummary summary(Member member, LocalDate date) {
        MemberFacts facts = member.facts();
        return new MemberSummary(member.id, Math.max(0, facts.ageOn(date)), member.gender, member.status.name(),
                ZeroEmploymentRule.counts(facts, date));
    }

    private static List<Candidate> candidates(Household household, List<MemberFacts> counted, LocalDate on) {
        return household.members.stream()
                .filter(m -> counted.stream().anyMatch(c -> c.memberId().equals(m.id)))
                .map(m -> new Candidate(m.id, m.facts().ageOn(on), m.gender, m.education == null ? null : m.education.name(),
                        m.skillList()))
                .toList();
    }

    private static ZeroEmploymentEnded.Reason endReason(Cause cause, Why why) {
        if (why == Why.A_MEMBER_IN_STABLE_WORK) {
            return cause == Cause.PLACEMENT ? ZeroEmploymentEnded.Reason.PLACED : ZeroEmploymentEnded.Reason.EMPLOYED_ELSEWHERE;
        }
        return cause == Cause.EXIT ? ZeroEmploymentEnded.Reason.EXITED : ZeroEmploymentEnded.Reason.NO_LONGER_ELIGIBLE;
    }
}
