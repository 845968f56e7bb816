package io.wanjia.household.domain;

import java.time.LocalDate;
import java.time.Period;
import java.util.EnumSet;
import java.util.Set;

/**
 * 困难家庭大中专毕业生: whether a member is a graduate in need on a date (issue #17; the seed's 2007 target "确保困难家庭大中专毕业生
 * 实现就业"). A member is one when they graduated from college or technical school (大中专) within the recent period and not
 * after the date, the zero-employment rule counts them (working age, able and willing, not studying, serving or retired),
 * they are not in stable work (unstable work, as for the household, does not count as placed), and the household is in
 * difficulty: on the minimum living allowance (低保) or zero-employment.
 */
public final class GraduateRule {

    private GraduateRule() {
    }

    /** Why a household is in difficulty. */
    public enum Ground {
        /** 低保: the household receives the urban minimum living allowance. */
        MINIMUM_LIVING_ALLOWANCE,
        ZERO_EMPLOYMENT
    }

    /** The grounds a household has: none when it is neither on the allowance nor zero-employment. */
    public static Set<Ground> grounds(boolean minimumLivingAllowance, boolean zeroEmployment) {
        Set<Ground> grounds = EnumSet.noneOf(Ground.class);
        if (minimumLivingAllowance) {
            grounds.add(Ground.MINIMUM_LIVING_ALLOWANCE);
        }
        if (zeroEmployment) {
            grounds.add(Ground.ZERO_EMPLOYMENT);
        }
        return grounds;
    }

    /**
     * Whether {@code member}, who graduated on {@code graduatedOn} (null: not a graduate), is a graduate in need on
     * {@code date} in a household with {@code grounds}; a graduation longer than {@code recentFor} ago is not recent.
     */
    public static boolean inNeed(MemberFacts member, LocalDate graduatedOn, Set<Ground> grounds, LocalDate date, Period recentFor) {
        return graduatedOn != null
                && !graduatedOn.isAfter(date)
                && date.isBefore(graduatedOn.plus(recentFor))
                && !grounds.isEmpty()
                && ZeroEmploymentRule.counts(member, date)
                && member.status() != EmploymentStatus.EMPLOYED_STABLE;
    }
}
