package io.wanjia.deadline.domain;

/** How a case closed: met by the deadline, met after it, or withdrawn (exit, no longer eligible). */
public enum Outcome {
    MET, MET_LATE, WITHDRAWN
}
