package io.wanjia.deadline.domain;

/**
 * How a case closed: met by the deadline, met after it, withdrawn (exit, no longer eligible), or transferred — the household
 * moved to another district of the city, whose case carries the promise on with its day count (issue #18).
 */
public enum Outcome {
    MET, MET_LATE, WITHDRAWN, TRANSFERRED
}
