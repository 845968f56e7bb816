package io.wanjia.household.domain;

/** The programme a household belongs to; each may have its own deadline policy. */
public enum Cohort {
    STANDARD, SHANTYTOWN_RELOCATION, GRADUATE_FAMILY
}
