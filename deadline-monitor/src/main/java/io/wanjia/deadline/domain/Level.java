package io.wanjia.deadline.domain;

/** The rungs of the escalation ladder, lowest first: 社区, 街道, 区, 市. */
public enum Level {
    COMMUNITY, STREET, DISTRICT, CITY;

    /** Whether this level is at least {@code minimum}. */
    public boolean atLeast(Level minimum) {
        return compareTo(minimum) >= 0;
    }
}
