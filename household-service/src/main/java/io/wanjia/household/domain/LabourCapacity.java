package io.wanjia.household.domain;

/** Whether a member can work fully, partly, or not at all. */
public enum LabourCapacity {
    FULL, PARTIAL, NONE
}
