package io.wanjia.household.domain;

/** What caused a change of a household's facts: decides the reason an ended zero-employment state gives. */
public enum Cause {
    /** A caseworker's entry in the register. */
    REST,
    /** A labour report from another government system. */
    LABOUR_REPORT,
    /** A placement made or ended by placement-service. */
    PLACEMENT,
    /** A member reaching working age or retirement age. */
    AGEING,
    /** An exit (退出) recorded for the household. */
    EXIT,
    /** The household's registration. */
    REGISTRATION
}
