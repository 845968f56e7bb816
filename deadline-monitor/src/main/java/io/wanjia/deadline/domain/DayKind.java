package io.wanjia.deadline.domain;

/** How a policy counts days: every calendar day, or only working days (Chinese public-holiday calendar). */
public enum DayKind {
    CALENDAR, WORKING
}
