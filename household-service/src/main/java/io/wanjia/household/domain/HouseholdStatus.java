package io.wanjia.household.domain;

/** Where a household stands in the programme. */
public enum HouseholdStatus {
    ZERO_EMPLOYMENT, NOT_ZERO_EMPLOYMENT, EXITED
}
