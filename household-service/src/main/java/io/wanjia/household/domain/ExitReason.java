package io.wanjia.household.domain;

/** 退出: why a household left the programme other than by employment. */
public enum ExitReason {
    REFUSED_OFFERS, UNREACHABLE, BUSINESS_INCOME, LOST_ABILITY_OR_WILLINGNESS,
    /**
     * The household moved to another district of the city, which carries its promise on (issue #18): recorded only by a
     * transfer's release, never as an exit a caseworker chooses.
     */
    TRANSFERRED
}
