package io.wanjia.household.domain;

/** A member's situation in the labour market. Unstable employment is recorded but does not end zero-employment. */
public enum EmploymentStatus {
    EMPLOYED_STABLE, EMPLOYED_UNSTABLE, UNEMPLOYED, STUDENT, MILITARY, RETIRED
}
