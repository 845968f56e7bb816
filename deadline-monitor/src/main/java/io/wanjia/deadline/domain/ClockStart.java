package io.wanjia.deadline.domain;

/**
 * Where a case's promise clock starts (issue #16): on the business date the household became zero-employment (the
 * default: the promise is to the household, not to the paperwork), or on the date its identification (认定) was
 * confirmed. Either way the case is open from detection and shows the identification's stage.
 */
public enum ClockStart {
    ZERO_EMPLOYMENT, CONFIRMATION
}
