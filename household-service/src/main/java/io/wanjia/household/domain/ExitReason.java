package io.wanjia.household.domain;

/** 退出: why a household left the programme other than by employment. */
public enum ExitReason {
    REFUSED_OFFERS, UNREACHABLE, BUSINESS_INCOME, LOST_ABILITY_OR_WILLINGNESS
}
