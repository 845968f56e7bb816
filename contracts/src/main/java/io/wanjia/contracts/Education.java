package io.wanjia.contracts;

/** Highest education completed, lowest first (events carry it by name; job posts compare by this order). */
public enum Education {
    NONE, PRIMARY, JUNIOR_MIDDLE, SENIOR_MIDDLE, VOCATIONAL, COLLEGE, BACHELOR, POSTGRADUATE
}
