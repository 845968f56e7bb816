package io.wanjia.household.domain;

/** Highest education completed. */
public enum Education {
    NONE, PRIMARY, JUNIOR_MIDDLE, SENIOR_MIDDLE, VOCATIONAL, COLLEGE, BACHELOR, POSTGRADUATE
}
