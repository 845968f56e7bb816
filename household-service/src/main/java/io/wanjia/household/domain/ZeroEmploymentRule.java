package io.wanjia.household.domain;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * 零就业家庭: decides whether a household is zero-employment on a date. A member counts when of working
 * age, able (fully or partly) and willing to work, and not a full-time student, in the military or
 * (early-)retired. The household is zero-employment when at least one member counts, no counted member is
 * in stable employment, and no member has business or investment income.
 */
public final class ZeroEmploymentRule {

    private static final Set<EmploymentStatus> NOT_COUNTED =
            EnumSet.of(EmploymentStatus.STUDENT, EmploymentStatus.MILITARY, EmploymentStatus.RETIRED);

    private ZeroEmploymentRule() {
    }

    /** The answer, with the members it counted and why when the answer is no. */
    public record Decision(boolean zeroEmployment, List<MemberFacts> counted, Why why) {
    }

    /** Why a household is or is not zero-employment. */
    public enum Why {
        ALL_COUNTED_MEMBERS_OUT_OF_STABLE_WORK, NO_COUNTED_MEMBER, A_MEMBER_IN_STABLE_WORK, BUSINESS_OR_INVESTMENT_INCOME
    }

    /** Why a zero-employment state ended, as {@code zero-employment-ended} gives it. */
    public enum EndReason {
        PLACED, EMPLOYED_ELSEWHERE, EXITED, NO_LONGER_ELIGIBLE
    }

    /**
     * The business date a zero-employment state begins when a change dated {@code changedOn} completes it: that date,
     * or the latest date a counted member's situation began where that is later still (a late report of an older
     * change arriving after a newer one: the state cannot have begun before every counted member was out of work).
     */
    public static LocalDate startedOn(List<LocalDate> countedSince, LocalDate changedOn) {
        return countedSince.stream().filter(d -> d != null && d.isAfter(changedOn)).max(LocalDate::compareTo).orElse(changedOn);
    }

    /** Why the state ended, from what caused the change and why the household no longer qualifies. */
    public static EndReason endReason(Cause cause, Why why) {
        if (why == Why.A_MEMBER_IN_STABLE_WORK) {
            return cause == Cause.PLACEMENT ? EndReason.PLACED : EndReason.EMPLOYED_ELSEWHERE;
        }
        return cause == Cause.EXIT ? EndReason.EXITED : EndReason.NO_LONGER_ELIGIBLE;
    }

    /** Whether {@code member} counts on {@code date}. */
    public static boolean counts(MemberFacts member, LocalDate date) {
        return member.ofWorkingAgeOn(date)
                && member.capacity() != LabourCapacity.NONE
                && member.willingToWork()
                && !NOT_COUNTED.contains(member.status());
    }

    /** Decides for the members of one household on {@code date}. */
    public static Decision decide(List<MemberFacts> members, LocalDate date) {
        List<MemberFacts> counted = members.stream().filter(m -> counts(m, date)).toList();
        if (members.stream().anyMatch(MemberFacts::businessOrInvestmentIncome)) {
            return new Decision(false, counted, Why.BUSINESS_OR_INVESTMENT_INCOME);
        }
        if (counted.isEmpty()) {
            return new Decision(false, counted, Why.NO_COUNTED_MEMBER);
        }
        if (counted.stream().anyMatch(m -> m.status() == EmploymentStatus.EMPLOYED_STABLE)) {
            return new Decision(false, counted, Why.A_MEMBER_IN_STABLE_WORK);
        }
        return new Decision(true, counted, Why.ALL_COUNTED_MEMBERS_OUT_OF_STABLE_WORK);
    }
}
